import { z } from 'zod';
import { errorCodes } from '../errors.ts';

/** Identifiers are opaque strings (UUIDs today). */
export const idSchema = z.string().min(1).max(64);

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes as [string, ...string[]]),
      message: z.string(),
      rule: z.string().optional(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'ErrorBody', description: 'Every refusal: a stable code, a message, the rule id.' });

/** The error responses every authenticated route may give; merged into each route schema. */
export const authErrorResponses = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
} as const;

export const okSchema = z.object({ ok: z.literal(true) });
