import { z } from 'zod';
import { idSchema } from './common.ts';
import { newPasswordSchema, officeRoleSchema, usernameSchema, localeSchema } from './auth.ts';

const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time as HH:mm');

export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => isKnownTimeZone(zone), 'unknown IANA time zone');

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const postSchema = z.object({ id: idSchema, name: z.string() });

export const shiftTemplateSchema = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  startTime: timeOfDaySchema,
  endTime: timeOfDaySchema,
});

export const officeSchema = z
  .object({
    id: idSchema,
    name: z.string(),
    timeZone: z.string(),
    posts: z.array(postSchema),
    shiftTemplates: z.array(shiftTemplateSchema),
  })
  .meta({ id: 'Office' });

export const officeListSchema = z.object({ offices: z.array(officeSchema) });

export const createOfficeBodySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    timeZone: timeZoneSchema.default('Asia/Shanghai'),
  })
  .strict();

export const officeParamsSchema = z.object({ officeId: idSchema }).strict();

export const roleAssignmentSchema = z
  .object({ officeId: idSchema, role: officeRoleSchema })
  .strict();

export const userSchema = z
  .object({
    id: idSchema,
    username: z.string(),
    displayName: z.string(),
    isAdmin: z.boolean(),
    active: z.boolean(),
    locale: localeSchema,
    roles: z.array(
      z.object({ officeId: idSchema, officeName: z.string(), role: officeRoleSchema }),
    ),
  })
  .meta({ id: 'User' });

export type User = z.infer<typeof userSchema>;

export const userListSchema = z.object({ users: z.array(userSchema) });

export const createUserBodySchema = z
  .object({
    username: usernameSchema,
    displayName: z.string().trim().min(1).max(64),
    password: newPasswordSchema,
    isAdmin: z.boolean().default(false),
    locale: localeSchema.default('zh-CN'),
    roles: z.array(roleAssignmentSchema).max(200).default([]),
  })
  .strict();

export const setRolesBodySchema = z
  .object({ roles: z.array(roleAssignmentSchema).max(200) })
  .strict();

export const resetPasswordBodySchema = z.object({ newPassword: newPasswordSchema }).strict();

export const userParamsSchema = z.object({ userId: idSchema }).strict();

export const setActiveBodySchema = z.object({ active: z.boolean() }).strict();
