import type { Cover, Person, RosterProblem, ShiftRequest, ShiftType } from './roster-model.ts';

/** A malformed Curtois instance; the message names the section and line. */
export class CurtoisFormatError extends Error {}

const sectionNames = [
  'SECTION_HORIZON',
  'SECTION_SHIFTS',
  'SECTION_STAFF',
  'SECTION_DAYS_OFF',
  'SECTION_SHIFT_ON_REQUESTS',
  'SECTION_SHIFT_OFF_REQUESTS',
  'SECTION_COVER',
] as const;
type SectionName = (typeof sectionNames)[number];
type Line = { number: number; fields: string[] };

/**
 * Parses the text of a Curtois & Qu benchmark instance (`InstanceN.txt`, CRLF or LF) into the
 * roster model. Day 0 is a Monday. The file is read by the caller; this function does no IO.
 * See ../shared/bench/curtois/FORMAT.md.
 */
export function parseCurtoisInstance(text: string): RosterProblem {
  const sections = splitSections(text);
  const horizonLine = sections.SECTION_HORIZON[0];
  if (horizonLine === undefined) throw new CurtoisFormatError('SECTION_HORIZON is empty');
  const days = integer(horizonLine, 0, 'horizon');
  if (days <= 0) throw new CurtoisFormatError(`line ${horizonLine.number}: horizon must be > 0`);

  const shiftIndex = new Map<string, number>();
  const shiftLines = sections.SECTION_SHIFTS;
  shiftLines.forEach((line, index) => {
    const id = field(line, 0);
    if (shiftIndex.has(id)) throw new CurtoisFormatError(`line ${line.number}: shift ${id} twice`);
    shiftIndex.set(id, index);
  });
  const lookupShift = (line: Line, id: string): number => {
    const index = shiftIndex.get(id);
    if (index === undefined)
      throw new CurtoisFormatError(`line ${line.number}: unknown shift "${id}"`);
    return index;
  };
  const shifts: ShiftType[] = shiftLines.map((line) => ({
    id: field(line, 0),
    minutes: integer(line, 1, 'shift minutes'),
    forbiddenNext: (line.fields[2] ?? '')
      .split('|')
      .filter((id) => id !== '')
      .map((id) => lookupShift(line, id)),
  }));

  const personIndex = new Map<string, number>();
  const people: Person[] = sections.SECTION_STAFF.map((line, index) => {
    const id = field(line, 0);
    if (personIndex.has(id))
      throw new CurtoisFormatError(`line ${line.number}: employee ${id} twice`);
    personIndex.set(id, index);
    // Shifts not listed may not be worked at all: the safe reading of a missing limit.
    const maxShifts = new Array<number>(shifts.length).fill(0);
    for (const pair of field(line, 1)
      .split('|')
      .filter((p) => p !== '')) {
      const [shiftId, count] = pair.split('=');
      if (shiftId === undefined || count === undefined || !/^\d+$/.test(count)) {
        throw new CurtoisFormatError(`line ${line.number}: bad max-shifts entry "${pair}"`);
      }
      maxShifts[lookupShift(line, shiftId)] = Number(count);
    }
    return {
      id,
      maxShifts,
      maxTotalMinutes: integer(line, 2, 'max total minutes'),
      minTotalMinutes: integer(line, 3, 'min total minutes'),
      maxConsecutiveShifts: integer(line, 4, 'max consecutive shifts'),
      minConsecutiveShifts: integer(line, 5, 'min consecutive shifts'),
      minConsecutiveDaysOff: integer(line, 6, 'min consecutive days off'),
      maxWeekends: integer(line, 7, 'max weekends'),
      daysOff: [],
    };
  });
  const lookupPerson = (line: Line): number => {
    const id = field(line, 0);
    const index = personIndex.get(id);
    if (index === undefined)
      throw new CurtoisFormatError(`line ${line.number}: unknown employee "${id}"`);
    return index;
  };
  const checkDay = (line: Line, day: number): number => {
    if (day < 0 || day >= days)
      throw new CurtoisFormatError(`line ${line.number}: day ${day} outside 0..${days - 1}`);
    return day;
  };

  for (const line of sections.SECTION_DAYS_OFF) {
    const person = people[lookupPerson(line)]!;
    const offDays = line.fields.slice(1).map((_, i) => checkDay(line, integer(line, i + 1, 'day')));
    person.daysOff = [...new Set([...person.daysOff, ...offDays])].sort((a, b) => a - b);
  }

  const requests = (lines: Line[]): ShiftRequest[] =>
    lines.map((line) => ({
      person: lookupPerson(line),
      day: checkDay(line, integer(line, 1, 'day')),
      shift: lookupShift(line, field(line, 2)),
      weight: integer(line, 3, 'weight'),
    }));

  const cover: Cover[][] = Array.from({ length: days }, () =>
    shifts.map(() => ({ required: 0, underWeight: 0, overWeight: 0 })),
  );
  for (const line of sections.SECTION_COVER) {
    const day = checkDay(line, integer(line, 0, 'day'));
    cover[day]![lookupShift(line, field(line, 1))] = {
      required: integer(line, 2, 'requirement'),
      underWeight: integer(line, 3, 'under weight'),
      overWeight: integer(line, 4, 'over weight'),
    };
  }

  return {
    days,
    firstWeekday: 0,
    shifts,
    people,
    onRequests: requests(sections.SECTION_SHIFT_ON_REQUESTS),
    offRequests: requests(sections.SECTION_SHIFT_OFF_REQUESTS),
    cover,
    pinned: [],
    fairness: [],
  };
}

function splitSections(text: string): Record<SectionName, Line[]> {
  const sections = Object.fromEntries(sectionNames.map((name) => [name, [] as Line[]])) as Record<
    SectionName,
    Line[]
  >;
  let current: SectionName | undefined;
  text.split('\n').forEach((raw, index) => {
    const content = raw.replace(/\r$/, '').trim();
    if (content === '' || content.startsWith('#')) return;
    if ((sectionNames as readonly string[]).includes(content)) {
      current = content as SectionName;
      return;
    }
    if (current === undefined)
      throw new CurtoisFormatError(`line ${index + 1}: data before any SECTION_ header`);
    sections[current].push({ number: index + 1, fields: content.split(',') });
  });
  if (sections.SECTION_SHIFTS.length === 0) throw new CurtoisFormatError('no shifts');
  return sections;
}

function field(line: Line, index: number): string {
  const value = line.fields[index];
  if (value === undefined || value === '')
    throw new CurtoisFormatError(`line ${line.number}: field ${index + 1} is missing`);
  return value;
}

function integer(line: Line, index: number, what: string): number {
  const value = field(line, index);
  if (!/^-?\d+$/.test(value))
    throw new CurtoisFormatError(`line ${line.number}: ${what} "${value}" is not an integer`);
  return Number(value);
}
