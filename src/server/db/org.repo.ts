import type { Queryable } from './database.ts';
import { readInstant, writeFlag, writeInstant } from './values.ts';

export type OrganizationRow = { id: string; name: string; createdAt: Date };
export type OfficeRow = {
  id: string;
  orgId: string;
  name: string;
  timeZone: string;
  createdAt: Date;
};
export type PostRow = { id: string; orgId: string; officeId: string; name: string };
export type ShiftTemplateRow = {
  id: string;
  orgId: string;
  officeId: string;
  code: string;
  name: string;
  startTime: string;
  endTime: string;
  ordinal: number;
};

export async function insertOrganization(db: Queryable, org: OrganizationRow): Promise<void> {
  await db
    .insertInto('organizations')
    .values({ id: org.id, name: org.name, created_at: writeInstant(org.createdAt) })
    .execute();
}

export async function findOrganization(db: Queryable, id: string): Promise<OrganizationRow | null> {
  const row = await db
    .selectFrom('organizations')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { id: row.id, name: row.name, createdAt: readInstant(row.created_at) } : null;
}

export async function countOrganizations(db: Queryable): Promise<number> {
  const row = await db
    .selectFrom('organizations')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertOffice(db: Queryable, office: OfficeRow): Promise<void> {
  await db
    .insertInto('offices')
    .values({
      id: office.id,
      org_id: office.orgId,
      name: office.name,
      time_zone: office.timeZone,
      created_at: writeInstant(office.createdAt),
    })
    .execute();
}

function toOffice(row: {
  id: string;
  org_id: string;
  name: string;
  time_zone: string;
  created_at: Date | string;
}): OfficeRow {
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    timeZone: row.time_zone,
    createdAt: readInstant(row.created_at),
  };
}

export async function findOffice(db: Queryable, id: string): Promise<OfficeRow | null> {
  const row = await db.selectFrom('offices').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toOffice(row) : null;
}

export async function listOfficesOfOrganization(
  db: Queryable,
  orgId: string,
): Promise<OfficeRow[]> {
  const rows = await db
    .selectFrom('offices')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toOffice);
}

export async function listOfficesByIds(
  db: Queryable,
  ids: readonly string[],
): Promise<OfficeRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('offices')
    .selectAll()
    .where('id', 'in', ids)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toOffice);
}

export async function insertPost(db: Queryable, post: PostRow, createdAt: Date): Promise<void> {
  await db
    .insertInto('posts')
    .values({
      id: post.id,
      org_id: post.orgId,
      office_id: post.officeId,
      name: post.name,
      created_at: writeInstant(createdAt),
    })
    .execute();
}

export async function listPostsOfOffices(
  db: Queryable,
  officeIds: readonly string[],
): Promise<PostRow[]> {
  if (officeIds.length === 0) return [];
  const rows = await db
    .selectFrom('posts')
    .select(['id', 'org_id', 'office_id', 'name'])
    .where('office_id', 'in', officeIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, orgId: r.org_id, officeId: r.office_id, name: r.name }));
}

export async function insertShiftTemplate(
  db: Queryable,
  template: ShiftTemplateRow,
  createdAt: Date,
): Promise<void> {
  await db
    .insertInto('shift_templates')
    .values({
      id: template.id,
      org_id: template.orgId,
      office_id: template.officeId,
      code: template.code,
      name: template.name,
      start_time: template.startTime,
      end_time: template.endTime,
      ordinal: template.ordinal,
      created_at: writeInstant(createdAt),
    })
    .execute();
}

export async function listShiftTemplatesOfOffices(
  db: Queryable,
  officeIds: readonly string[],
): Promise<ShiftTemplateRow[]> {
  if (officeIds.length === 0) return [];
  const rows = await db
    .selectFrom('shift_templates')
    .selectAll()
    .where('office_id', 'in', officeIds)
    .where('active', '=', writeFlag(true))
    .orderBy('ordinal')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    officeId: r.office_id,
    code: r.code,
    name: r.name,
    startTime: r.start_time,
    endTime: r.end_time,
    ordinal: r.ordinal,
  }));
}

/**
 * Makes the office's active shift templates exactly the given list, matched by code: existing
 * codes are updated in place, new ones inserted, missing ones retired (kept for old rosters).
 */
export async function replaceShiftTemplates(
  db: Queryable,
  office: { id: string; orgId: string },
  templates: readonly Omit<ShiftTemplateRow, 'id' | 'orgId' | 'officeId' | 'ordinal'>[],
  newId: () => string,
  at: Date,
): Promise<void> {
  const existing = await db
    .selectFrom('shift_templates')
    .select(['id', 'code'])
    .where('office_id', '=', office.id)
    .execute();
  const byCode = new Map(existing.map((row) => [row.code.toUpperCase(), row.id]));
  await db
    .updateTable('shift_templates')
    .set({ active: writeFlag(false), updated_at: writeInstant(at) })
    .where('office_id', '=', office.id)
    .execute();
  for (const [ordinal, template] of templates.entries()) {
    const id = byCode.get(template.code.toUpperCase());
    if (id === undefined) {
      await db
        .insertInto('shift_templates')
        .values({
          id: newId(),
          org_id: office.orgId,
          office_id: office.id,
          code: template.code,
          name: template.name,
          start_time: template.startTime,
          end_time: template.endTime,
          ordinal,
          created_at: writeInstant(at),
          active: writeFlag(true),
          updated_at: writeInstant(at),
        })
        .execute();
    } else {
      await db
        .updateTable('shift_templates')
        .set({
          code: template.code,
          name: template.name,
          start_time: template.startTime,
          end_time: template.endTime,
          ordinal,
          active: writeFlag(true),
          updated_at: writeInstant(at),
        })
        .where('id', '=', id)
        .execute();
    }
  }
}

/** Every shift template an office ever had, retired ones included (old rosters name them). */
export async function listAllShiftTemplatesOfOffice(
  db: Queryable,
  officeId: string,
): Promise<ShiftTemplateRow[]> {
  const rows = await db
    .selectFrom('shift_templates')
    .selectAll()
    .where('office_id', '=', officeId)
    .orderBy('ordinal')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    officeId: r.office_id,
    code: r.code,
    name: r.name,
    startTime: r.start_time,
    endTime: r.end_time,
    ordinal: r.ordinal,
  }));
}

/** Every office of every organization (jobs that run for all of them). */
export async function listAllOffices(db: Queryable): Promise<OfficeRow[]> {
  const rows = await db.selectFrom('offices').selectAll().orderBy('created_at').execute();
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    name: r.name,
    timeZone: r.time_zone,
    createdAt: readInstant(r.created_at),
  }));
}
