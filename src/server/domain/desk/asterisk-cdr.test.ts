import { describe, expect, it } from 'vitest';
import { parseAsteriskCdr, readCdrTime, splitCsvLine } from './asterisk-cdr.ts';
import { buildCdrLine } from './cdr-fixtures.ts';

const zone = 'Asia/Shanghai';

describe('splitCsvLine', () => {
  it('keeps commas and doubled quotes inside quoted fields', () => {
    expect(splitCsvLine('"a,b","say ""hi""",c,')).toEqual(['a,b', 'say "hi"', 'c', '']);
    expect(splitCsvLine('"open')).toBeNull();
  });
});

describe('readCdrTime', () => {
  it('reads the PBX wall clock in the office zone', () => {
    expect(readCdrTime('2026-11-27 09:00:05', zone)?.toISOString()).toBe(
      '2026-11-27T01:00:05.000Z',
    );
    expect(readCdrTime('2026-02-30 09:00:05', zone)).toBeNull();
    expect(readCdrTime('27/11/2026 09:00', zone)).toBeNull();
  });
});

describe('parseAsteriskCdr', () => {
  it('reads answered and missed calls and reports bad lines by number (PHONE-1)', () => {
    const text = [
      buildCdrLine({}),
      buildCdrLine({ disposition: 'NO ANSWER', answer: '', billsec: '0', uniqueid: '' }),
      buildCdrLine({ start: 'yesterday' }),
      '',
      '"only","three","fields"',
      buildCdrLine({
        disposition: 'BUSY',
        answer: '2026-11-27 07:00:00',
        uniqueid: '1764198000.9',
      }),
      buildCdrLine({ answer: '2026-11-27 06:59:00' }),
      buildCdrLine({ disposition: 'MAYBE' }),
    ].join('\r\n');
    const { calls, problems } = parseAsteriskCdr(text, zone);
    expect(problems.map((p) => p.lineNumber)).toEqual([3, 5, 7, 8]);
    expect(problems[0]!.message).toContain('start');
    expect(calls.map((c) => c.lineNumber)).toEqual([1, 2, 6]);
    expect(calls[0]).toMatchObject({
      uniqueId: '1764198000.1',
      caller: '13800000001',
      line: '8001',
      ringStartedAt: new Date('2026-11-26T23:00:00.000Z'),
      answeredAt: new Date('2026-11-26T23:00:12.000Z'),
      endedAt: new Date('2026-11-26T23:02:00.000Z'),
    });
    expect(calls[1]).toMatchObject({ uniqueId: null, answeredAt: null });
    // an answer equal to the start does not make a BUSY call answered
    expect(calls[2]).toMatchObject({ answeredAt: null });
  });

  it('accepts 16 columns (no userfield, no uniqueid) and skips a header line', () => {
    const short = buildCdrLine({}, 16);
    const { calls, problems } = parseAsteriskCdr(`accountcode,src,dst\n${short}\n`, zone);
    expect(problems).toEqual([]);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ lineNumber: 2, uniqueId: null });
  });
});
