import { localToInstant } from '../calendar/local-time.ts';

/**
 * Asterisk's call detail records as `cdr_csv` writes them to Master.csv: one call per line,
 * every field quoted, no header, in the default column order below. Times are the PBX's wall
 * clock ("YYYY-MM-DD HH:MM:SS"), read in the office's time zone. Pure: the caller hashes the
 * identity of lines without a uniqueid and judges the times against its clock.
 */
export const cdrColumns = [
  'accountcode',
  'src',
  'dst',
  'dcontext',
  'clid',
  'channel',
  'dstchannel',
  'lastapp',
  'lastdata',
  'start',
  'answer',
  'end',
  'duration',
  'billsec',
  'disposition',
  'amaflags',
  'userfield',
  'uniqueid',
] as const;

/** accountcode … amaflags always; userfield and uniqueid when the PBX is set to write them */
const leastColumns = 16;

const dispositions = new Set(['ANSWERED', 'NO ANSWER', 'BUSY', 'FAILED', 'CONGESTION']);

export type CdrCall = {
  /** 1-based line number in the file */
  lineNumber: number;
  /** the CDR's uniqueid, or null: the caller keys the line by a hash of `identity` */
  uniqueId: string | null;
  /** what makes a line without uniqueid the same call when the file is imported again */
  identity: string;
  line: string | null;
  caller: string | null;
  ringStartedAt: Date;
  answeredAt: Date | null;
  endedAt: Date;
};

export type CdrProblem = { lineNumber: number; message: string };

/**
 * Splits one CSV line into fields: quoted fields may hold commas and doubled quotes. Returns
 * null when a quote is left open.
 */
export function splitCsvLine(line: string): string[] | null {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else {
      field += ch;
    }
    i += 1;
  }
  if (quoted) return null;
  fields.push(field);
  return fields;
}

const cdrTimePattern = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}):(\d{2})$/;

/** A CDR wall-clock time in the office's zone, or null when it is not one. */
export function readCdrTime(text: string, timeZone: string): Date | null {
  const match = cdrTimePattern.exec(text.trim());
  if (match === null) return null;
  const [, date = '', minute = '', second = ''] = match;
  const probe = new Date(`${date}T${minute}:${second}Z`);
  if (Number.isNaN(probe.getTime()) || probe.toISOString().slice(0, 10) !== date) return null;
  return new Date(localToInstant(date, minute, timeZone).getTime() + Number(second) * 1000);
}

/**
 * Reads a Master.csv: each good line becomes a call, each bad line a problem naming its number
 * and reason, so one bad line never stops the rest. Blank lines and a header line that starts
 * with "accountcode" are skipped.
 */
export function parseAsteriskCdr(
  text: string,
  timeZone: string,
): { calls: CdrCall[]; problems: CdrProblem[] } {
  const calls: CdrCall[] = [];
  const problems: CdrProblem[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    const fail = (message: string) => problems.push({ lineNumber, message });
    const fields = splitCsvLine(line);
    if (fields === null) return fail('a quoted field is not closed');
    if (lineNumber === 1 && fields[0]?.trim().toLowerCase() === 'accountcode') return;
    if (fields.length < leastColumns || fields.length > cdrColumns.length) {
      return fail(
        `has ${String(fields.length)} fields; a CDR line has ${String(leastColumns)} to ${String(cdrColumns.length)}`,
      );
    }
    const field = (name: (typeof cdrColumns)[number]) =>
      (fields[cdrColumns.indexOf(name)] ?? '').trim();
    const disposition = field('disposition').toUpperCase();
    if (!dispositions.has(disposition)) {
      return fail(
        `disposition "${field('disposition')}" is not ANSWERED, NO ANSWER, BUSY, FAILED or CONGESTION`,
      );
    }
    const start = readCdrTime(field('start'), timeZone);
    if (start === null) return fail(`start "${field('start')}" is not a time YYYY-MM-DD HH:MM:SS`);
    const end = readCdrTime(field('end'), timeZone);
    if (end === null) return fail(`end "${field('end')}" is not a time YYYY-MM-DD HH:MM:SS`);
    let answeredAt: Date | null = null;
    if (disposition === 'ANSWERED') {
      answeredAt = readCdrTime(field('answer'), timeZone);
      if (answeredAt === null) {
        return fail(`answer "${field('answer')}" is not a time YYYY-MM-DD HH:MM:SS`);
      }
      if (answeredAt < start) return fail('answer is before start');
      if (end < answeredAt) return fail('end is before answer');
    }
    if (end < start) return fail('end is before start');
    const uniqueId = field('uniqueid');
    calls.push({
      lineNumber,
      uniqueId: uniqueId === '' ? null : uniqueId,
      identity: [field('src'), field('dst'), field('channel'), field('start')].join('\u001f'),
      line: field('dst') === '' ? null : field('dst'),
      caller: field('src') === '' ? null : field('src'),
      ringStartedAt: start,
      answeredAt,
      endedAt: end,
    });
  });
  return { calls, problems };
}
