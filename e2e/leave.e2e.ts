import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  chooseOption,
  expectVisible,
  saveScreenshot,
  signInThroughApi,
} from './support/browser.ts';
import { openApiSession, publishRoster, type ApiSession } from './support/api-seed.ts';
import { demoPassword } from './support/e2e-server.ts';
import { useE2eEnvironment } from './support/e2e-environment.ts';

type RosterMonth = {
  revision: number;
  days: { date: string }[];
  rows: { userId: string; displayName: string; cells: (string | null)[] }[];
};
type Duty = { date: string; shiftCode: string; shiftName: string; startsAt: string };
type Suggestions = {
  shifts: {
    date: string;
    shiftCode: string;
    candidates: { userId: string; displayName: string }[];
  }[];
};

/** The demo office's staff by name, to sign in as whoever the page suggests. */
const usernames: Record<string, string> = {
  张伟: 'staff1',
  刘洋: 'staff2',
  陈静: 'staff3',
  杨磊: 'staff4',
  赵丽: 'staff5',
  黄强: 'staff6',
  李敏: 'supervisor',
};

/** "2026-12-01" → "12月1日 星期二", as the page writes an office-local date in Chinese. */
function chineseDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const weekday = '日一二三四五六'[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] ?? '';
  return `${String(month)}月${String(day)}日 星期${weekday}`;
}

/** The supervisor gives staff1 three December shifts and publishes the month (as duties.e2e). */
async function publishDecemberFor(supervisor: ApiSession, officeId: string): Promise<void> {
  const path = `/api/offices/${officeId}/rosters/2026-12`;
  const month = await supervisor.call<RosterMonth>('GET', path);
  const { people } = await supervisor.call<{ people: { userId: string; displayName: string }[] }>(
    'GET',
    `/api/offices/${officeId}/roster-settings`,
  );
  const staff = people.find((person) => person.displayName === '张伟');
  if (staff === undefined) throw new Error('张伟 is not on the roster');
  const edited = await supervisor.call<RosterMonth>('PUT', `${path}/cells`, {
    revision: month.revision,
    changes: [
      { userId: staff.userId, date: '2026-12-01', shiftCode: 'D' },
      { userId: staff.userId, date: '2026-12-02', shiftCode: 'E' },
      { userId: staff.userId, date: '2026-12-08', shiftCode: 'D' },
    ],
  });
  // publishing a roster with shifts uncovered (or late) needs a reason, recorded (ROSTER-1)
  await publishRoster(supervisor, path, edited.revision, '浏览器测试：只排了张伟的三个班');
}

async function openLeavePage(page: Page): Promise<void> {
  await page.goto('/leave');
  await expectVisible(page.getByRole('heading', { name: '请假调班', level: 2 }));
}

