import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { RosterMonth } from '../../src/shared/contract/rosters.ts';
import { buildTestApp, buildWorld, type World } from '../support/factories.ts';
import { testEngines } from '../support/databases.ts';
import { call, expectError, signIn, type Session } from '../support/http.ts';

type Settings = {
  version: number;
  settings: {
    demand: { shiftCode: string; weekdays: number[]; holiday: number }[];
    minRestMinutes: number;
    publishByDay: number;
    remindFromDay: number;
  };
  shiftTemplates: { code: string; name: string; minutes: number }[];
  people: {
    userId: string;
    rules: { limits: Record<string, number>; allowedShiftCodes?: string[] };
  }[];
};

describe.each(testEngines)('office roster settings on %s', (engine) => {
  let world: World;
  let app: FastifyInstance;
  let supervisor: Session;
  let staff: Session;
  let url: string;

  beforeAll(async () => {
    world = await buildWorld(engine);
    app = await buildTestApp(world);
    supervisor = await signIn(app, 'supervisor');
    staff = await signIn(app, 'staff');
    url = `/api/offices/${world.officeId}/roster-settings`;
  });
  afterAll(async () => {
    await app.close();
    await world.db.drop();
  });

  it('shows everyone in the office the defaults of SHIFT-1 until the supervisor saves (ROSTER-1)', async () => {
    const response = await call(app, staff, 'GET', url);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<Settings>();
    expect(body.version).toBe(0);
    expect(body.shiftTemplates.map((t) => [t.code, t.name, t.minutes])).toEqual([
      ['D', '早班', 480],
      ['E', '晚班', 420],
    ]);
    expect(body.settings.demand.map((d) => d.shiftCode)).toEqual(['D', 'E']);
    expect(body.people.map((p) => p.userId).sort()).toEqual(
      [world.users.director, world.users.supervisor, world.users.staff, world.users.staff2].sort(),
    );
    expectError(
      await call(app, staff, 'GET', `/api/offices/${world.otherOfficeId}/roster-settings`),
      403,
    );
  });

  it('lets only a supervisor or director save, and refuses a stale version with 409', async () => {
    const current = (await call(app, supervisor, 'GET', url)).json<Settings>();
    const settings = { ...current.settings, minRestMinutes: 600 };
    expectError(await call(app, staff, 'PUT', url, { version: 0, settings }), 403, 'FORBIDDEN');
    const saved = await call(app, supervisor, 'PUT', url, { version: 0, settings });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<Settings>()).toMatchObject({ version: 1, settings: { minRestMinutes: 600 } });
    expectError(
      await call(app, supervisor, 'PUT', url, { version: 0, settings }),
      409,
      'VERSION_CONFLICT',
    );
    const director = await signIn(app, 'director');
    const again = await call(app, director, 'PUT', url, {
      version: 1,
      settings: { ...settings, minRestMinutes: 480 },
    });
    expect(again.json<Settings>().version).toBe(2);
  });

  it('names the rule and the field when the settings speak of an unknown shift (ROSTER-1)', async () => {
    const current = (await call(app, supervisor, 'GET', url)).json<Settings>();
    const settings = {
      ...current.settings,
      demand: [
        ...current.settings.demand,
        { shiftCode: 'Z', weekdays: [1, 1, 1, 1, 1, 1, 1], holiday: 1 },
      ],
    };
    const error = expectError(
      await call(app, supervisor, 'PUT', url, { version: current.version, settings }),
      400,
      'VALIDATION_FAILED',
    );
    expect(error.rule).toBe('ROSTER-1');
    expect(error.details).toEqual([
      expect.objectContaining({ path: 'settings.demand.2.shiftCode' }),
    ]);
    const wrongShape = expectError(
      await call(app, supervisor, 'PUT', url, {
        version: current.version,
        settings: { ...current.settings, minRestMinutes: -5 },
      }),
      400,
    );
    expect(wrongShape.details).toEqual([
      expect.objectContaining({ path: 'body.settings.minRestMinutes' }),
    ]);
  });

  it('refuses overlapping shift templates and accepts a night shift crossing midnight (SHIFT-1)', async () => {
    const templatesUrl = `/api/offices/${world.officeId}/shift-templates`;
    const overlapping = await call(app, supervisor, 'PUT', templatesUrl, {
      templates: [
        { code: 'D', name: '早班', startTime: '08:30', endTime: '16:30' },
        { code: 'M', name: '中班', startTime: '12:00', endTime: '20:00' },
      ],
    });
    const error = expectError(overlapping, 400, 'VALIDATION_FAILED');
    expect(error.rule).toBe('SHIFT-1');
    expect(error.details).toEqual([
      { path: 'templates.1.startTime', message: 'overlaps the shift D' },
    ]);

    const replaced = await call(app, supervisor, 'PUT', templatesUrl, {
      templates: [
        { code: 'D', name: '白班', startTime: '08:30', endTime: '20:30' },
        { code: 'N', name: '夜班', startTime: '20:30', endTime: '08:30' },
      ],
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    const body = replaced.json<Settings>();
    expect(body.shiftTemplates.map((t) => [t.code, t.name, t.minutes])).toEqual([
      ['D', '白班', 720],
      ['N', '夜班', 720],
    ]);
    // the head-count table follows the shifts: E is gone, N is new
    expect(body.settings.demand.map((d) => d.shiftCode)).toEqual(['D', 'N']);
    expectError(
      await call(app, staff, 'PUT', templatesUrl, {
        templates: [{ code: 'D', name: 'x', startTime: '08:00', endTime: '09:00' }],
      }),
      403,
    );
    // the office page shows the new shifts too
    const office = (await call(app, staff, 'GET', `/api/offices/${world.officeId}`)).json<{
      shiftTemplates: { code: string }[];
    }>();
    expect(office.shiftTemplates.map((t) => t.code)).toEqual(['D', 'N']);
  });

  it('sets one person’s limits and allowed shifts, refusing strangers and unknown shifts', async () => {
    const personUrl = `/api/offices/${world.officeId}/people/${world.users.staff}/roster-rules`;
    const set = await call(app, supervisor, 'PUT', personUrl, {
      limits: { maxShiftsPerMonth: 12 },
      allowedShiftCodes: ['D'],
    });
    expect(set.statusCode, set.body).toBe(200);
    const person = set.json<Settings>().people.find((p) => p.userId === world.users.staff);
    expect(person?.rules).toEqual({ limits: { maxShiftsPerMonth: 12 }, allowedShiftCodes: ['D'] });
    expectError(
      await call(app, supervisor, 'PUT', personUrl, { limits: {}, allowedShiftCodes: ['Q'] }),
      400,
    );
    expectError(
      await call(
        app,
        supervisor,
        'PUT',
        `/api/offices/${world.officeId}/people/${world.users.outsider}/roster-rules`,
        { limits: {} },
      ),
      404,
    );
    expectError(await call(app, staff, 'PUT', personUrl, { limits: {} }), 403);
  });
});

describe.each(testEngines)('holiday calendars on %s', (engine) => {
  let world: World;
  let app: FastifyInstance;
  beforeAll(async () => {
    world = await buildWorld(engine);
    app = await buildTestApp(world);
  });
  afterAll(async () => {
    await app.close();
    await world.db.drop();
  });

  const calendar2027 = {
    year: 2027,
    holidays: [
      {
        name: '元旦',
        en: "New Year's Day",
        offDays: ['2027-01-01', '2027-01-03'],
        workdays: [],
        statutory: ['2027-01-01'],
      },
    ],
  };

  it('ships 2026 and lets an admin enter 2027, once per version', async () => {
    const staff = await signIn(app, 'staff');
    const admin = await signIn(app, 'admin');
    const list = (await call(app, staff, 'GET', '/api/holiday-calendars')).json<{
      calendars: { year: number; source: string; version: number }[];
    }>();
    expect(list.calendars).toEqual([
      expect.objectContaining({ year: 2026, source: 'shipped', version: 0 }),
    ]);

    expectError(
      await call(app, staff, 'PUT', '/api/holiday-calendars/2027', {
        version: 0,
        calendar: calendar2027,
      }),
      403,
    );
    const saved = await call(app, admin, 'PUT', '/api/holiday-calendars/2027', {
      version: 0,
      calendar: calendar2027,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<typeof list>().calendars.map((c) => [c.year, c.source, c.version])).toEqual([
      [2026, 'shipped', 0],
      [2027, 'organization', 1],
    ]);
    expectError(
      await call(app, admin, 'PUT', '/api/holiday-calendars/2027', {
        version: 0,
        calendar: calendar2027,
      }),
      409,
      'VERSION_CONFLICT',
    );
    expectError(
      await call(app, admin, 'PUT', '/api/holiday-calendars/2028', {
        version: 0,
        calendar: calendar2027,
      }),
      400,
    );
    const backwards = {
      ...calendar2027,
      holidays: [{ ...calendar2027.holidays[0]!, offDays: ['2027-01-03', '2027-01-01'] }],
    };
    expectError(
      await call(app, admin, 'PUT', '/api/holiday-calendars/2027', {
        version: 1,
        calendar: backwards,
      }),
      400,
    );
    // another organization does not see it
    const otherAdmin = await signIn(app, 'other-admin');
    const theirs = (await call(app, otherAdmin, 'GET', '/api/holiday-calendars')).json<
      typeof list
    >();
    expect(theirs.calendars.map((c) => c.year)).toEqual([2026]);
  });

  it('tells the roster of a month whose year has no calendar, until an admin enters it (ROSTER-1)', async () => {
    const supervisor = await signIn(app, 'supervisor');
    const admin = await signIn(app, 'admin');
    const read = async (month: string): Promise<RosterMonth> => {
      const response = await call(
        app,
        supervisor,
        'GET',
        `/api/offices/${world.officeId}/rosters/${month}`,
      );
      expect(response.statusCode, response.body).toBe(200);
      return response.json<RosterMonth>();
    };
    const newYearsDay = (month: RosterMonth) => month.days.find((d) => d.date === '2029-01-01');

    expect((await read('2026-12')).holidayCalendarKnown).toBe(true);
    const before = await read('2029-01');
    expect(before.holidayCalendarKnown).toBe(false);
    // a Monday: without the calendar it is an ordinary workday
    expect(newYearsDay(before)).toMatchObject({ kind: 'workday' });

    const saved = await call(app, admin, 'PUT', '/api/holiday-calendars/2029', {
      version: 0,
      calendar: {
        year: 2029,
        holidays: [
          {
            name: '元旦',
            en: "New Year's Day",
            offDays: ['2029-01-01', '2029-01-01'],
            workdays: [],
            statutory: ['2029-01-01'],
          },
        ],
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = await read('2029-01');
    expect(after.holidayCalendarKnown).toBe(true);
    expect(newYearsDay(after)).toMatchObject({ kind: 'holiday', holidayName: '元旦' });
  });
});
