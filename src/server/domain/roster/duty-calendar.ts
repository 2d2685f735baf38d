import dayjs from 'dayjs';
import dayjsTimezone from 'dayjs/plugin/timezone.js';
import dayjsUtc from 'dayjs/plugin/utc.js';
import ical from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';

dayjs.extend(dayjsUtc);
dayjs.extend(dayjsTimezone);

/** What a calendar feed lists: the published roster's duties in force (ROSTER-2). */
export type CalendarDuty = {
  userId: string;
  displayName: string;
  /** the office-local date the shift starts on */
  date: string;
  shiftCode: string;
  shiftName: string;
  startTime: string;
  endTime: string;
  startsAt: Date;
  endsAt: Date;
  rosterVersion: number;
};

export type CalendarScope = 'mine' | 'office';

/** The VTIMEZONE of an IANA zone, or null when the library does not know it. */
export function vtimezoneOf(timeZone: string): string | null {
  const block = tzlib_get_ical_block(timeZone);
  return Array.isArray(block) && typeof block[0] === 'string' && block[0].startsWith('BEGIN:')
    ? block[0]
    : null;
}

/**
 * The iCalendar (RFC 5545) text of a feed: one VEVENT per duty, at the office's wall-clock
 * times with TZID and the zone's VTIMEZONE (SHIFT-1: shifts are local to the office), so a
 * calendar app shows 早班 at 08:30–16:30 wherever the phone is. The UID is stable per feed
 * kind, person, date and shift, so an app updates an event when the roster changes instead of
 * adding a second one; SEQUENCE is the roster version.
 */
export function buildDutyCalendar(
  office: { id: string; name: string; timeZone: string },
  scope: CalendarScope,
  duties: readonly CalendarDuty[],
  now: Date,
): string {
  // a zone the library does not know is written in UTC rather than with a dangling TZID
  const zone = vtimezoneOf(office.timeZone) === null ? null : office.timeZone;
  const calendar = ical({
    name: scope === 'mine' ? `我的值班 · ${office.name}` : `${office.name}值班安排表`,
    description: `${office.name}已发布的值班安排（DutyDesk 值班台）`,
    prodId: { company: 'DutyDesk', product: 'roster', language: 'ZH' },
    // the generator adds a VTIMEZONE for every zone the events use; no calendar-level zone,
    // so DTSTAMP stays in UTC as RFC 5545 requires
    timezone: { name: null, generator: vtimezoneOf },
    ttl: 60 * 60,
  });
  if (zone !== null) calendar.x('X-WR-TIMEZONE', zone);
  for (const duty of duties) {
    const uid = [scope, duty.userId, duty.date, duty.shiftCode].map(encodeURIComponent).join('-');
    calendar.createEvent({
      id: `${uid}@${office.id}.dutydesk`,
      sequence: duty.rosterVersion,
      stamp: now,
      // zoned values: ical-generator writes a native Date in the server process's own zone
      start: zone === null ? duty.startsAt : dayjs(duty.startsAt).tz(zone),
      end: zone === null ? duty.endsAt : dayjs(duty.endsAt).tz(zone),
      timezone: zone,
      summary: `${duty.shiftName} · ${scope === 'mine' ? office.name : duty.displayName}`,
      description: `${duty.displayName} ${duty.date} ${duty.shiftName} ${duty.startTime}–${duty.endTime}（${office.name}，值班安排表第${String(duty.rosterVersion)}版）`,
      location: office.name,
    });
  }
  return calendar.toString();
}
