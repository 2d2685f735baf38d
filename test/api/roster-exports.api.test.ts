import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import type { RosterMonth } from '../../src/shared/contract/rosters.ts';
import { buildTestApp, buildWorld, type World } from '../support/factories.ts';
import { testEngines } from '../support/databases.ts';
import { call, expectError, signIn, type Session } from '../support/http.ts';

// The fixed clock stands at 2026-11-27 09:00 in Shanghai; December is next month.
const month = '2026-12';

type ParsedEvent = {
  uid: string;
  summary: string;
  sequence: number;
  tzid: string;
  start: string;
  end: string;
  startUtc: string;
  endUtc: string;
};

/** Parses a feed as a calendar app would: its own VTIMEZONE gives the instants. */
function parseFeed(body: string): { timezones: string[]; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(body));
  const timezones = calendar.getAllSubcomponents('vtimezone');
  for (const vtimezone of timezones) ICAL.TimezoneService.register(vtimezone);
  return {
    timezones: timezones.map((z) => String(z.getFirstPropertyValue('tzid'))),
    events: calendar.getAllSubcomponents('vevent').map((component) => {
      const event = new ICAL.Event(component);
      return {
        uid: event.uid,
        summary: event.summary,
        sequence: event.sequence,
        tzid: event.startDate.zone.tzid,
        start: event.startDate.toString(),
        end: event.endDate.toString(),
        startUtc: event.startDate.toJSDate().toISOString(),
        endUtc: event.endDate.toJSDate().toISOString(),
      };
    }),
  };
}

