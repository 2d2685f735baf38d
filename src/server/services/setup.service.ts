import { AppError } from '../../shared/errors.ts';
import type { Locale, OfficeRole } from '../../shared/roles.ts';
import type { Tx } from '../db/database.ts';
import {
  countOrganizations,
  insertOrganization,
  listOfficesOfOrganization,
  listPostsOfOffices,
} from '../db/org.repo.ts';
import { findUserByUsername, type UserRow } from '../db/user.repo.ts';
import { instantToLocal } from '../domain/calendar/local-time.ts';
import { rosterDeadlines } from '../domain/roster/roster-deadlines.ts';
import { defaultRosterSettings } from '../domain/roster/office-settings.ts';
import { recordAudit } from './audit.service.ts';
import { inTransaction, type ServiceContext, type ServiceDeps } from './context.ts';
import { createDeskItem, takeDeskItem } from './desk-items.service.ts';
import { addLogEntry } from './duty-log.service.ts';
import { saveInventory } from './handover.service.ts';
import { insertNewOffice } from './offices.service.ts';
import { raiseNc } from './nonconformances.service.ts';
import { createPatrolRoute } from './patrol-routes.service.ts';
import { logPhoneCall } from './phone.service.ts';
import { settleGenerations, startGeneration } from './roster-generation.service.ts';
import { getRosterMonth, publishRoster } from './rosters.service.ts';
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
  const seeded = await inTransaction(deps, async (tx) => {
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
    const supervisor = await findUserByUsername(tx, 'supervisor');
    const staff = await findUserByUsername(tx, 'staff1');
    return { orgId, officeId: office.id, supervisorId: supervisor!.id, staffId: staff!.id };
  });
  await seedDemoRoster(deps, seeded);
  await seedDemoDesk(deps, seeded);
  await seedDemoPatrols(deps, seeded);
  return true;
}

/**
 * A desk with something on it from the first start (WORK-1, WORK-2, PHONE-1): an inquiry
 * answered on the spot, a help request in hand, an important one whose clock runs, a log
 * entry, and this hour's calls (one answered, one missed and waiting for a call-back).
 */
async function seedDemoDesk(
  deps: ServiceDeps,
  demo: { orgId: string; officeId: string; supervisorId: string; staffId: string },
): Promise<void> {
  const as = (userId: string, role: 'staff' | 'supervisor'): ServiceContext => ({
    ...deps,
    actor: {
      userId,
      orgId: demo.orgId,
      isAdmin: false,
      roles: new Map([[demo.officeId, role]]),
    },
  });
  const staff = as(demo.staffId, 'staff');
  const supervisor = as(demo.supervisorId, 'supervisor');
  await createDeskItem(staff, demo.officeId, {
    kind: 'inquiry',
    priority: 'normal',
    channel: 'phone',
    subject: '物业费可以在哪里缴纳？',
    residentName: '王女士',
    unit: '2-1503',
    answer: '服务台或物业公众号均可缴纳，每月1日至10日。',
  });
  const taken = await createDeskItem(staff, demo.officeId, {
    kind: 'help',
    priority: 'normal',
    channel: 'walk-in',
    subject: '车库B2层照明灯不亮',
    residentName: '李先生',
    unit: '5-802',
  });
  await takeDeskItem(staff, demo.officeId, taken.item.id, taken.item.version);
  await createDeskItem(staff, demo.officeId, {
    kind: 'help',
    priority: 'important',
    channel: 'wechat',
    subject: '8号楼电梯异响，住户担心安全',
    unit: '8-1101',
    phone: '139 0000 1234',
  });
  // HO-IN-2: what the incoming shift counts at the front desk
  const [post] = await listPostsOfOffices(deps.db, [demo.officeId]);
  if (post !== undefined) {
    await saveInventory(supervisor, demo.officeId, post.id, {
      version: 0,
      items: [
        { name: '万能钥匙', quantity: 1, note: '钥匙柜 A1' },
        { name: '公共区域钥匙', quantity: 12 },
        { name: '对讲机', quantity: 2 },
        { name: '手电筒', quantity: 2 },
        { name: '雨伞', quantity: 6 },
        { name: '急救箱', quantity: 1 },
        { name: '值班记录本', quantity: 1 },
        { name: '访客证', quantity: 20 },
      ],
    });
  }
  await addLogEntry(supervisor, demo.officeId, {
    category: 'notice',
    text: '本周六上午9:00–11:00停水检修，请值班员提前通知住户。',
  });
  const now = deps.clock.now().getTime();
  const at = (minutesAgo: number, seconds = 0) =>
    new Date(now - minutesAgo * 60_000 + seconds * 1000).toISOString();
  await logPhoneCall(staff, demo.officeId, {
    ringStartedAt: at(40),
    answeredAt: at(40, 8),
    endedAt: at(37),
    caller: '138 0000 5678',
  });
  await logPhoneCall(staff, demo.officeId, {
    ringStartedAt: at(12),
    answeredAt: null,
    endedAt: at(12, 30),
    caller: '137 0000 4321',
  });
}

