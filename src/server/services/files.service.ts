import type { Attachment, StoredFile } from '../../shared/contract/duty.ts';
import { fileNameSchema } from '../../shared/contract/duty.ts';
import { AppError, throwIfInvalid } from '../../shared/errors.ts';
import type { Queryable, Tx } from '../db/database.ts';
import {
  findAttachedFileName,
  insertAttachments,
  insertStoredFile,
  listAttachmentsOf,
  listStoredFiles,
} from '../db/files.repo.ts';
import {
  describeBytes,
  extensionOf,
  maxFileBytes,
  sniffMediaType,
} from '../domain/desk/file-types.ts';
import { inTransaction, randomIds, type Ids, type ServiceContext } from './context.ts';
import { recordAudit } from './audit.service.ts';
import { loadOfficeFor } from './offices.service.ts';

/**
 * Evidence files 工作证据 (HO-OUT-2, DESIGN.md "Files"): photos and PDFs, type-sniffed and
 * size-limited, stored once by content; records of an office attach them by sha-256.
 */

/** The name a file is uploaded or attached under: URL-encoded in a header, checked here. */
export function readFileName(raw: string | undefined, field: string): string {
  if (raw === undefined || raw === '') return 'file';
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    throw new AppError('VALIDATION_FAILED', `${field}: not URL-encoded`, {
      details: [{ path: field, message: 'not URL-encoded' }],
    });
  }
  const parsed = fileNameSchema.safeParse(decoded);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'invalid';
    throw new AppError('VALIDATION_FAILED', `${field}: ${message}`, {
      details: [{ path: field, message }],
    });
  }
  return parsed.data;
}

/**
 * Keeps an uploaded file for the office's organization. The bytes are written (atomically,
 * once) before the row, so a row never names bytes that are missing.
 */
export async function uploadFile(
  ctx: ServiceContext,
  officeId: string,
  bytes: Buffer,
  fileName: string,
): Promise<StoredFile> {
  const office = await loadOfficeFor(ctx, officeId, 'dutylog.write');
  if (bytes.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'body: the file is empty', {
      details: [{ path: 'body', message: 'the file is empty' }],
    });
  }
  if (bytes.length > maxFileBytes) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `a file may have at most ${String(maxFileBytes)} bytes`,
      {
        details: { limit: maxFileBytes },
      },
    );
  }
  const mediaType = sniffMediaType(bytes);
  if (mediaType === null) {
    const found = describeBytes(bytes);
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `only photos (JPEG, PNG, WebP, GIF, HEIC) and PDF files are kept; this is ${found}`,
      { rule: 'HO-OUT-2', details: { found } },
    );
  }
  const { sha256, size } = await ctx.files.put(bytes);
  await inTransaction(ctx, async (tx) => {
    await insertStoredFile(tx, {
      orgId: office.orgId,
      sha256,
      mediaType,
      size,
      createdAt: ctx.clock.now(),
      createdBy: ctx.actor.userId,
    });
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: 'file.uploaded',
      entityType: 'stored-file',
      entityId: sha256,
      payload: { officeId: office.id, mediaType, size, fileName },
    });
  });
  return { sha256, mediaType, size, fileName };
}

/**
 * A file's bytes for someone of the office where it is attached, or who uploaded it. Anyone
 * else is told it does not exist (404), so addresses do not leak.
 */
export async function readFileFor(
  ctx: ServiceContext,
  officeId: string,
  sha256: string,
): Promise<{ bytes: Buffer; mediaType: string; fileName: string }> {
  const office = await loadOfficeFor(ctx, officeId, 'dutylog.read');
  const [stored] = await listStoredFiles(ctx.db, office.orgId, [sha256]);
  if (stored === undefined) throw new AppError('NOT_FOUND', 'no such file');
  const attachedAs = await findAttachedFileName(ctx.db, office.id, sha256);
  if (attachedAs === null && stored.createdBy !== ctx.actor.userId) {
    throw new AppError('NOT_FOUND', 'no such file');
  }
  const bytes = await ctx.files.read(sha256);
  if (bytes === null) throw new AppError('NOT_FOUND', 'the file’s content is missing');
  return {
    bytes,
    mediaType: stored.mediaType,
    fileName: attachedAs ?? `${sha256.slice(0, 12)}.${extensionOf(stored.mediaType)}`,
  };
}

/**
 * Attaches uploaded files to a record of an office, inside the caller's transaction. Every
 * file must have been uploaded to the organization first (422 naming the entry otherwise);
 * desk items reuse this.
 */
export async function attachFiles(
  tx: Tx,
  input: {
    orgId: string;
    officeId: string;
    ownerKind: string;
    ownerId: string;
    files: readonly { sha256: string; fileName: string }[];
    by: string;
    at: Date;
    /** where the list sits in the request, for the error's paths */
    path?: string;
    /** the use case's id source; random ids otherwise */
    ids?: Ids;
    /** photos only (a patrol's findings): anything else is refused naming its entry */
    imagesOnly?: boolean;
  },
): Promise<Attachment[]> {
  if (input.files.length === 0) return [];
  const known = await listStoredFiles(
    tx,
    input.orgId,
    input.files.map((f) => f.sha256),
  );
  const byHash = new Map(known.map((f) => [f.sha256, f]));
  const where = input.path ?? 'attachments';
  const missing = input.files.flatMap((f, i) =>
    byHash.has(f.sha256)
      ? []
      : [{ path: `${where}.${String(i)}.sha256`, message: 'no such uploaded file' }],
  );
  if (missing.length > 0) {
    throw new AppError('RULE_VIOLATION', 'upload each file before attaching it', {
      rule: 'HO-OUT-2',
      details: missing,
    });
  }
  if (input.imagesOnly === true) {
    throwIfInvalid(
      input.files.flatMap((f, i) =>
        byHash.get(f.sha256)!.mediaType.startsWith('image/')
          ? []
          : [{ path: `${where}.${String(i)}`, message: 'a photo (JPEG, PNG, WebP, GIF or HEIC)' }],
      ),
      'WORK-3',
    );
  }
  const rows = input.files.map((f) => {
    const stored = byHash.get(f.sha256)!;
    return {
      id: (input.ids ?? randomIds).newId(),
      orgId: input.orgId,
      officeId: input.officeId,
      ownerKind: input.ownerKind,
      ownerId: input.ownerId,
      sha256: f.sha256,
      fileName: f.fileName,
      mediaType: stored.mediaType,
      size: stored.size,
      createdBy: input.by,
      createdAt: input.at,
    };
  });
  await insertAttachments(tx, rows);
  return rows.map(presentAttachment);
}

function presentAttachment(a: {
  sha256: string;
  fileName: string;
  mediaType: string;
  size: number;
}): Attachment {
  return { sha256: a.sha256, fileName: a.fileName, mediaType: a.mediaType, size: a.size };
}

/** The attachments of records of one kind, by record id. */
export async function attachmentsByOwner(
  db: Queryable,
  ownerKind: string,
  ownerIds: readonly string[],
): Promise<Map<string, Attachment[]>> {
  const rows = await listAttachmentsOf(db, ownerKind, ownerIds);
  const byOwner = new Map<string, Attachment[]>();
  for (const row of rows) {
    const list = byOwner.get(row.ownerId) ?? [];
    list.push(presentAttachment(row));
    byOwner.set(row.ownerId, list);
  }
  return byOwner;
}
