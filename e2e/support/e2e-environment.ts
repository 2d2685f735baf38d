import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, openPage, type ViewportName } from './browser.ts';
import { systemClock, type Clock } from '../../src/server/services/context.ts';
import { clockFrom, startE2eServer, type E2eServer } from './e2e-server.ts';

export type E2eEnvironment = {
  readonly server: E2eServer;
  /** the server's clock (the system's unless `startAt`) */
  readonly clock: Clock;
  /**
   * A fresh browser context on the server; with `startAt`, its pages' clock runs from the
   * server's, so a dated test cannot open a page on the real date by mistake. `browser` is for
   * a test that launches its own (a fake camera).
   */
  openPage(
    viewport?: ViewportName,
    browser?: Browser,
  ): Promise<{ context: BrowserContext; page: Page }>;
};

/**
 * One real server (fresh demo database) and one Chromium per test file, started before its
 * tests and stopped after them. Call at the top of a describe block. With `startAt`, the server
 * and the pages it opens run from that instant instead of now, for tests about particular
 * dates.
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
  const started = (): { server: E2eServer; browser: Browser } => {
    if (server === undefined) throw new Error('the e2e server is not started yet');
    if (browser === undefined) throw new Error('the browser is not launched yet');
    return { server, browser };
  };
  return {
    get server() {
      return started().server;
    },
    get clock() {
      return clock;
    },
    openPage(viewport = 'desk', own?: Browser) {
      const running = started();
      return openPage(
        own ?? running.browser,
        running.server.url,
        viewport,
        options.startAt === undefined ? undefined : clock,
      );
    },
  };
}
