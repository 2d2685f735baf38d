import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Dialect } from '../../src/server/db/database.ts';
import type { Actor } from '../../src/server/domain/policy.ts';
import { buildApp } from '../../src/server/http/app.ts';
import type { HttpOptions } from '../../src/server/http/types.ts';
import type { Clock, Ids, ServiceContext, ServiceDeps } from '../../src/server/services/context.ts';
import { inTransaction } from '../../src/server/services/context.ts';
import { randomIds } from '../../src/server/services/context.ts';
import { createSessionCache } from '../../src/server/services/auth.service.ts';
import { createFileStore } from '../../src/server/services/file-store.ts';
import { createPasswordHasher } from '../../src/server/services/password.ts';
import { insertNewOffice } from '../../src/server/services/offices.service.ts';
import { insertOrganizationRecord } from '../../src/server/services/setup.service.ts';
import { insertNewUser } from '../../src/server/services/users.service.ts';
import { actorOf } from '../../src/server/services/actor.ts';
import type { OfficeRole } from '../../src/shared/roles.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';

export const fixedInstant = new Date('2026-11-27T01:00:00.000Z');

/** A clock that stands still until a test moves it. */
export function buildClock(
  start: Date = fixedInstant,
): Clock & { advance: (ms: number) => void; set: (d: Date) => void } {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
    set: (d) => {
      now = d.getTime();
    },
  };
}

/** Cheap scrypt so tests stay fast; stored hashes carry their cost, so verification is real. */
export const testPasswords = createPasswordHasher(4);

export function buildDeps(db: TestDatabase, overrides: Partial<ServiceDeps> = {}): ServiceDeps {
  const clock = overrides.clock ?? buildClock();
  return {
    // as in production: session lookups reused for a few seconds of the (test) clock
    sessionCache: createSessionCache(clock),
    db: db.db,
    dialect: db.dialect,
    clock,
    ids: randomIds satisfies Ids,
    passwords: testPasswords,
    sessions: { idleMinutes: 60, maxHours: 24 },
    // a fresh file store per world, so tests never see each other's evidence files
    files: createFileStore(mkdtempSync(path.join(tmpdir(), 'dutydesk-files-'))),
    ...overrides,
  };
}

export const testPassword = 'correct horse battery';

export type World = {
  db: TestDatabase;
  deps: ServiceDeps;
  orgId: string;
  officeId: string;
  otherOfficeId: string;
  /** user ids by name: admin, director, supervisor, staff, staff2, outsider (role only in the other office) */
  users: Record<'admin' | 'director' | 'supervisor' | 'staff' | 'staff2' | 'outsider', string>;
  /** a second organization with its own office and admin, to prove isolation */
  otherOrg: { orgId: string; officeId: string; adminId: string };
  contextOf: (userId: string) => Promise<ServiceContext>;
};

/**
 * An organization with two offices and one user per role, plus a second organization:
 * the setting of most db and api tests.
 */
export async function buildWorld(
  dialect: Dialect,
  overrides: Partial<ServiceDeps> = {},
): Promise<World> {
  const db = await createTestDatabase(dialect);
  const deps = buildDeps(db, overrides);
  const people: [keyof World['users'], OfficeRole | 'admin', 'main' | 'other'][] = [
    ['admin', 'admin', 'main'],
    ['director', 'director', 'main'],
    ['supervisor', 'supervisor', 'main'],
    ['staff', 'staff', 'main'],
    ['staff2', 'staff', 'main'],
    ['outsider', 'staff', 'other'],
  ];
  const built = await inTransaction(deps, async (tx) => {
    const orgId = await insertOrganizationRecord(tx, deps, '测试物业');
    const office = await insertNewOffice(tx, deps, orgId, null, {
      name: 'A大厦管理处',
      timeZone: 'Asia/Shanghai',
      postName: '前台',
    });
    const other = await insertNewOffice(tx, deps, orgId, null, {
      name: 'B大厦管理处',
      timeZone: 'Asia/Shanghai',
      postName: '前台',
    });
    const users = {} as World['users'];
    for (const [name, role, where] of people) {
      const user = await insertNewUser(tx, deps, orgId, null, {
        username: name,
        displayName: name,
        password: testPassword,
        isAdmin: role === 'admin',
        locale: 'zh-CN',
        roles:
          role === 'admin' ? [] : [{ officeId: where === 'main' ? office.id : other.id, role }],
        mustChangePassword: false,
      });
      users[name] = user.id;
    }
    const otherOrgId = await insertOrganizationRecord(tx, deps, '别家物业');
    const otherOffice = await insertNewOffice(tx, deps, otherOrgId, null, {
      name: 'C大厦管理处',
      timeZone: 'Asia/Shanghai',
      postName: '前台',
    });
    const otherAdmin = await insertNewUser(tx, deps, otherOrgId, null, {
      username: 'other-admin',
      displayName: 'other admin',
      password: testPassword,
      isAdmin: true,
      locale: 'zh-CN',
      roles: [{ officeId: otherOffice.id, role: 'director' }],
      mustChangePassword: false,
    });
    return {
      orgId,
      officeId: office.id,
      otherOfficeId: other.id,
      users,
      otherOrg: { orgId: otherOrgId, officeId: otherOffice.id, adminId: otherAdmin.id },
    };
  });
  return {
    db,
    deps,
    ...built,
    contextOf: async (userId) => {
      const { findUserById, listRolesOfUsers } = await import('../../src/server/db/user.repo.ts');
      const user = await findUserById(db.db, userId);
      if (user === null) throw new Error(`no user ${userId}`);
      const actor: Actor = actorOf(user, await listRolesOfUsers(db.db, [userId]));
      return { ...deps, actor };
    },
  };
}

export function buildHttpOptions(overrides: Partial<HttpOptions> = {}): HttpOptions {
  return {
    secureCookies: false,
    trustProxy: false,
    loginAttemptsPerWindow: 50,
    loginWindowMinutes: 15,
    webRoot: null,
    logLevel: 'silent',
    bodyLimit: 1024 * 1024,
    sessionMaxHours: 24,
    ...overrides,
  };
}

export async function buildTestApp(world: World, overrides: Partial<HttpOptions> = {}) {
  return buildApp({ services: world.deps, http: buildHttpOptions(overrides) });
}
