import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { startE2eServer, type E2eServer } from './e2e-server.ts';

export type E2eEnvironment = { readonly server: E2eServer; readonly browser: Browser };

/**
 * One real server (fresh demo database) and one Chromium per test file, started before its
 * tests and stopped after them. Call at the top of a describe block.
 */
export function useE2eEnvironment(): E2eEnvironment {
  let server: E2eServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startE2eServer();
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
  };
}
