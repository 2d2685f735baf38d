import type { RoleRow, UserRow } from '../db/user.repo.ts';
import { can, type Action, type Actor, type Resource } from '../domain/policy.ts';
import { AppError } from '../../shared/errors.ts';
import type { OfficeRole } from '../../shared/roles.ts';

export function actorOf(user: UserRow, roles: readonly RoleRow[]): Actor {
  const byOffice = new Map<string, OfficeRole>();
  for (const role of roles) if (role.orgId === user.orgId) byOffice.set(role.officeId, role.role);
  return { userId: user.id, orgId: user.orgId, isAdmin: user.isAdmin, roles: byOffice };
}

/**
 * Refuses with 403 unless the policy allows the action. Resources of another organization are
 * answered 404 by the caller before this point, so their existence does not leak.
 */
export function authorize(actor: Actor, action: Action, resource: Resource): void {
  if (!can(actor, action, resource)) {
    throw new AppError('FORBIDDEN', `you are not allowed to ${action} here`, {
      details: { action },
    });
  }
}
