import { AppError } from '../../shared/errors.ts';
import type { Me } from '../../shared/contract/auth.ts';
import type { Locale } from '../../shared/roles.ts';
import { listOfficesByIds, findOrganization } from '../db/org.repo.ts';
import {
  findSession,
  insertSession,
  revokeSession,
  revokeSessionsOfUser,
  touchSession,
  type SessionRow,
} from '../db/session.repo.ts';
import {
  findUserById,
  findUserByUsername,
  listRolesOfUsers,
  updateUser,
  type UserRow,
} from '../db/user.repo.ts';
import type { Actor } from '../domain/policy.ts';
import { actorOf } from './actor.ts';
import { recordAudit } from './audit.service.ts';
import {
  inTransaction,
  sha256Hex,
  type Clock,
  type ServiceContext,
  type ServiceDeps,
} from './context.ts';
import { createSnapshotCache, type SnapshotCache } from './snapshot-cache.ts';

/** A verified hash of nothing, so unknown user names cost the same time as wrong passwords. */
let decoyHash: Promise<string> | undefined;

/** A request's verified session, its user and what they may do. */
export type Authenticated = { session: SessionRow; user: UserRow; actor: Actor };

export type SignedIn = { token: string; session: SessionRow; user: UserRow; actor: Actor };

/** Signs a user in: checks the password and opens a server-side session. */
export async function login(
  deps: ServiceDeps,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
): Promise<SignedIn> {
  const user = await findUserByUsername(deps.db, input.username);
  if (user === null) {
    decoyHash ??= deps.passwords.hash('decoy password');
    await deps.passwords.verify(input.password, await decoyHash);
    throw invalidCredentials();
  }
  const ok = await deps.passwords.verify(input.password, user.passwordHash);
  if (!ok || !user.active) {
    await inTransaction(deps, (tx) =>
      recordAudit(tx, deps.clock, {
        orgId: user.orgId,
        actorUserId: user.id,
        action: 'auth.login-failed',
        entityType: 'user',
        entityId: user.id,
        payload: { reason: ok ? 'inactive' : 'wrong-password', ip: input.ip },
      }),
    );
    throw invalidCredentials();
  }

  const now = deps.clock.now();
  const token = deps.ids.newToken();
  const session: SessionRow = {
    id: sha256Hex(token),
    orgId: user.orgId,
    userId: user.id,
    csrfToken: deps.ids.newToken(),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: sessionExpiry(deps, now, now),
    revokedAt: null,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
    ip: input.ip,
  };
  await inTransaction(deps, async (tx) => {
    await insertSession(tx, session);
    await recordAudit(tx, deps.clock, {
      orgId: user.orgId,
      actorUserId: user.id,
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      payload: { ip: input.ip },
    });
  });
  const roles = await listRolesOfUsers(deps.db, [user.id]);
  return { token, session, user, actor: actorOf(user, roles) };
}

function invalidCredentials(): AppError {
  return new AppError('INVALID_CREDENTIALS', 'user name or password is wrong');
}

/** A session lives until it has been idle too long or reaches its maximum age. */
function sessionExpiry(deps: ServiceDeps, createdAt: Date, now: Date): Date {
  const idle = now.getTime() + deps.sessions.idleMinutes * 60_000;
  const absolute = createdAt.getTime() + deps.sessions.maxHours * 3_600_000;
  return new Date(Math.min(idle, absolute));
}

/** Renewing the idle timer at most once a minute keeps reads from writing on every request. */
const touchIntervalMs = 60_000;

/**
 * How long, by default, a session lookup is reused in this process before the database is
 * asked again. Logout, password changes, deactivation, role and profile changes drop it at
 * once in the process that makes them; another instance sees them within this bound.
 */
export const defaultSessionCacheMs = 5_000;

/** Session lookups by session id (the token's sha-256), reused for a few seconds. */
export type SessionCache = SnapshotCache<Authenticated>;

export function createSessionCache(clock: Clock, maxAgeMs = defaultSessionCacheMs): SessionCache {
  return createSnapshotCache<Authenticated>({ clock, maxAgeMs });
}

/** Drops the cached lookups of a user's sessions (and any lookup still being read). */
export function forgetSessionsOf(deps: ServiceDeps, userId: string): void {
  deps.sessionCache?.drop((_id, found) => found === undefined || found.user.id === userId);
}

/** Resolves a session cookie to its user; refuses ended, revoked or unknown sessions. */
export async function authenticate(deps: ServiceDeps, token: string): Promise<Authenticated> {
  const id = sha256Hex(token);
  const found =
    deps.sessionCache === undefined
      ? await lookUpSession(deps, id)
      : await deps.sessionCache.read(id, () => lookUpSession(deps, id));
  const { session } = found;
  const now = deps.clock.now();
  if (session.expiresAt.getTime() <= now.getTime()) {
    throw new AppError('SESSION_EXPIRED', 'your session has ended; please sign in again');
  }
  if (now.getTime() - session.lastSeenAt.getTime() >= touchIntervalMs) {
    // the cached row is renewed too, so the next requests do not touch it again
    session.lastSeenAt = now;
    session.expiresAt = sessionExpiry(deps, session.createdAt, now);
    await touchSession(deps.db, session.id, session.lastSeenAt, session.expiresAt);
  }
  return { ...found };
}

