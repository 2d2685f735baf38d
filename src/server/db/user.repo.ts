import type { OfficeRole, Locale } from '../../shared/roles.ts';
import type { Queryable } from './database.ts';
import { readFlag, readInstant, writeFlag, writeInstant } from './values.ts';

export type UserRow = {
  id: string;
  orgId: string;
  username: string;
  displayName: string;
  passwordHash: string;
  isAdmin: boolean;
  active: boolean;
  mustChangePassword: boolean;
  locale: Locale;
  createdAt: Date;
  passwordChangedAt: Date;
  version: number;
};

export type RoleRow = { orgId: string; userId: string; officeId: string; role: OfficeRole };

type RawUser = {
  id: string;
  org_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  is_admin: boolean | number;
  active: boolean | number;
  must_change_password: boolean | number;
  locale: string;
  created_at: Date | string;
  password_changed_at: Date | string;
  version: number;
};

function toUser(row: RawUser): UserRow {
  return {
    id: row.id,
    orgId: row.org_id,
    username: row.username,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    isAdmin: readFlag(row.is_admin),
    active: readFlag(row.active),
    mustChangePassword: readFlag(row.must_change_password),
    locale: row.locale === 'en-US' ? 'en-US' : 'zh-CN',
    createdAt: readInstant(row.created_at),
    passwordChangedAt: readInstant(row.password_changed_at),
    version: row.version,
  };
}

/** User names compare case-insensitively; they are stored lower-case. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

export async function insertUser(db: Queryable, user: UserRow): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      org_id: user.orgId,
      username: normalizeUsername(user.username),
      display_name: user.displayName,
      password_hash: user.passwordHash,
      is_admin: writeFlag(user.isAdmin),
      active: writeFlag(user.active),
      must_change_password: writeFlag(user.mustChangePassword),
      locale: user.locale,
      created_at: writeInstant(user.createdAt),
      password_changed_at: writeInstant(user.passwordChangedAt),
      version: user.version,
    })
    .execute();
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | null> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function findUserByUsername(db: Queryable, username: string): Promise<UserRow | null> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', normalizeUsername(username))
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function listUsersOfOrganization(db: Queryable, orgId: string): Promise<UserRow[]> {
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('username')
    .execute();
  return rows.map(toUser);
}

/**
 * Applies a change when the stored version still matches (optimistic concurrency);
 * returns false when someone else changed the user first.
 */
export async function updateUser(
  db: Queryable,
  id: string,
  expectedVersion: number,
  change: Partial<
    Pick<
      UserRow,
      | 'displayName'
      | 'passwordHash'
      | 'active'
      | 'mustChangePassword'
      | 'locale'
      | 'isAdmin'
      | 'passwordChangedAt'
    >
  >,
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({
      ...(change.displayName === undefined ? {} : { display_name: change.displayName }),
      ...(change.passwordHash === undefined ? {} : { password_hash: change.passwordHash }),
      ...(change.active === undefined ? {} : { active: writeFlag(change.active) }),
      ...(change.isAdmin === undefined ? {} : { is_admin: writeFlag(change.isAdmin) }),
      ...(change.mustChangePassword === undefined
        ? {}
        : { must_change_password: writeFlag(change.mustChangePassword) }),
      ...(change.locale === undefined ? {} : { locale: change.locale }),
      ...(change.passwordChangedAt === undefined
        ? {}
        : { password_changed_at: writeInstant(change.passwordChangedAt) }),
      version: expectedVersion + 1,
    })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listRolesOfUsers(
  db: Queryable,
  userIds: readonly string[],
): Promise<RoleRow[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('user_office_roles')
    .select(['org_id', 'user_id', 'office_id', 'role'])
    .where('user_id', 'in', userIds)
    .execute();
  return rows.map((r) => ({
    orgId: r.org_id,
    userId: r.user_id,
    officeId: r.office_id,
    role: r.role as OfficeRole,
  }));
}

/** Replaces a user's roles with the given set. */
export async function replaceRolesOfUser(
  db: Queryable,
  userId: string,
  roles: readonly RoleRow[],
  at: Date,
): Promise<void> {
  await db.deleteFrom('user_office_roles').where('user_id', '=', userId).execute();
  if (roles.length === 0) return;
  await db
    .insertInto('user_office_roles')
    .values(
      roles.map((r) => ({
        org_id: r.orgId,
        user_id: r.userId,
        office_id: r.officeId,
        role: r.role,
        created_at: writeInstant(at),
      })),
    )
    .execute();
}

/** The people who hold a role in an office, with their names. */
export async function listOfficeMembers(
  db: Queryable,
  officeId: string,
): Promise<{ userId: string; displayName: string; role: OfficeRole; active: boolean }[]> {
  const rows = await db
    .selectFrom('user_office_roles')
    .innerJoin('users', 'users.id', 'user_office_roles.user_id')
    .select(['users.id', 'users.display_name', 'users.active', 'user_office_roles.role'])
    .where('user_office_roles.office_id', '=', officeId)
    .orderBy('users.username')
    .execute();
  return rows.map((r) => ({
    userId: r.id,
    displayName: r.display_name,
    role: r.role as OfficeRole,
    active: readFlag(r.active),
  }));
}
