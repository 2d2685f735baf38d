import { cdrColumns } from './asterisk-cdr.ts';

/**
 * One Master.csv line as Asterisk writes it (every field quoted), for tests: an answered call
 * on 2026-11-27 at 07:00 office time, 12 s of ringing, unless fields say otherwise. `columns`
 * below 18 leaves out userfield and uniqueid as a PBX without them does.
 */
export function buildCdrLine(
  fields: Partial<Record<(typeof cdrColumns)[number], string>> = {},
  columns: number = cdrColumns.length,
): string {
  const row: Record<(typeof cdrColumns)[number], string> = {
    accountcode: '',
    src: '13800000001',
    dst: '8001',
    dcontext: 'from-trunk',
    clid: '"Resident" <13800000001>',
    channel: 'SIP/trunk-00000001',
    dstchannel: 'SIP/8001-00000002',
    lastapp: 'Dial',
    lastdata: 'SIP/8001,30',
    start: '2026-11-27 07:00:00',
    answer: '2026-11-27 07:00:12',
    end: '2026-11-27 07:02:00',
    duration: '120',
    billsec: '108',
    disposition: 'ANSWERED',
    amaflags: 'DOCUMENTATION',
    userfield: '',
    uniqueid: '1764198000.1',
    ...fields,
  };
  return cdrColumns
    .slice(0, columns)
    .map((name) => `"${row[name].replaceAll('"', '""')}"`)
    .join(',');
}