async function lookUpSession(deps: ServiceDeps, id: string): Promise<Authenticated> {
  const session = await findSession(deps.db, id);
  if (session?.revokedAt !== null) {
    throw new AppError('UNAUTHENTICATED', 'please sign in');
  }
  if (session.expiresAt.getTime() <= deps.clock.now().getTime()) {
    throw new AppError('SESSION_EXPIRED', 'your session has ended; please sign in again');
  }
  const user = await findUserById(deps.db, session.userId);
  if (!user?.active) throw new AppError('UNAUTHENTICATED', 'please sign in');
  const roles = await listRolesOfUsers(deps.db, [user.id]);
  return { session, user, actor: actorOf(user, roles) };
}

export async function logout(ctx: ServiceContext, sessionId: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await revokeSession(tx, sessionId, ctx.clock.now());
    await recordAudit(tx, ctx.clock, {
      orgId: ctx.actor.orgId,
      actorUserId: ctx.actor.userId,
      action: 'auth.logout',
      entityType: 'user',
      entityId: ctx.actor.userId,
      payload: {},
    });
  });
  ctx.sessionCache?.drop((id) => id === sessionId);
}

/** The signed-in user with their roles per office, and the token to send with changes. */
export async function describeMe(
  deps: ServiceDeps,
  user: UserRow,
  session: SessionRow,
): Promise<Me> {
  const [org, roles] = await Promise.all([
    findOrganization(deps.db, user.orgId),
    listRolesOfUsers(deps.db, [user.id]),
  ]);
  const offices = await listOfficesByIds(
    deps.db,
    roles.map((r) => r.officeId),
  );
  const roleOf = new Map(roles.map((r) => [r.officeId, r.role]));
  return {
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      locale: user.locale,
      isAdmin: user.isAdmin,
      orgId: user.orgId,
      orgName: org?.name ?? '',
      mustChangePassword: user.mustChangePassword,
    },
    offices: offices.map((office) => ({
      officeId: office.id,
      officeName: office.name,
      timeZone: office.timeZone,
      role: roleOf.get(office.id) ?? 'staff',
    })),
    csrfToken: session.csrfToken,
    sessionExpiresAt: session.expiresAt.toISOString(),
  };
}

/** Changes one's own password; other sessions of the user end. */
export async function changePassword(
  ctx: ServiceContext,
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await findUserById(ctx.db, ctx.actor.userId);
  if (user === null) throw new AppError('UNAUTHENTICATED', 'please sign in');
  if (!(await ctx.passwords.verify(input.currentPassword, user.passwordHash))) {
    throw new AppError('VALIDATION_FAILED', 'the current password is wrong', {
      details: [{ path: 'currentPassword', message: 'wrong password' }],
    });
  }
  if (input.newPassword === input.currentPassword) {
    throw new AppError('VALIDATION_FAILED', 'the new password must differ from the current one', {
      details: [{ path: 'newPassword', message: 'same as the current password' }],
    });
  }
  const passwordHash = await ctx.passwords.hash(input.newPassword);
  await inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now();
    const updated = await updateUser(tx, user.id, user.version, {
      passwordHash,
      mustChangePassword: false,
      passwordChangedAt: now,
    });
    if (!updated)
      throw new AppError('VERSION_CONFLICT', 'the account changed meanwhile; try again');
    await revokeSessionsOfUser(tx, user.id, now, sessionId);
    await recordAudit(tx, ctx.clock, {
      orgId: user.orgId,
      actorUserId: user.id,
      action: 'user.password-changed',
      entityType: 'user',
      entityId: user.id,
      payload: {},
    });
  });
  forgetSessionsOf(ctx, user.id);
}

/** Updates one's own language and display name. */
export async function updateProfile(
  ctx: ServiceContext,
  input: { locale?: Locale | undefined; displayName?: string | undefined },
): Promise<UserRow> {
  const user = await findUserById(ctx.db, ctx.actor.userId);
  if (user === null) throw new AppError('UNAUTHENTICATED', 'please sign in');
  await inTransaction(ctx, async (tx) => {
    const updated = await updateUser(tx, user.id, user.version, {
      ...(input.locale === undefined ? {} : { locale: input.locale }),
      ...(input.displayName === undefined ? {} : { displayName: input.displayName }),
    });
    if (!updated)
      throw new AppError('VERSION_CONFLICT', 'the account changed meanwhile; try again');
    await recordAudit(tx, ctx.clock, {
      orgId: user.orgId,
      actorUserId: user.id,
      action: 'user.profile-updated',
      entityType: 'user',
      entityId: user.id,
      payload: { locale: input.locale, displayName: input.displayName },
    });
  });
  forgetSessionsOf(ctx, user.id);
  return {
    ...user,
    locale: input.locale ?? user.locale,
    displayName: input.displayName ?? user.displayName,
    version: user.version + 1,
  };
}
