import type { BrowserContext } from 'playwright-core';
import { signInThroughApi } from './browser.ts';
import { demoPassword } from './e2e-server.ts';

/**
 * For browser tests that build their own office around "now", so they never depend on the
 * time of day: office-local dates and times, and signing in to work in that office.
 */

/** The office-local date "YYYY-MM-DD" and time "HH:mm" of an instant. */
export function officeLocal(instant: Date, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    time: `${part('hour')}:${part('minute')}`,
  };
}

/** A signed-in page that works in the given office (the office switcher remembers it). */
export async function signInAt(
  context: BrowserContext,
  username: string,
  officeId: string,
): Promise<void> {
  await signInThroughApi(context, username, demoPassword);
  await context.addInitScript((id) => {
    window.localStorage.setItem('dutydesk.officeId', id);
  }, officeId);
}
