import { AppError } from '../../shared/errors.ts';
import type { User } from '../../shared/contract/org.ts';
import type { Locale, OfficeRole } from '../../shared/roles.ts';
import { listOfficesOfOrganization } from '../db/org.repo.ts';
import { revokeSessionsOfUser } from '../db/session.repo.ts';
import {
  findUserById,
  findUserByUsername,
  insertUser,
  listRolesOfUsers,
  listUsersOfOrganization,
  replaceRolesOfUser,
  updateUser,
  type RoleRow,
  type UserRow,
} from '../db/user.repo.ts';
import type { Tx } from '../db/database.ts';
import { authorize } from './actor.ts';
import { recordAudit } from './audit.service.ts';
import { forgetSessionsOf } from './auth.service.ts';
import { inTransaction, type ServiceContext, type ServiceDeps } from './context.ts';

type RoleInput = { officeId: string; role: OfficeRole };

/** Every user of the actor's organization with their roles (admin). */
export async function listUsers(ctx: ServiceContext): Promise<User[]> {
  authorize(ctx.actor, 'org.manage-users', { orgId: ctx.actor.orgId });
  const [users, offices] = await Promise.all([
    listUsersOfOrganization(ctx.db, ctx.actor.orgId),
    listOfficesOfOrganization(ctx.db, ctx.actor.orgId),
  ]);
  const roles = await listRolesOfUsers(
    ctx.db,
    users.map((u) => u.id),
  );
  const officeName = new Map(offices.map((o) => [o.id, o.name]));
  return users.map((user) => ({
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    isAdmin: user.isAdmin,
    active: user.active,
    locale: user.locale,
    roles: roles
      .filter((r) => r.userId === user.id)
      .map((r) => ({
        officeId: r.officeId,
        officeName: officeName.get(r.officeId) ?? '',
        role: r.role,
      })),
  }));
}

async function presentUser(ctx: ServiceContext, userId: string): Promise<User> {
  const user = (await listUsers(ctx)).find((u) => u.id === userId);
  if (user === undefined) throw new AppError('NOT_FOUND', 'no such user');
  return user;
}

/** Checks that every office named belongs to the organization and appears once. */
async function checkRoles(
  deps: ServiceDeps,
  orgId: string,
  roles: readonly RoleInput[],
): Promise<void> {
  const offices = new Set((await listOfficesOfOrganization(deps.db, orgId)).map((o) => o.id));
  const seen = new Set<string>();
  roles.forEach((role, index) => {
    if (!offices.has(role.officeId)) {
      throw new AppError('VALIDATION_FAILED', 'unknown office', {
        details: [
          {
            path: `roles.${String(index)}.officeId`,
            message: 'no such office in your organization',
          },
        ],
      });
    }
    if (seen.has(role.officeId)) {
      throw new AppError('VALIDATION_FAILED', 'one role per office', {
        details: [
          { path: `roles.${String(index)}.officeId`, message: 'this office is listed twice' },
        ],
      });
    }
    seen.add(role.officeId);
  });
}

export type NewUser = {
  username: string;
  displayName: string;
  password: string;
  isAdmin: boolean;
  locale: Locale;
  roles: RoleInput[];
  /** true when an administrator chose the password: the user must change it at first sign-in */
  mustChangePassword: boolean;
};

/**
 * Creates a user in an organization. Shared by the admin route, the CLI and the demo seed;
 * the caller has authorized it and passes the transaction.
 */
export async function insertNewUser(
  tx: Tx,
  deps: ServiceDeps,
  orgId: string,
  actorUserId: string | null,
  input: NewUser,
): Promise<UserRow> {
  if ((await findUserByUsername(tx, input.username)) !== null) {
    throw new AppError('USERNAME_TAKEN', 'this user name is taken', {
      details: [{ path: 'username', message: 'taken' }],
    });
  }
  const now = deps.clock.now();
  const user: UserRow = {
    id: deps.ids.newId(),
    orgId,
    username: input.username.toLowerCase(),
    displayName: input.displayName,
    passwordHash: await deps.passwords.hash(input.password),
    isAdmin: input.isAdmin,
    active: true,
    mustChangePassword: input.mustChangePassword,
    locale: input.locale,
    createdAt: now,
    passwordChangedAt: now,
    version: 1,
  };
  await insertUser(tx, user);
  await replaceRolesOfUser(
    tx,
    user.id,
    input.roles.map((r) => ({ ...r, orgId, userId: user.id })),
    now,
  );
  await recordAudit(tx, deps.clock, {
    orgId,
    actorUserId,
    action: 'user.created',
    entityType: 'user',
    entityId: user.id,
    payload: {
      username: user.username,
      displayName: user.displayName,
      isAdmin: user.isAdmin,
      roles: input.roles,
    },
  });
  return user;
}