/**
 * Patrols 花园巡查 from the first start (issue 8): the garden and the car park with their
 * checkpoints and checklists, two rounds planned in each shift in the garden, and one
 * non-conforming item waiting for its correction.
 */
async function seedDemoPatrols(
  deps: ServiceDeps,
  demo: { orgId: string; officeId: string; supervisorId: string; staffId: string },
): Promise<void> {
  const as = (userId: string, role: 'staff' | 'supervisor'): ServiceContext => ({
    ...deps,
    actor: { userId, orgId: demo.orgId, isAdmin: false, roles: new Map([[demo.officeId, role]]) },
  });
  const supervisor = as(demo.supervisorId, 'supervisor');
  const garden = await createPatrolRoute(supervisor, demo.officeId, {
    name: '花园',
    checkpoints: [
      { name: '东门', checklist: ['照明', '门禁', '清洁'] },
      { name: '喷泉', checklist: ['排水', '水质', '安全隐患'] },
      { name: '儿童游乐区', checklist: ['设施完好', '地面', '安全隐患'] },
      { name: '北侧围栏', checklist: ['围栏完好', '照明'] },
    ],
    plannedRounds: ['D', 'E'].flatMap((shiftCode) => [
      { shiftCode, offsetMinutes: 60, windowMinutes: 90 },
      { shiftCode, offsetMinutes: 300, windowMinutes: 90 },
    ]),
  });
  await createPatrolRoute(supervisor, demo.officeId, {
    name: '地下车库',
    checkpoints: [
      { name: 'B1入口', checklist: ['照明', '道闸', '消防通道畅通'] },
      { name: 'B2消防通道', checklist: ['消防通道畅通', '应急灯'] },
    ],
    plannedRounds: [],
  });
  const playground = garden.checkpoints.find((c) => c.name === '儿童游乐区');
  await raiseNc(as(demo.staffId, 'staff'), demo.officeId, {
    clientId: 'demo-nc-swing-chain',
    what: '秋千链条松动，已临时挂牌停用',
    ...(playground === undefined ? { location: '花园' } : { checkpointId: playground.id }),
    severity: 'major',
    assignee: 'maintenance',
    dueAt: new Date(deps.clock.now().getTime() + 2 * 86_400_000).toISOString(),
  });
}

/**
 * The demo office's roster of the current month, generated by the engine and published by
 * the supervisor on time (the clock of these steps stands three days before the deadline),
 * so "my duties" and "who is on duty" have something to show from the first start.
 */
async function seedDemoRoster(
  deps: ServiceDeps,
  demo: { orgId: string; officeId: string; supervisorId: string },
): Promise<void> {
  const timeZone = 'Asia/Shanghai';
  const month = instantToLocal(deps.clock.now(), timeZone).date.slice(0, 7);
  const deadline = rosterDeadlines(month, defaultRosterSettings([]), timeZone).deadlineAt;
  const ctx = {
    ...deps,
    clock: { now: () => new Date(deadline.getTime() - 3 * 86_400_000) },
    actor: {
      userId: demo.supervisorId,
      orgId: demo.orgId,
      isAdmin: false,
      roles: new Map([[demo.officeId, 'supervisor' as const]]),
    },
  };
  await startGeneration(ctx, demo.officeId, month, { timeLimitSeconds: 10, keepPinned: false });
  await settleGenerations();
  const draft = await getRosterMonth(ctx, demo.officeId, month);
  if (draft.rows.every((row) => row.cells.every((cell) => cell === null))) return;
  await publishRoster(ctx, demo.officeId, month, {
    revision: draft.revision,
    ...(draft.check?.hardViolations.length === 0 ? {} : { overrideReason: '演示数据' }),
  });
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
