import type { OfficeRole } from '../../shared/roles.ts';

/**
 * Who may do what, scoped by organization and office (DESIGN.md "Authorization").
 * Pure: the caller loads the actor's roles and the resource's owner; nothing here reads a DB.
 */
export type Actor = {
  userId: string;
  orgId: string;
  isAdmin: boolean;
  /** role per office id */
  roles: ReadonlyMap<string, OfficeRole>;
};

/** What an action is done to. officeId is absent for organization-level resources. */
export type Resource = {
  orgId: string;
  officeId?: string;
  /** the user a request or record belongs to, for "never approve your own" rules */
  ownerUserId?: string;
};

export const actions = [
  // organization level (admin)
  'org.manage-users',
  'org.manage-offices',
  'org.read-audit',
  // office level
  'office.read',
  'office.manage-settings',
  'roster.read',
  'roster.edit',
  'roster.publish',
  'leave.request',
  'leave.decide',
  'dutylog.read',
  'dutylog.write',
  'help-request.handle',
  'help-request.decide-major',
  'handover.take-part',
  'handover.grant-exception',
  'patrol.do-round',
  'patrol.manage-routes',
  'nonconformance.verify',
  'report.read',
  'phone.log',
  'phone.manage',
] as const;

export type Action = (typeof actions)[number];

type Rank = 0 | 1 | 2 | 3;
const roleRank: Record<OfficeRole, Rank> = { staff: 1, supervisor: 2, director: 3 };

/** The least office role an action needs; admin-only actions have no office role. */
const minimumRole: Record<Action, OfficeRole | 'admin'> = {
  'org.manage-users': 'admin',
  'org.manage-offices': 'admin',
  'org.read-audit': 'admin',
  'office.read': 'staff',
  'office.manage-settings': 'supervisor',
  'roster.read': 'staff',
  'roster.edit': 'supervisor',
  'roster.publish': 'supervisor',
  'leave.request': 'staff',
  'leave.decide': 'supervisor',
  'dutylog.read': 'staff',
  'dutylog.write': 'staff',
  'help-request.handle': 'staff',
  // ESC-1: major issues are decided by the director
  'help-request.decide-major': 'director',
  'handover.take-part': 'staff',
  // exceptions to handover rules are granted only by a supervisor or director
  'handover.grant-exception': 'supervisor',
  'patrol.do-round': 'staff',
  'patrol.manage-routes': 'supervisor',
  'nonconformance.verify': 'supervisor',
  'report.read': 'supervisor',
  // PHONE-1: whoever is on the desk logs calls and calls back; the supervisor wires the phone system
  'phone.log': 'staff',
  'phone.manage': 'supervisor',
};

/** Actions where the actor must not be the owner of the resource (nobody approves their own). */
const notOnOwn: ReadonlySet<Action> = new Set<Action>(['leave.decide', 'nonconformance.verify']);

/** An admin may read office data of their organization to administer it, but not do duty. */
const adminMayRead: ReadonlySet<Action> = new Set<Action>(['office.read', 'roster.read']);

/**
 * The one authorization decision. Nobody acts outside their organization; office actions
 * need a role in that office at least as high as the action's minimum.
 */
export function can(actor: Actor, action: Action, resource: Resource): boolean {
  if (actor.orgId !== resource.orgId) return false;
  if (notOnOwn.has(action) && resource.ownerUserId === actor.userId) return false;

  const needed = minimumRole[action];
  if (needed === 'admin') return actor.isAdmin;
  if (resource.officeId === undefined) return false;

  if (actor.isAdmin && adminMayRead.has(action)) return true;
  const role = actor.roles.get(resource.officeId);
  if (role === undefined) return false;
  return roleRank[role] >= roleRank[needed];
}