describe.each(testEngines)('roster exports and calendar feeds on %s', (engine) => {
  let world: World;
  let app: FastifyInstance;
  let supervisor: Session;
  let staff: Session;
  let staff2: Session;
  let outsider: Session;
  let exportUrl: string;

  beforeAll(async () => {
    world = await buildWorld(engine);
    app = await buildTestApp(world);
    supervisor = await signIn(app, 'supervisor');
    staff = await signIn(app, 'staff');
    staff2 = await signIn(app, 'staff2');
    outsider = await signIn(app, 'outsider');
    exportUrl = `/api/offices/${world.officeId}/rosters/${month}/export.xlsx`;
  });
  afterAll(async () => {
    await app.close();
    await world.db.drop();
  });

  /** The roster the tests publish: who works which shift on which December day. */
  const planned: Record<'staff' | 'staff2', Record<string, string>> = {
    staff: { '2026-12-01': 'D', '2026-12-02': 'E', '2026-12-05': 'D' },
    staff2: { '2026-12-01': 'E', '2026-12-02': 'D' },
  };

  async function publish(): Promise<void> {
    const edited = await call(
      app,
      supervisor,
      'PUT',
      `/api/offices/${world.officeId}/rosters/${month}/cells`,
      {
        revision: 0,
        changes: (['staff', 'staff2'] as const).flatMap((name) =>
          Object.entries(planned[name]).map(([date, shiftCode]) => ({
            userId: world.users[name],
            date,
            shiftCode,
          })),
        ),
      },
    );
    expect(edited.statusCode, edited.body).toBe(200);
    const draft = edited.json<RosterMonth>();
    const published = await call(
      app,
      supervisor,
      'POST',
      `/api/offices/${world.officeId}/rosters/${month}/publish`,
      {
        revision: draft.revision,
        ...(draft.check!.hardViolations.length > 0 ? { overrideReason: '测试' } : {}),
      },
    );
    expect(published.statusCode, published.body).toBe(200);
  }

  async function createFeed(
    session: Session,
    scope: 'mine' | 'office',
  ): Promise<{ id: string; url: string; path: string }> {
    const response = await call(app, session, 'POST', '/api/calendar-feeds', {
      officeId: world.officeId,
      scope,
    });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json<{ id: string; url: string; scope: string; officeName: string }>();
    expect(body).toMatchObject({ scope, officeName: 'A大厦管理处' });
    return { id: body.id, url: body.url, path: new URL(body.url).pathname };
  }

  /** A calendar app fetching the feed: no cookie, no session. */
  function fetchFeed(path: string): Promise<LightMyRequestResponse> {
    return app.inject({ method: 'GET', url: path });
  }

  it('answers 404 for a month that is not published, 400 for a bad month, 403 for another office', async () => {
    const missing = expectError(await call(app, staff, 'GET', exportUrl), 404, 'NOT_FOUND');
    expect(missing.message).toContain('not published');
    expectError(
      await call(app, staff, 'GET', `/api/offices/${world.officeId}/rosters/2026-13/export.xlsx`),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await call(app, outsider, 'GET', exportUrl), 403, 'FORBIDDEN');
  });

  it('exports the published month as the paper 值班安排表: one row per person, the right shift per day (ROSTER-1)', async () => {
    await publish();
    const response = await call(app, staff, 'GET', exportUrl);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const disposition = String(response.headers['content-disposition']);
    expect(disposition).toContain('filename="roster-2026-12.xlsx"');
    const utf8Name = /filename\*=UTF-8''(.+)$/.exec(disposition)?.[1];
    expect(decodeURIComponent(utf8Name!)).toBe('A大厦管理处值班安排表-2026-12.xlsx');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('2026年12月');
    expect(sheet.getCell('A1').value).toBe('A大厦管理处值班安排表');
    expect(sheet.getCell('A2').value).toBe('2026年12月');
    // the version in force and its publishing date (the fixed clock's day in Shanghai)
    expect(sheet.getCell(2, 18).value).toBe('第1版 · 2026-11-27 发布');
    expect(sheet.pageSetup.orientation).toBe('landscape');
    expect(sheet.pageSetup.fitToWidth).toBe(1);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 5 });

    // header: 31 day numbers from column C, weekdays below (1 December 2026 is a Tuesday)
    const dayNumbers = Array.from({ length: 31 }, (_, d) => sheet.getCell(3, 3 + d).value);
    expect(dayNumbers).toEqual(Array.from({ length: 31 }, (_, d) => d + 1));
    expect(sheet.getCell(4, 3).value).toBe('二');
    expect(sheet.getCell(4, 7).value).toBe('六');
    expect(sheet.getCell(3, 34).value).toBe('班次');
    expect(sheet.getCell(3, 35).value).toBe('工时');

    // one row per person on the roster, each with the month's days
    const rows: Record<string, { cells: unknown[]; shifts: unknown; hours: unknown }> = {};
    sheet.eachRow((row, n) => {
      const name = row.getCell(2).value;
      // a person's row starts with its number 序号
      if (n > 5 && typeof row.getCell(1).value === 'number' && typeof name === 'string') {
        rows[name] = {
          cells: Array.from({ length: 31 }, (_, d) => row.getCell(3 + d).value),
          shifts: row.getCell(34).value,
          hours: row.getCell(35).value,
        };
      }
    });
    expect(Object.keys(rows).sort()).toEqual(['staff', 'staff2']);
    for (const name of ['staff', 'staff2'] as const) {
      const expected = Array.from(
        { length: 31 },
        (_, d) => planned[name][`2026-12-${String(d + 1).padStart(2, '0')}`] ?? null,
      );
      expect(rows[name]!.cells).toEqual(expected);
    }
    // 早班 8 h and 晚班 7 h (SHIFT-1)
    expect(rows.staff).toMatchObject({ shifts: 3, hours: 23 });
    expect(rows.staff2).toMatchObject({ shifts: 2, hours: 15 });

    // head counts per shift and day, the legend and the signature line
    const text: string[] = [];
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') text.push(cell.value);
      });
    });
    const countRow = (label: string) => {
      let found: unknown[] = [];
      sheet.eachRow((row) => {
        if (row.getCell(1).value === label)
          found = Array.from({ length: 3 }, (_, d) => row.getCell(3 + d).value);
      });
      return found;
    };
    expect(countRow('早班人数')).toEqual([1, 1, 0]);
    expect(countRow('晚班人数')).toEqual([1, 1, 0]);
    const legend = text.find((t) => t.startsWith('图例'));
    expect(legend).toContain('D = 早班 08:30–16:30');
    expect(legend).toContain('E = 晚班 16:30–23:30');
    expect(text.some((t) => t.startsWith('编制'))).toBe(true);
    expect(text.some((t) => t.startsWith('审核'))).toBe(true);
  });

  it('refuses bad feed input (400) and an office feed of an office one has no role in (403)', async () => {
    const bad = expectError(
      await call(app, staff, 'POST', '/api/calendar-feeds', {
        officeId: world.officeId,
        scope: 'everyone',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect((bad.details as { path: string }[]).map((d) => d.path)).toEqual(['body.scope']);
    expectError(
      await call(app, outsider, 'POST', '/api/calendar-feeds', {
        officeId: world.officeId,
        scope: 'office',
      }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await call(app, staff, 'POST', '/api/calendar-feeds', {
        officeId: world.otherOrg.officeId,
        scope: 'mine',
      }),
      404,
      'NOT_FOUND',
    );
  });

  it('serves my duties as ICS: 早班 on 1 December reads 08:30–16:30 in Asia/Shanghai (SHIFT-1)', async () => {
    const feed = await createFeed(staff, 'mine');
    expect(feed.url).toMatch(/^http:\/\/localhost(:80)?\/api\/ics\/[A-Za-z0-9_-]{40,}\.ics$/);
    const response = await fetchFeed(feed.path);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const { timezones, events } = parseFeed(response.body);
    expect(timezones).toEqual(['Asia/Shanghai']);
    expect(events.map((e) => [e.start.slice(0, 10), e.summary])).toEqual([
      ['2026-12-01', '早班 · A大厦管理处'],
      ['2026-12-02', '晚班 · A大厦管理处'],
      ['2026-12-05', '早班 · A大厦管理处'],
    ]);
    const early = events[0]!;
    expect(early).toMatchObject({
      tzid: 'Asia/Shanghai',
      start: '2026-12-01T08:30:00',
      end: '2026-12-01T16:30:00',
      startUtc: '2026-12-01T00:30:00.000Z',
      endUtc: '2026-12-01T08:30:00.000Z',
      sequence: 1,
    });
    expect(events[1]).toMatchObject({ start: '2026-12-02T16:30:00', end: '2026-12-02T23:30:00' });
    // calendar apps may ask with HEAD first
    expect((await app.inject({ method: 'HEAD', url: feed.path })).statusCode).toBe(200);
    // the raw lines carry the zone, not UTC
    expect(response.body).toContain('DTSTART;TZID=Asia/Shanghai:20261201T083000');
    // UIDs are stable, so a calendar app updates instead of duplicating
    const again = parseFeed((await fetchFeed(feed.path)).body);
    expect(again.events.map((e) => e.uid)).toEqual(events.map((e) => e.uid));
    expect(new Set(events.map((e) => e.uid)).size).toBe(3);
  });

  it('serves the whole office’s duties in the office feed, named by person', async () => {
    const feed = await createFeed(staff2, 'office');
    const response = await fetchFeed(feed.path);
    expect(response.statusCode, response.body).toBe(200);
    const { events } = parseFeed(response.body);
    expect(
      events.map((e) => [e.start, e.summary]).sort((a, b) => a.join().localeCompare(b.join())),
    ).toEqual([
      ['2026-12-01T08:30:00', '早班 · staff'],
      ['2026-12-01T16:30:00', '晚班 · staff2'],
      ['2026-12-02T08:30:00', '早班 · staff2'],
      ['2026-12-02T16:30:00', '晚班 · staff'],
      ['2026-12-05T08:30:00', '早班 · staff'],
    ]);
  });

  it('builds the URL from the forwarded protocol and host behind a trusted proxy', async () => {
    const proxied = await buildTestApp(world, { trustProxy: true });
    try {
      const session = await signIn(proxied, 'staff');
      const response = await proxied.inject({
        method: 'POST',
        url: '/api/calendar-feeds',
        headers: {
          cookie: session.cookie,
          'x-csrf-token': session.csrfToken,
          'x-forwarded-proto': 'https',
          'x-forwarded-host': 'duty.example.com',
        },
        payload: { officeId: world.officeId, scope: 'mine' },
      });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json<{ url: string }>().url).toMatch(
        /^https:\/\/duty\.example\.com\/api\/ics\/[A-Za-z0-9_-]+\.ics$/,
      );
    } finally {
      await proxied.close();
    }
  });

  it('lists my feeds; only the creator revokes one; a revoked token answers like an unknown one', async () => {
    const feed = await createFeed(staff, 'office');
    const listed = (await call(app, staff, 'GET', '/api/calendar-feeds')).json<{
      feeds: { id: string; scope: string; url?: string }[];
    }>().feeds;
    expect(listed.map((f) => f.id)).toContain(feed.id);
    expect(listed.every((f) => f.url === undefined)).toBe(true);
    const theirs = (await call(app, staff2, 'GET', '/api/calendar-feeds')).json<{
      feeds: { id: string }[];
    }>().feeds;
    expect(theirs.map((f) => f.id)).not.toContain(feed.id);

    // another user, even the supervisor, cannot revoke my feed: it is not theirs to see
    expectError(await call(app, staff2, 'DELETE', `/api/calendar-feeds/${feed.id}`), 404);
    expectError(await call(app, supervisor, 'DELETE', `/api/calendar-feeds/${feed.id}`), 404);
    expect((await fetchFeed(feed.path)).statusCode).toBe(200);

    const revoked = await call(app, staff, 'DELETE', `/api/calendar-feeds/${feed.id}`);
    expect(revoked.statusCode, revoked.body).toBe(204);
    const gone = await fetchFeed(feed.path);
    const unknown = await fetchFeed('/api/ics/no-such-token.ics');
    expectError(gone, 404, 'NOT_FOUND');
    expect(gone.body).toBe(unknown.body);
    expectError(await call(app, staff, 'DELETE', `/api/calendar-feeds/${feed.id}`), 404);
    const after = (await call(app, staff, 'GET', '/api/calendar-feeds')).json<{
      feeds: { id: string }[];
    }>().feeds;
    expect(after.map((f) => f.id)).not.toContain(feed.id);
  });

  it('audits every creation and revocation, never with the token', async () => {
    const admin = await signIn(app, 'admin');
    const trail = (await call(app, admin, 'GET', '/api/audit-events?limit=500')).json<{
      events: { action: string; payload: Record<string, unknown> }[];
    }>().events;
    const created = trail.filter((e) => e.action === 'calendar-feed.created');
    const revoked = trail.filter((e) => e.action === 'calendar-feed.revoked');
    // mine (staff), office (staff2), mine behind the proxy, office (staff, revoked)
    expect(created).toHaveLength(4);
    expect(revoked).toHaveLength(1);
    expect(revoked[0]!.payload).toEqual({ officeId: world.officeId, scope: 'office' });
    expect(JSON.stringify(created)).not.toMatch(/token|url/i);
  });

  it('stops a feed while its creator may not read the roster (deactivated), like an unknown token', async () => {
    const feed = await createFeed(staff2, 'mine');
    expect((await fetchFeed(feed.path)).statusCode).toBe(200);
    const admin = await signIn(app, 'admin');
    const off = await call(app, admin, 'PUT', `/api/users/${world.users.staff2}/active`, {
      active: false,
    });
    expect(off.statusCode, off.body).toBe(200);
    const stopped = await fetchFeed(feed.path);
    expectError(stopped, 404, 'NOT_FOUND');
    expect(stopped.body).toBe((await fetchFeed('/api/ics/no-such-token.ics')).body);
    const on = await call(app, admin, 'PUT', `/api/users/${world.users.staff2}/active`, {
      active: true,
    });
    expect(on.statusCode, on.body).toBe(200);
    expect((await fetchFeed(feed.path)).statusCode).toBe(200);
  });
  it('marks public holidays 休 and adjusted working days 班 in the header (国庆节 2026)', async () => {
    const base = `/api/offices/${world.officeId}/rosters/2026-10`;
    const edited = await call(app, supervisor, 'PUT', `${base}/cells`, {
      revision: 0,
      changes: [{ userId: world.users.staff, date: '2026-10-01', shiftCode: 'D' }],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const draft = edited.json<RosterMonth>();
    const published = await call(app, supervisor, 'POST', `${base}/publish`, {
      revision: draft.revision,
      ...(draft.check!.hardViolations.length > 0 ? { overrideReason: '测试' } : {}),
    });
    expect(published.statusCode, published.body).toBe(200);
    const response = await call(app, staff, 'GET', `${base}/export.xlsx`);
    expect(response.statusCode, response.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    // row 5 holds the marks: 1–7 October off, 10 October (a Saturday) worked
    const marks = Array.from({ length: 11 }, (_, d) => sheet.getCell(5, 3 + d).value);
    expect(marks).toEqual(['休', '休', '休', '休', '休', '休', '休', null, null, '班', null]);
    expect(JSON.stringify(sheet.getCell(5, 3).note)).toContain('国庆节');
    expect(sheet.getCell(4, 12).value).toBe('六');
  });
});
