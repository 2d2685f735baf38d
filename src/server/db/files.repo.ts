import type { Queryable } from './database.ts';
import { readInstant, writeInstant } from './values.ts';

/**
 * Evidence files: one metadata row per organization and content (the bytes live in the file
 * store under their sha-256), and attachments that tie a file to a record of an office.
 */
export type StoredFileRecord = {
  orgId: string;
  sha256: string;
  mediaType: string;
  size: number;
  createdAt: Date;
  createdBy: string;
};

/** Records a file for an organization; nothing changes when it is known already. */
export async function insertStoredFile(db: Queryable, file: StoredFileRecord): Promise<void> {
  await db
    .insertInto('stored_files')
    .values({
      org_id: file.orgId,
      sha256: file.sha256,
      media_type: file.mediaType,
      size: file.size,
      created_at: writeInstant(file.createdAt),
      created_by: file.createdBy,
    })
    .onConflict((oc) => oc.columns(['org_id', 'sha256']).doNothing())
    .execute();
}

export async function listStoredFiles(
  db: Queryable,
  orgId: string,
  sha256s: readonly string[],
): Promise<StoredFileRecord[]> {
  if (sha256s.length === 0) return [];
  const rows = await db
    .selectFrom('stored_files')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('sha256', 'in', sha256s)
    .execute();
  return rows.map((r) => ({
    orgId: r.org_id,
    sha256: r.sha256,
    mediaType: r.media_type,
    size: r.size,
    createdAt: readInstant(r.created_at),
    createdBy: r.created_by,
  }));
}

export type AttachmentRecord = {
  id: string;
  orgId: string;
  officeId: string;
  ownerKind: string;
  ownerId: string;
  sha256: string;
  fileName: string;
  mediaType: string;
  size: number;
  createdBy: string;
  createdAt: Date;
};

export async function insertAttachments(
  db: Queryable,
  attachments: readonly AttachmentRecord[],
): Promise<void> {
  if (attachments.length === 0) return;
  await db
    .insertInto('attachments')
    .values(
      attachments.map((a) => ({
        id: a.id,
        org_id: a.orgId,
        office_id: a.officeId,
        owner_kind: a.ownerKind,
        owner_id: a.ownerId,
        sha256: a.sha256,
        file_name: a.fileName,
        media_type: a.mediaType,
        size: a.size,
        created_by: a.createdBy,
        created_at: writeInstant(a.createdAt),
      })),
    )
    .execute();
}

/** The attachments of some records of one kind, oldest first. */
export async function listAttachmentsOf(
  db: Queryable,
  ownerKind: string,
  ownerIds: readonly string[],
): Promise<AttachmentRecord[]> {
  if (ownerIds.length === 0) return [];
  const rows = await db
    .selectFrom('attachments')
    .selectAll()
    .where('owner_kind', '=', ownerKind)
    .where('owner_id', 'in', ownerIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    officeId: r.office_id,
    ownerKind: r.owner_kind,
    ownerId: r.owner_id,
    sha256: r.sha256,
    fileName: r.file_name,
    mediaType: r.media_type,
    size: r.size,
    createdBy: r.created_by,
    createdAt: readInstant(r.created_at),
  }));
}

/** A name the file is attached under in an office, or null when it is attached nowhere there. */
export async function findAttachedFileName(
  db: Queryable,
  officeId: string,
  sha256: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('attachments')
    .select('file_name')
    .where('office_id', '=', officeId)
    .where('sha256', '=', sha256)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return row?.file_name ?? null;
}
