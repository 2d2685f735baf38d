import { AppError } from '../../shared/errors.ts';
import type { Locale, OfficeRole } from '../../shared/roles.ts';
import type { Tx } from '../db/database.ts';
import {
  countOrganizations,
  insertOrganization,
  listOfficesOfOrganization,
} from '../db/org.repo.ts';
import { findUserByUsername, type UserRow } from '../db/user.repo.ts';
import { recordAudit } from './audit.service.ts';
import { inTransaction, type ServiceDeps } from './context.ts';
import { insertNewOffice } from './offices.service.ts';
import { insertNewUser } from './users.service.ts';

export async function insertOrganizationRecord(
  tx: Tx,
  deps: ServiceDeps,
  name: string,
): Promise<string> {
  const id = deps.ids.newId();
  await insertOrganization(tx, { id, name, createdAt: deps.clock.now() });
  await recordAudit(tx, deps.clock, {
    orgId: id,
    actorUserId: null,
    action: 'organization.created',
    entityType: 'organization',
    entityId: id,
    payload: { name },
  });
  return id;
}

export const demoOfficeName = 'H大厦管理处';

/** The demo office's people: user name, Chinese display name, role. */
export const demoPeople: readonly {
  username: string;
  displayName: string;
  role: OfficeRole | 'admin';
}[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin' },
  { username: 'director', displayName: '王建国', role: 'director' },
  { username: 'supervisor', displayName: '李敏', role: 'supervisor' },
  { username: 'staff1', displayName: '张伟', role: 'staff' },
  { username: 'staff2', displayName: '刘洋', role: 'staff' },
  { username: 'staff3', displayName: '陈静', role: 'staff' },
  { username: 'staff4', displayName: '杨磊', role: 'staff' },
  { username: 'staff5', displayName: '赵丽', role: 'staff' },
  { username: 'staff6', displayName: '黄强', role: 'staff' },
];

/**
 * First run: when the database holds no organization, creates the demo organization with the
 * office H大厦管理处 (one duty desk, the shifts of SHIFT-1) and its people. Returns false
 * when there was already data, so running it twice changes nothing.
 */
export async function seedDemo(deps: ServiceDeps, password: string): Promise<boolean> {
  if ((await countOrganizations(deps.db)) > 0) return false;
  await inTransaction(deps, async (tx) => {
    const orgId = await insertOrganizationRecord(tx, deps, 'H物业管理有限公司');
    const office = await insertNewOffice(tx, deps, orgId, null, {
      name: demoOfficeName,
      timeZone: 'Asia/Shanghai',
      postName: '客服前台',
    });
    for (const person of demoPeople) {
      await insertNewUser(tx, deps, orgId, null, {
        username: person.username,
        displayName: person.displayName,
        password,
        isAdmin: person.role === 'admin',
        locale: 'zh-CN',
        roles: person.role === 'admin' ? [] : [{ officeId: office.id, role: person.role }],
        mustChangePassword: false,
      });
    }
  });
  return true;
}

export type FirstUserInput = {
  username: string;
  displayName: string;
  password: string;
  isAdmin: boolean;
  locale: Locale;
  /** the organization to create the user in; created when none exists yet */
  organizationName: string | undefined;
  organizationId: string | undefined;
  officeRoles: { officeName: string; role: OfficeRole }[];
};

/**
 * `dutydesk create-user`: creates a user from the command line, and on an empty database the
 * organization too, so an installation started without the demo can get its first admin.
 */
export async function createUserFromCommandLine(
  deps: ServiceDeps,
  input: FirstUserInput,
): Promise<UserRow> {
  return inTransaction(deps, async (tx) => {
    const orgs = await tx.selectFrom('organizations').select(['id', 'name']).execute();
    let orgId: string;
    if (input.organizationId !== undefined) {
      const org = orgs.find((o) => o.id === input.organizationId);
      if (org === undefined)
        throw new AppError('NOT_FOUND', `no organization with id ${input.organizationId}`);
      orgId = org.id;
    } else if (orgs.length === 0) {
      orgId = await insertOrganizationRecord(tx, deps, input.organizationName ?? 'DutyDesk');
    } else if (input.organizationName !== undefined) {
      const org = orgs.find((o) => o.name === input.organizationName);
      orgId = org?.id ?? (await insertOrganizationRecord(tx, deps, input.organizationName));
    } else if (orgs.length === 1) {
      orgId = orgs[0]!.id;
    } else {
      throw new AppError('VALIDATION_FAILED', 'several organizations exist: name one with --org');
    }
    if ((await findUserByUsername(tx, input.username)) !== null) {
      throw new AppError('USERNAME_TAKEN', `the user name ${input.username} is taken`);
    }
    const offices = await listOfficesOfOrganization(tx, orgId);
    const roles = input.officeRoles.map(({ officeName, role }) => {
      const office = offices.find((o) => o.name === officeName);
      if (office === undefined) throw new AppError('NOT_FOUND', `no office named ${officeName}`);
      return { officeId: office.id, role };
    });
    return insertNewUser(tx, deps, orgId, null, {
      username: input.username,
      displayName: input.displayName,
      password: input.password,
      isAdmin: input.isAdmin,
      locale: input.locale,
      roles,
      mustChangePassword: false,
    });
  });
}
