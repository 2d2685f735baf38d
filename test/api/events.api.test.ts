import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { changeEventOf } from '../../src/server/http/routes/events.routes.ts';
import { buildTestApp, buildWorld, type World } from '../support/factories.ts';
import { call, signIn, type Session } from '../support/http.ts';

/** Opens the office's event stream over real HTTP and collects what arrives. */
function follow(base: string, path: string, cookie: string | null) {
  const received: string[] = [];
  let status = 0;
  let request: http.ClientRequest | null = null;
  const opened = new Promise<void>((resolve, reject) => {
    request = http.get(`${base}${path}`, { headers: cookie ? { cookie } : {} }, (response) => {
      status = response.statusCode ?? 0;
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => received.push(chunk));
      resolve();
    });
    request.on('error', reject);
  });
  return {
    opened,
    status: () => status,
    text: () => received.join(''),
    close: () => request?.destroy(),
  };
}

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('live updates for the desk board (Server-Sent Events)', () => {
  let world: World;
  let app: FastifyInstance;
  let base: string;
  let staff: Session;

  beforeAll(async () => {
    world = await buildWorld('sqlite');
    app = await buildTestApp(world);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${String(typeof address === 'object' && address ? address.port : 0)}`;
    staff = await signIn(app, 'staff');
  });

  afterAll(async () => {
    await app.close();
    await world.db.drop();
  });

  it('streams a change for the office when a help request is recorded, and nothing for another office', async () => {
    const mine = follow(base, `/api/offices/${world.officeId}/events`, staff.cookie);
    const outsider = await signIn(app, 'outsider');
    const theirs = follow(base, `/api/offices/${world.otherOfficeId}/events`, outsider.cookie);
    try {
      await Promise.all([mine.opened, theirs.opened]);
      expect(mine.status()).toBe(200);
      await until(() => mine.text().includes('event: ready') && theirs.text().includes('ready'));
      const created = await call(app, staff, 'POST', `/api/offices/${world.officeId}/desk-items`, {
        kind: 'help',
        priority: 'normal',
        channel: 'phone',
        subject: '楼道灯不亮',
      });
      expect(created.statusCode).toBe(201);
      await until(() => mine.text().includes('event: change'));
      expect(mine.text()).toContain(
        `data: ${JSON.stringify({ officeId: world.officeId, topic: 'desk-items' })}`,
      );
      // a refused change publishes nothing
      const refused = await call(app, staff, 'POST', `/api/offices/${world.officeId}/desk-items`, {
        kind: 'help',
      });
      expect(refused.statusCode).toBe(400);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(mine.text().match(/event: change/g)).toHaveLength(1);
      expect(theirs.text()).not.toContain('event: change');
    } finally {
      mine.close();
      theirs.close();
    }
  });

  it('refuses a stream without a session (401) and for an office one does not belong to (403)', async () => {
    const anonymous = follow(base, `/api/offices/${world.officeId}/events`, null);
    const stranger = follow(base, `/api/offices/${world.otherOfficeId}/events`, staff.cookie);
    try {
      await Promise.all([anonymous.opened, stranger.opened]);
      expect(anonymous.status()).toBe(401);
      expect(stranger.status()).toBe(403);
    } finally {
      anonymous.close();
      stranger.close();
    }
  });

  it('names the topic after the office in the path, for changes only', () => {
    const params = { officeId: 'o1' };
    expect(changeEventOf('POST', '/api/offices/:officeId/desk-items/:itemId/take', params)).toEqual(
      { officeId: 'o1', topic: 'desk-items' },
    );
    expect(changeEventOf('POST', '/api/phone-webhook/:officeId', params)).toEqual({
      officeId: 'o1',
      topic: 'phone-webhook',
    });
    expect(changeEventOf('GET', '/api/offices/:officeId/desk-items', params)).toBeNull();
    expect(changeEventOf('POST', '/api/auth/login', {})).toBeNull();
  });
});
