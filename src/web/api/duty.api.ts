// Types only from the shared contract (see api-types.ts): a change there is a compile error here.
import type { z } from 'zod';
import type {
  AbsenceReason,
  absenceBodySchema,
  checkInBodySchema,
  DutySession,
  LogCategory,
  LogEntry,
  logEntryBodySchema,
  logQuerySchema,
  OnDuty,
  PostAbsence,
  StoredFile,
} from '../../shared/contract/duty.ts';
import { ApiError, apiRequest, errorFromEnvelope, getCsrfToken, officePath } from './api-client.ts';

export type { AbsenceReason, DutySession, LogCategory, LogEntry, OnDuty, PostAbsence, StoredFile };
export type CheckInBody = z.input<typeof checkInBodySchema>;
export type AbsenceBody = z.input<typeof absenceBodySchema>;
export type LogEntryBody = z.input<typeof logEntryBodySchema>;
export type LogQuery = z.input<typeof logQuerySchema>;
export type ExpectedDuty = OnDuty['expected'][number];

/** Checks in for my rostered shift now (HO-IN-1); not mine → RULE_VIOLATION, twice → CONFLICT. */
export function checkIn(officeId: string, body: CheckInBody = {}): Promise<DutySession> {
  return apiRequest<DutySession>('POST', officePath(officeId, '/duty/check-in'), body);
}

export function checkOut(officeId: string): Promise<DutySession> {
  return apiRequest<DutySession>('POST', officePath(officeId, '/duty/check-out'), {});
}

/** Who is on duty, who is expected and how late, and my own shift and session. */
export function getOnDuty(officeId: string): Promise<OnDuty> {
  return apiRequest<OnDuty>('GET', officePath(officeId, '/duty/on-duty'));
}

/** Leaving the post with a reason (DISC-1). */
export function leavePost(officeId: string, body: AbsenceBody): Promise<PostAbsence> {
  return apiRequest<PostAbsence>('POST', officePath(officeId, '/duty/absences'), body);
}

export function returnToPost(officeId: string, absenceId: string): Promise<PostAbsence> {
  return apiRequest<PostAbsence>(
    'POST',
    officePath(officeId, `/duty/absences/${encodeURIComponent(absenceId)}/return`),
  );
}

export async function listLogEntries(officeId: string, query: LogQuery = {}): Promise<LogEntry[]> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string' || typeof value === 'number') search.set(key, String(value));
  }
  const text = search.toString();
  const { entries } = await apiRequest<{ entries: LogEntry[] }>(
    'GET',
    officePath(officeId, `/duty-log${text === '' ? '' : `?${text}`}`),
  );
  return entries;
}

/** Writes an entry, or a correction when `correctsId` is set (never an edit, WORK-3). */
export function addLogEntry(officeId: string, body: LogEntryBody): Promise<LogEntry> {
  return apiRequest<LogEntry>('POST', officePath(officeId, '/duty-log'), body);
}

/** Where an evidence file is read (an <img> or a link). */
export function fileUrl(officeId: string, sha256: string): string {
  return officePath(officeId, `/files/${sha256}`);
}

/**
 * Uploads one evidence file as its raw bytes, reporting progress (0–1). XMLHttpRequest, since
 * fetch reports no upload progress; failures become the same ApiError as every other call.
 */
export function uploadFile(
  officeId: string,
  file: Blob & { name: string },
  onProgress: (fraction: number) => void,
): Promise<StoredFile> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', officePath(officeId, '/files'));
    request.setRequestHeader('accept', 'application/json');
    request.setRequestHeader(
      'content-type',
      file.type === '' ? 'application/octet-stream' : file.type,
    );
    request.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    const token = getCsrfToken();
    if (token !== null) request.setRequestHeader('x-csrf-token', token);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onerror = () => {
      reject(new ApiError(0, 'NETWORK_ERROR', 'offline'));
    };
    request.onload = () => {
      let payload: unknown;
      try {
        payload = JSON.parse(request.responseText) as unknown;
      } catch {
        payload = undefined;
      }
      if (request.status >= 200 && request.status < 300 && payload !== undefined) {
        resolve(payload as StoredFile);
      } else {
        reject(errorFromEnvelope(request.status, payload));
      }
    };
    request.send(file);
  });
}
