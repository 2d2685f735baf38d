import { z } from 'zod';
import { locales, officeRoles } from '../roles.ts';
import { idSchema } from './common.ts';

export const usernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore only');

/** Passwords: long enough to resist guessing, short enough to keep scrypt cheap to refuse. */
export const newPasswordSchema = z.string().min(8).max(256);

export const loginBodySchema = z
  .object({
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(256),
  })
  .strict();

export const officeRoleSchema = z.enum(officeRoles);
export const localeSchema = z.enum(locales);

export const membershipSchema = z.object({
  officeId: idSchema,
  officeName: z.string(),
  timeZone: z.string(),
  role: officeRoleSchema,
});

export const meSchema = z
  .object({
    user: z.object({
      id: idSchema,
      username: z.string(),
      displayName: z.string(),
      locale: localeSchema,
      isAdmin: z.boolean(),
      orgId: idSchema,
      orgName: z.string(),
      mustChangePassword: z.boolean(),
    }),
    offices: z.array(membershipSchema),
    csrfToken: z.string(),
    sessionExpiresAt: z.string(),
  })
  .meta({ id: 'Me' });

export type Me = z.infer<typeof meSchema>;

export const changePasswordBodySchema = z
  .object({
    currentPassword: z.string().min(1).max(256),
    newPassword: newPasswordSchema,
  })
  .strict();

export const updateProfileBodySchema = z
  .object({
    locale: localeSchema.optional(),
    displayName: z.string().trim().min(1).max(64).optional(),
  })
  .strict();
