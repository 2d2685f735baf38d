import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { shiftInterval } from '../calendar/local-time.ts';
import { buildDutyCalendar, type CalendarDuty } from './duty-calendar.ts';

function duty(
  date: string,
  shift: { code: string; name: string; startTime: string; endTime: string },
  timeZone: string,
): CalendarDuty {
  const { start, end } = shiftInterval(date, shift, timeZone);
  return {
    userId: 'u1',
    displayName: '张三',
    date,
    shiftCode: shift.code,
    shiftName: shift.name,
    startTime: shift.startTime,
    endTime: shift.endTime,
    startsAt: start,
    endsAt: end,
    rosterVersion: 3,
  };
}

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone'))
    ICAL.TimezoneService.register(vtimezone);
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      sequence: event.sequence,
      tzid: event.startDate.zone.tzid,
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      startUtc: event.startDate.toJSDate().toISOString(),
      endUtc: event.endDate.toJSDate().toISOString(),
    };
  });
}

const now = new Date('2026-03-01T00:00:00Z');

describe('buildDutyCalendar (SHIFT-1 local times)', () => {
  it('keeps a night shift across a daylight-saving change at its wall-clock times', () => {
    // Europe/Berlin moves to summer time in the night of 28 to 29 March 2026
    const night = { code: 'N', name: '夜班', startTime: '22:00', endTime: '06:00' };
    const office = { id: 'o1', name: 'B大厦管理处', timeZone: 'Europe/Berlin' };
    const text = buildDutyCalendar(
      office,
      'mine',
      [duty('2026-03-28', night, office.timeZone)],
      now,
    );
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin');
    expect(text).toContain('DTSTAMP:20260301T000000Z');
    expect(parse(text)).toEqual([
      expect.objectContaining({
        tzid: 'Europe/Berlin',
        start: '2026-03-28T22:00:00',
        end: '2026-03-29T06:00:00',
        // 22:00 CET (UTC+1) to 06:00 CEST (UTC+2): seven hours
        startUtc: '2026-03-28T21:00:00.000Z',
        endUtc: '2026-03-29T04:00:00.000Z',
        sequence: 3,
      }),
    ]);
  });

  it('gives different shifts different UIDs, whatever their codes are written in', () => {
    const office = { id: 'o1', name: 'A大厦管理处', timeZone: 'Asia/Shanghai' };
    const early = { code: '早', name: '早班', startTime: '08:30', endTime: '16:30' };
    const late = { code: '晚', name: '晚班', startTime: '16:30', endTime: '23:30' };
    const events = parse(
      buildDutyCalendar(
        office,
        'office',
        [duty('2026-12-01', early, office.timeZone), duty('2026-12-01', late, office.timeZone)],
        now,
      ),
    );
    expect(events.map((e) => e.start)).toEqual(['2026-12-01T08:30:00', '2026-12-01T16:30:00']);
    expect(new Set(events.map((e) => e.uid)).size).toBe(2);
  });
});
