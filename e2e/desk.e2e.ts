import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectVisible, saveScreenshot } from './support/browser.ts';
import {
  grantOfficeRole,
  openApiSession,
  publishRoster,
  type ApiSession,
} from './support/api-seed.ts';
import { demoPassword } from './support/e2e-server.ts';
import { useE2eEnvironment } from './support/e2e-environment.ts';
import { officeLocal, signInAt } from './support/office-session.ts';

const timeZone = 'Asia/Shanghai';
const officeName = 'M大厦管理处';

type RosterMonth = { revision: number };

/**
 * A fresh office whose one shift began half an hour ago and lasts eight hours (SHIFT-1: it may
 * run past midnight), with 张伟 (staff1) on it in the published roster (ROSTER-2), so the test
 * never depends on the time of day. Returns the office's id.
 */
async function seedOfficeOnShiftNow(admin: ApiSession, supervisor: ApiSession): Promise<string> {
  const office = await admin.call<{ id: string }>('POST', '/api/offices', {
    name: officeName,
    timeZone,
  });
  await grantOfficeRole(admin, office.id, 'staff1', 'staff');
  await grantOfficeRole(admin, office.id, 'supervisor', 'supervisor');

  const start = officeLocal(new Date(Date.now() - 30 * 60_000), timeZone);
  const end = officeLocal(new Date(Date.now() + 7.5 * 60 * 60_000), timeZone);
  const officeUrl = `/api/offices/${office.id}`;
  await supervisor.call('PUT', `${officeUrl}/shift-templates`, {
    templates: [{ code: 'T', name: '测试班', startTime: start.time, endTime: end.time }],
  });
  const rosterUrl = `${officeUrl}/rosters/${start.date.slice(0, 7)}`;
  const month = await supervisor.call<RosterMonth>('GET', rosterUrl);
  const { people } = await supervisor.call<{ people: { userId: string; displayName: string }[] }>(
    'GET',
    `${officeUrl}/roster-settings`,
  );
  const staff = people.find((person) => person.displayName === '张伟');
  if (staff === undefined) throw new Error('张伟 is not on the roster');
  const edited = await supervisor.call<RosterMonth>('PUT', `${rosterUrl}/cells`, {
    revision: month.revision,
    changes: [{ userId: staff.userId, date: start.date, shiftCode: 'T' }],
  });
  // publishing the month in progress is late (ROSTER-1), which is allowed and recorded
  await publishRoster(supervisor, rosterUrl, edited.revision, '浏览器测试：只排了张伟的一个班');
  return office.id;
}

/** The unread count the notification bell shows (0 when it shows none). */
async function unreadOnBell(page: Page): Promise<number> {
  const label = await page
    .getByRole('button', { name: /^通知/ })
    .first()
    .getAttribute('aria-label');
  const match = /(\d+) 条未读/.exec(label ?? '');
  return match === null ? 0 : Number(match[1]);
}

describe('值班台: the desk board follows the desk live (issue 6)', () => {
  const env = useE2eEnvironment();

  it('shows the supervisor a check-in (HO-IN-1), an inquiry, a help request and its 上报 (ESC-1) as they happen, without reloading', async () => {
    const admin = await openApiSession(env.server.url, 'admin', demoPassword);
    const supervisorApi = await openApiSession(env.server.url, 'supervisor', demoPassword);
    const officeId = await seedOfficeOnShiftNow(admin, supervisorApi);
    await admin.dispose();
    await supervisorApi.dispose();

    // the supervisor keeps the board open in their own browser context
    const boss = await env.openPage();
    await signInAt(boss.context, 'supervisor', officeId);
    await boss.page.goto('/desk');
    await expectVisible(boss.page.getByRole('heading', { name: '值班台', level: 2 }));
    await expectVisible(boss.page.getByText('实时更新'));
    // 张伟 is rostered now and not yet checked in
    await expectVisible(boss.page.getByText('应到未到'));
    let navigations = 0;
    boss.page.on('framenavigated', (frame) => {
      if (frame === boss.page.mainFrame()) navigations += 1;
    });
    const unreadBefore = await unreadOnBell(boss.page);

    // staff checks in late: the shift began half an hour ago (HO-IN-1)
    const staff = await env.openPage();
    await signInAt(staff.context, 'staff1', officeId);
    await staff.page.goto('/duty-log');
    await staff.page.getByRole('button', { name: '签到', exact: true }).click();
    await expectVisible(staff.page.getByText(/^\d{2}:\d{2} 签到$/));
    const onDuty = boss.page.locator('.ant-card').filter({ hasText: '当前在岗' });
    await expectVisible(onDuty.getByText('张伟'));
    await expectVisible(onDuty.getByText(/^迟到 \d+ 分钟$/));

    // an inquiry answered on the spot (WORK-1) closes at once
    await staff.page.goto('/help-requests');
    const form = staff.page.locator('#desk-item');
    await form.getByText('咨询', { exact: true }).click();
    await form.getByLabel('咨询内容').fill('物业费可以用微信缴纳吗？');
    await form.getByLabel('当场答复').fill('可以，在服务号缴费。');
    await form.getByRole('button', { name: '保存' }).click();
    await expectVisible(staff.page.getByText('已登记并当场办结。'));

    // a help request (WORK-2) starts its clock and reaches the board live
    const subject = '5号楼地下车库漏水';
    await form.getByText('求助', { exact: true }).click();
    await form.getByLabel('求助内容').fill(subject);
    await form.getByRole('button', { name: '保存' }).click();
    const drawer = staff.page.getByRole('dialog').filter({ hasText: subject });
    await expectVisible(drawer.getByText(subject));
    const row = boss.page
      .locator('.ant-list-item')
      .filter({ has: boss.page.getByRole('link', { name: subject }) });
    await expectVisible(row);
    await expectVisible(row.getByText('值班员', { exact: true }));
    await expectVisible(row.getByRole('timer'));
    const followUps = boss.page.locator('.ant-card').filter({ hasText: '待跟进' });
    await expectVisible(followUps.getByText(`待受理：${subject}`));

    // 上报 with a reason (ESC-1): the level moves to the supervisor, who is told at once
    await drawer.getByRole('button', { name: '上报' }).click();
    await staff.page.getByRole('textbox', { name: '上报原因' }).fill('需要工程部协调维修');
    await staff.page.locator('.ant-modal').getByRole('button', { name: '确定' }).click();
    await expectVisible(staff.page.getByText('已上报。'));
    await expectVisible(row.getByText('客户服务主管', { exact: true }));
    await expect
      .poll(() => unreadOnBell(boss.page), { timeout: 15_000 })
      .toBeGreaterThan(unreadBefore);
    await saveScreenshot(staff.page, 'help-request-escalated', { fullPage: false });
    expect(navigations).toBe(0);
    await saveScreenshot(boss.page, 'desk-board');

    // the same board on a phone: the cards stack and nothing scrolls sideways
    const phone = await env.openPage('phone');
    await signInAt(phone.context, 'staff1', officeId);
    await phone.page.goto('/desk');
    await expectVisible(phone.page.getByRole('link', { name: subject }));
    expect(
      await phone.page.evaluate(() => document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(375);
    await saveScreenshot(phone.page, 'desk-board-phone');

    await phone.context.close();
    await staff.context.close();
    await boss.context.close();
  });
});