export async function createUser(
  ctx: ServiceContext,
  input: Omit<NewUser, 'mustChangePassword'>,
): Promise<User> {
  authorize(ctx.actor, 'org.manage-users', { orgId: ctx.actor.orgId });
  await checkRoles(ctx, ctx.actor.orgId, input.roles);
  const user = await inTransaction(ctx, (tx) =>
    insertNewUser(tx, ctx, ctx.actor.orgId, ctx.actor.userId, {
      ...input,
      mustChangePassword: true,
    }),
  );
  return presentUser(ctx, user.id);
}

/** Loads a user of the actor's organization; another organization's user is "not found". */
async function loadOwnUser(ctx: ServiceContext, userId: string): Promise<UserRow> {
  const user = await findUserById(ctx.db, userId);
  if (user?.orgId !== ctx.actor.orgId) throw new AppError('NOT_FOUND', 'no such user');
  return user;
}

export async function setRoles(
  ctx: ServiceContext,
  userId: string,
  roles: RoleInput[],
): Promise<User> {
  authorize(ctx.actor, 'org.manage-users', { orgId: ctx.actor.orgId });
  const user = await loadOwnUser(ctx, userId);
  await checkRoles(ctx, user.orgId, roles);
  await inTransaction(ctx, async (tx) => {
    const before: RoleRow[] = await listRolesOfUsers(tx, [user.id]);
    await replaceRolesOfUser(
      tx,
      user.id,
      roles.map((r) => ({ ...r, orgId: user.orgId, userId: user.id })),
      ctx.clock.now(),
    );
    await recordAudit(tx, ctx.clock, {
      orgId: user.orgId,
      actorUserId: ctx.actor.userId,
      action: 'user.roles-set',
      entityType: 'user',
      entityId: user.id,
      payload: {
        before: before.map((r) => ({ officeId: r.officeId, role: r.role })),
        after: roles,
      },
    });
  });
  forgetSessionsOf(ctx, user.id);
  return presentUser(ctx, user.id);
}

/** An administrator sets a new password; the user's sessions end and they must change it. */
export async function resetPassword(
  ctx: ServiceContext,
  userId: string,
  newPassword: string,
): Promise<void> {
  authorize(ctx.actor, 'org.manage-users', { orgId: ctx.actor.orgId });
  const user = await loadOwnUser(ctx, userId);
  const passwordHash = await ctx.passwords.hash(newPassword);
  await inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now();
    const updated = await updateUser(tx, user.id, user.version, {
      passwordHash,
      mustChangePassword: user.id !== ctx.actor.userId,
      passwordChangedAt: now,
    });
    if (!updated) throw new AppError('VERSION_CONFLICT', 'the user changed meanwhile; try again');
    await revokeSessionsOfUser(tx, user.id, now);
    await recordAudit(tx, ctx.clock, {
      orgId: user.orgId,
      actorUserId: ctx.actor.userId,
      action: 'user.password-reset',
      entityType: 'user',
      entityId: user.id,
      payload: {},
    });
  });
  forgetSessionsOf(ctx, user.id);
}

/** Deactivates or reactivates a user; users are never deleted, their records stay attributed. */
export async function setActive(
  ctx: ServiceContext,
  userId: string,
  active: boolean,
): Promise<User> {
  authorize(ctx.actor, 'org.manage-users', { orgId: ctx.actor.orgId });
  const user = await loadOwnUser(ctx, userId);
  if (user.id === ctx.actor.userId && !active) {
    throw new AppError('CONFLICT', 'you cannot deactivate yourself');
  }
  await inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now();
    const updated = await updateUser(tx, user.id, user.version, { active });
    if (!updated) throw new AppError('VERSION_CONFLICT', 'the user changed meanwhile; try again');
    if (!active) await revokeSessionsOfUser(tx, user.id, now);
    await recordAudit(tx, ctx.clock, {
      orgId: user.orgId,
      actorUserId: ctx.actor.userId,
      action: active ? 'user.activated' : 'user.deactivated',
      entityType: 'user',
      entityId: user.id,
      payload: {},
    });
  });
  forgetSessionsOf(ctx, user.id);
  return presentUser(ctx, user.id);
}
