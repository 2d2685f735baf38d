import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { systemClock, type Clock } from '../../src/server/services/context.ts';
import { clockFrom, startE2eServer, type E2eServer } from './e2e-server.ts';

export type E2eEnvironment = {
  readonly server: E2eServer;
  readonly browser: Browser;
  /** the server's clock: pass it to openPage so the pages' clock agrees */
  readonly clock: Clock;
};

/**
 * One real server (fresh demo database) and one Chromium per test file, started before its
 * tests and stopped after them. Call at the top of a describe block. With `startAt`, the server
 * (and the pages opened with `clock`) run from that instant instead of now, for tests about
 * particular dates.
 */
export function useE2eEnvironment(options: { startAt?: Date } = {}): E2eEnvironment {
  let server: E2eServer | undefined;
  let browser: Browser | undefined;
  let clock: Clock = systemClock;
  beforeAll(async () => {
    // the offset is taken as the server starts, so it starts at `startAt`
    if (options.startAt !== undefined) clock = clockFrom(options.startAt);
    server = await startE2eServer({}, clock);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (server === undefined) throw new Error('the e2e server is not started yet');
      return server;
    },
    get browser() {
      if (browser === undefined) throw new Error('the browser is not launched yet');
      return browser;
    },
    get clock() {
      return clock;
    },
  };
}
