/** Roles held per office (REGULATION.md: staff 客服值班员, supervisor 客户服务主管, director 管理处主任). */
export const officeRoles = ['staff', 'supervisor', 'director'] as const;
export type OfficeRole = (typeof officeRoles)[number];

/** Supported UI languages; zh-CN is the default. */
export const locales = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof locales)[number];