describe('请假调班: leave with a substitute, swaps and notifications', () => {
  // a Wednesday in late November 2026: the demo's November roster is under way and December's
  // is next month's, so staff1 has coming duties in both (ROSTER-1)
  const env = useE2eEnvironment({ startAt: new Date('2026-11-25T02:00:00Z') });

  it('staff1 asks for leave, the supervisor approves with the suggested substitute, both see the new roster and a notification; an accepted swap reaches the supervisor', async () => {
    const supervisorApi = await openApiSession(env.server.url, 'supervisor', demoPassword);
    const { offices } = await supervisorApi.call<{ offices: { id: string }[] }>(
      'GET',
      '/api/offices',
    );
    const officeId = offices[0]?.id ?? '';
    await publishDecemberFor(supervisorApi, officeId);

    // staff1's coming duties, as the server says: leave for the first that starts in over an hour
    const staffApi = await openApiSession(env.server.url, 'staff1', demoPassword);
    const { duties } = await staffApi.call<{ duties: Duty[] }>('GET', '/api/me/duties');
    const coming = duties.filter(
      (duty) => new Date(duty.startsAt).getTime() > env.clock.now().getTime() + 60 * 60 * 1000,
    );
    const leaveDuty = coming[0];
    const swapDuty = coming.at(-1);
    if (leaveDuty === undefined || swapDuty === undefined || swapDuty === leaveDuty) {
      throw new Error('staff1 has too few coming duties');
    }

    // staff1 asks for leave in the browser
    const staff = await env.openPage('desk');
    await signInThroughApi(staff.context, 'staff1', demoPassword);
    await openLeavePage(staff.page);
    await staff.page
      .getByRole('checkbox', {
        name: new RegExp(`${chineseDate(leaveDuty.date)} ${leaveDuty.shiftName}`),
      })
      .check();
    await staff.page.getByLabel('原因').fill('家中有事');
    await staff.page.getByRole('button', { name: '提交请假' }).click();
    await expectVisible(staff.page.getByText('请假申请已提交，等待主管审批。'));
    const mine = staff.page.locator('.ant-card').filter({ hasText: '我的请假' });
    await expectVisible(mine.getByText('待审批'));
    await saveScreenshot(staff.page, 'leave-request');

    // what the server suggests first for that shift
    const { requests } = await supervisorApi.call<{ requests: { id: string }[] }>(
      'GET',
      `/api/offices/${officeId}/leave-requests?status=pending`,
    );
    const requestId = requests[0]?.id ?? '';
    const suggestions = await supervisorApi.call<Suggestions>(
      'GET',
      `/api/offices/${officeId}/leave-requests/${requestId}/suggestions`,
    );
    const best = suggestions.shifts[0]?.candidates[0];
    if (best === undefined) throw new Error('no substitute suggested');
    const substituteUsername = usernames[best.displayName];
    if (substituteUsername === undefined) throw new Error(`who is ${best.displayName}?`);

    // the supervisor sees the request with the suggested substitute on top, chosen, and approves
    const supervisor = await env.openPage('desk');
    await signInThroughApi(supervisor.context, 'supervisor', demoPassword);
    await openLeavePage(supervisor.page);
    const card = supervisor.page.getByRole('region', { name: '张伟 · 事假' });
    await expectVisible(card.getByText('原因：家中有事'));
    const choices = card.getByRole('radiogroup', {
      name: `${chineseDate(leaveDuty.date)} ${leaveDuty.shiftName} 的顶班人`,
    });
    await expectVisible(choices);
    const first = choices.getByRole('radio').first();
    expect(await first.isChecked()).toBe(true);
    await expectVisible(choices.locator('label').first().getByText(best.displayName));
    await expectVisible(choices.locator('label').first().getByText('建议'));
    await saveScreenshot(supervisor.page, 'leave-approve');
    await card.getByRole('button', { name: '批准' }).click();
    await expectVisible(supervisor.page.getByText('已批准，值班安排表已更新。'));
    await expectVisible(supervisor.page.getByText('没有待审批的请假。'));

    // the history shows the decision and the roster version it made
    await supervisor.page.getByRole('tab', { name: '记录' }).click();
    const month = leaveDuty.date.slice(0, 7);
    if (month !== env.clock.now().toISOString().slice(0, 7)) {
      await supervisor.page.getByLabel('月份').click();
      await supervisor.page.getByLabel('月份').fill(month);
      await supervisor.page.keyboard.press('Enter');
    }
    await expectVisible(supervisor.page.getByText(/第 \d+ 版 · 请假顶班 · 李敏/));
    // 张伟's month: planned against actual, with the day the leave changed
    await chooseOption(supervisor.page, supervisor.page.getByLabel('人员'), '张伟');
    await expectVisible(supervisor.page.getByText('张伟：计划与实际'));
    await expectVisible(supervisor.page.getByText(/^计划 \d+ 个班，实际 \d+ 个班。$/));
    await expectVisible(supervisor.page.getByText(/：计划 [A-Z0-9]+，实际 休息$/));
    const { versions } = await supervisorApi.call<{ versions: { kind: string }[] }>(
      'GET',
      `/api/offices/${officeId}/rosters/${month}/versions`,
    );
    expect(versions.map((version) => version.kind)).toContain('leave');

    // staff1: approved, with the substitute, and a notification
    await openLeavePage(staff.page);
    await expectVisible(mine.getByText('已批准'));
    await expectVisible(mine.getByText(`顶班：${best.displayName}`, { exact: false }));
    await staff.page.getByRole('button', { name: /^通知，\d+ 条未读$/ }).click();
    await expectVisible(staff.page.getByText(/请假申请已批准，值班安排表已更新。/));
    await saveScreenshot(staff.page, 'leave-notifications', { fullPage: false });
    const { duties: after } = await staffApi.call<{ duties: Duty[] }>('GET', '/api/me/duties');
    expect(
      after.some((d) => d.date === leaveDuty.date && d.shiftCode === leaveDuty.shiftCode),
    ).toBe(false);

    // the substitute: the duty in 我的值班, and the notification
    const substitute = await env.openPage('desk');
    await signInThroughApi(substitute.context, substituteUsername, demoPassword);
    await substitute.page.goto('/my-duties');
    await expectVisible(substitute.page.getByText(chineseDate(leaveDuty.date)));
    const bell = substitute.page.getByRole('button', { name: /^通知，\d+ 条未读$/ });
    const unreadBefore = Number(/\d+/.exec((await bell.getAttribute('aria-label')) ?? '')?.[0]);
    await bell.click();
    // opening the notification marks it read and leads to 请假调班
    await substitute.page
      .getByRole('button', { name: /^未读：请假申请已批准，值班安排表已更新。/ })
      .click();
    await substitute.page.waitForURL('**/leave');
    const bellAfter = unreadBefore === 1 ? '通知' : `通知，${String(unreadBefore - 1)} 条未读`;
    await expectVisible(substitute.page.getByRole('button', { name: bellAfter, exact: true }));

    // a swap: staff1 gives a later duty to a colleague who is off that day
    const roster = await staffApi.call<RosterMonth>(
      'GET',
      `/api/offices/${officeId}/rosters/${swapDuty.date.slice(0, 7)}`,
    );
    const dayIndex = roster.days.findIndex((day) => day.date === swapDuty.date);
    const colleague = roster.rows.find(
      (row) =>
        row.displayName !== '张伟' &&
        row.displayName !== '李敏' &&
        usernames[row.displayName] !== undefined &&
        row.cells[dayIndex] === null,
    );
    if (colleague === undefined) throw new Error('nobody is off that day');
    await staff.page.keyboard.press('Escape');
    await staff.page.getByRole('tab', { name: '调班' }).click();
    const propose = staff.page.locator('.ant-card').filter({ hasText: '申请调班' });
    await chooseOption(
      staff.page,
      propose.getByLabel('我的班次'),
      `${chineseDate(swapDuty.date)} ${swapDuty.shiftName}`,
    );
    await chooseOption(staff.page, propose.getByLabel('调班对象'), colleague.displayName);
    await propose.getByLabel('原因').fill('那天要去医院复诊');
    await propose.getByRole('button', { name: '提交调班申请' }).click();
    await expectVisible(staff.page.getByText('调班申请已发给对方。'));

    // the colleague accepts on a phone
    const phone = await env.openPage('phone');
    await signInThroughApi(phone.context, usernames[colleague.displayName] ?? '', demoPassword);
    await openLeavePage(phone.page);
    await phone.page.getByRole('tab', { name: '调班' }).click();
    const toMe = phone.page.locator('.ant-card').filter({ hasText: '待我确认的调班' });
    await expectVisible(toMe.getByText(/张伟 的 .* → 由 .* 顶替/));
    await saveScreenshot(phone.page, 'leave-phone');
    await toMe.getByRole('button', { name: '同意' }).click();
    await expectVisible(phone.page.getByText('已处理。'));

    // the supervisor sees the accepted swap to approve
    await openLeavePage(supervisor.page);
    await supervisor.page.getByRole('tab', { name: '调班审批' }).click();
    const swaps = supervisor.page.locator('.ant-card').filter({ hasText: '调班申请' });
    const item = swaps.getByRole('listitem').filter({ hasText: '对方已同意' });
    await expectVisible(
      item.getByText(new RegExp(`张伟 的 .* → 由 ${colleague.displayName} 顶替`)),
    );
    await expectVisible(item.getByRole('button', { name: '批准' }));

    await Promise.all([
      staff.context.close(),
      supervisor.context.close(),
      substitute.context.close(),
      phone.context.close(),
      staffApi.dispose(),
      supervisorApi.dispose(),
    ]);
  });
});
