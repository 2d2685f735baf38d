import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { TestContext } from 'vitest';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { projectRoot } from '../../src/server/main.ts';
import type { Clock } from '../../src/server/services/context.ts';

/** Debian's Chromium (DESIGN.md: never a downloaded browser). */
const executablePath = process.env.DUTYDESK_CHROMIUM ?? '/usr/bin/chromium';

/**
 * A headless Chromium that stays off the network apart from the server under test. Playwright
 * gives every launch a fresh temporary profile (user-data dir), removed when it closes.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export type ViewportName = 'desk' | 'phone';

const viewports = {
  desk: { viewport: { width: 1280, height: 800 } },
  // an iPhone-sized screen: staff carry a phone on patrol
  phone: { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true },
} as const;

/**
 * A fresh browser context (own cookies and storage) pointed at the server; with the server's
 * clock when it runs at another instant (useE2eEnvironment's `startAt`); tests call it through
 * `env.openPage`.
 */
export async function openPage(
  browser: Browser,
  baseURL: string,
  viewport: ViewportName = 'desk',
  clock?: Clock,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', ...viewports[viewport] });
  context.setDefaultTimeout(15_000);
  // the pages' clock starts where the server's is and runs on from there
  if (clock !== undefined) await context.clock.install({ time: clock.now() });
  const page = await context.newPage();
  return { context, page };
}

/** Signs in through the API (STYLE.md): the context then carries the session cookie. */
export async function signInThroughApi(
  context: BrowserContext,
  username: string,
  password: string,
): Promise<void> {
  const response = await context.request.post('/api/auth/login', {
    data: { username, password },
  });
  if (!response.ok()) {
    throw new Error(`sign-in of ${username} failed: ${String(response.status())}`);
  }
}

export const screenshotDir = path.join(projectRoot, 'test-results', 'screenshots');

/**
 * Keeps a picture of a main page as an artifact of the run: the whole page, or only the screen
 * when an overlay (a drawer) covers just the screen.
 */
export async function saveScreenshot(
  page: Page,
  name: string,
  { fullPage = true }: { fullPage?: boolean } = {},
): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await settleAnimations(page);
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage });
}

/**
 * The pages of a test by name, each pictured when the test fails (`<prefix>-failed-<name>`,
 * beside the other pictures): what each person saw when a step failed.
 */
export function picturesOnFailure(
  onTestFailed: TestContext['onTestFailed'],
  prefix: string,
): Map<string, Page> {
  const seen = new Map<string, Page>();
  onTestFailed(async () => {
    for (const [name, page] of seen) await saveScreenshot(page, `${prefix}-failed-${name}`);
  });
  return seen;
}

/** Ant Design's motion (menus, drawers, messages) finished: a picture shows the end state. */
export async function settleAnimations(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const finite = document
      .getAnimations()
      .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity);
    await Promise.all(finite.map((animation) => animation.finished.catch(() => undefined)));
  });
}

/** Picks an option of an Ant Design Select the way a person does: open it, click the text. */
export async function chooseOption(page: Page, select: Locator, label: string): Promise<void> {
  await select.click();
  await settleAnimations(page);
  // the visible list item; role=option elements are a hidden copy kept for screen readers
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .and(page.getByTitle(label, { exact: true }))
    .click();
}

/** Waits until a person could see it; the error names what was missing. */
export async function expectVisible(locator: Locator, timeout = 15_000): Promise<void> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch (cause) {
    throw new Error(`expected to see ${String(locator)}`, { cause });
  }
}

/** Waits until nothing matching is visible. */
export async function expectNotVisible(locator: Locator, timeout = 15_000): Promise<void> {
  try {
    await locator.first().waitFor({ state: 'hidden', timeout });
  } catch (cause) {
    // what it still says (an error shown in a dialog that stayed open) tells why it stayed
    const text = await locator
      .first()
      .innerText({ timeout: 1_000 })
      .catch(() => '');
    const still = text === '' ? '' : `; it still reads: ${text.replace(/\s+/g, ' ').slice(0, 500)}`;
    throw new Error(`expected not to see ${String(locator)}${still}`, { cause });
  }
}
