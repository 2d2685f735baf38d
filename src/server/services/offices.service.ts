import { AppError } from '../../shared/errors.ts';
import type { z } from 'zod';
import type { officeSchema } from '../../shared/contract/org.ts';
import type { Tx } from '../db/database.ts';
import {
  findOffice,
  insertOffice,
  insertPost,
  insertShiftTemplate,
  listOfficesByIds,
  listOfficesOfOrganization,
  listPostsOfOffices,
  listShiftTemplatesOfOffices,
  type OfficeRow,
} from '../db/org.repo.ts';
import { defaultShiftTemplates } from '../domain/shift-templates.ts';
import type { Actor } from '../domain/policy.ts';
import { authorize } from './actor.ts';
import { recordAudit } from './audit.service.ts';
import { inTransaction, type ServiceContext, type ServiceDeps } from './context.ts';

export type Office = z.infer<typeof officeSchema>;

async function present(deps: ServiceDeps, offices: OfficeRow[]): Promise<Office[]> {
  const ids = offices.map((o) => o.id);
  const [posts, templates] = await Promise.all([
    listPostsOfOffices(deps.db, ids),
    listShiftTemplatesOfOffices(deps.db, ids),
  ]);
  return offices.map((office) => ({
    id: office.id,
    name: office.name,
    timeZone: office.timeZone,
    posts: posts.filter((p) => p.officeId === office.id).map((p) => ({ id: p.id, name: p.name })),
    shiftTemplates: templates
      .filter((t) => t.officeId === office.id)
      .map((t) => ({
        id: t.id,
        code: t.code,
        name: t.name,
        startTime: t.startTime,
        endTime: t.endTime,
      })),
  }));
}

/** The offices the actor works in; an administrator sees every office of the organization. */
export async function listMyOffices(ctx: ServiceContext): Promise<Office[]> {
  const offices = ctx.actor.isAdmin
    ? await listOfficesOfOrganization(ctx.db, ctx.actor.orgId)
    : await listOfficesByIds(ctx.db, [...ctx.actor.roles.keys()]);
  return present(
    ctx,
    offices.filter((o) => o.orgId === ctx.actor.orgId),
  );
}

/**
 * Loads an office for an action. Another organization's office is "not found" so ids do not
 * leak across organizations; an office of one's own organization without a role is forbidden.
 */
export async function loadOfficeFor(
  ctx: ServiceContext,
  officeId: string,
  action: Parameters<typeof authorize>[1],
): Promise<OfficeRow> {
  const office = await findOffice(ctx.db, officeId);
  authorizeOffice(ctx.actor, office, action);
  return office;
}

/** The check of `loadOfficeFor` on an office already loaded (or null when there is none). */
export function authorizeOffice(
  actor: Actor,
  office: OfficeRow | null,
  action: Parameters<typeof authorize>[1],
): asserts office is OfficeRow {
  if (office?.orgId !== actor.orgId) throw new AppError('NOT_FOUND', 'no such office');
  authorize(actor, action, { orgId: office.orgId, officeId: office.id });
}

export async function getOffice(ctx: ServiceContext, officeId: string): Promise<Office> {
  const office = await loadOfficeFor(ctx, officeId, 'office.read');
  const [presented] = await present(ctx, [office]);
  return presented!;
}

/**
 * Creates an office with one duty desk and the default shifts of SHIFT-1. Shared by the admin
 * route and the demo seed; the caller authorizes and passes the transaction.
 */
export async function insertNewOffice(
  tx: Tx,
  deps: ServiceDeps,
  orgId: string,
  actorUserId: string | null,
  input: { name: string; timeZone: string; postName: string },
): Promise<OfficeRow> {
  const now = deps.clock.now();
  const office: OfficeRow = {
    id: deps.ids.newId(),
    orgId,
    name: input.name,
    timeZone: input.timeZone,
    createdAt: now,
  };
  await insertOffice(tx, office);
  const postId = deps.ids.newId();
  await insertPost(tx, { id: postId, orgId, officeId: office.id, name: input.postName }, now);
  const shifts = defaultShiftTemplates();
  for (const [ordinal, shift] of shifts.entries()) {
    await insertShiftTemplate(
      tx,
      { id: deps.ids.newId(), orgId, officeId: office.id, ordinal, ...shift },
      now,
    );
  }
  await recordAudit(tx, deps.clock, {
    orgId,
    actorUserId,
    action: 'office.created',
    entityType: 'office',
    entityId: office.id,
    payload: { name: office.name, timeZone: office.timeZone, post: input.postName, shifts },
  });
  return office;
}

export async function createOffice(
  ctx: ServiceContext,
  input: { name: string; timeZone: string },
): Promise<Office> {
  authorize(ctx.actor, 'org.manage-offices', { orgId: ctx.actor.orgId });
  const existing = await listOfficesOfOrganization(ctx.db, ctx.actor.orgId);
  if (existing.some((o) => o.name === input.name)) {
    throw new AppError('CONFLICT', 'an office with this name exists', {
      details: [{ path: 'name', message: 'taken' }],
    });
  }
  const office = await inTransaction(ctx, (tx) =>
    insertNewOffice(tx, ctx, ctx.actor.orgId, ctx.actor.userId, { ...input, postName: '客服前台' }),
  );
  const [presented] = await present(ctx, [office]);
  return presented!;
}
