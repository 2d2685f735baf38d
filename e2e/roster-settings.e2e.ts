import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  expectNotVisible,
  expectVisible,
  saveScreenshot,
  settleAnimations,
  signInThroughApi,
} from './support/browser.ts';
import { openApiSession } from './support/api-seed.ts';
import { demoPassword } from './support/e2e-server.ts';
import { useE2eEnvironment } from './support/e2e-environment.ts';

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
  await settleAnimations(page);
}

describe('roster settings (设置 → 排班设置)', () => {
  // in 2026, when the holidays shipped are this year's and 2027 is the next to enter
  const env = useE2eEnvironment({ startAt: new Date('2026-11-25T02:00:00Z') });

  it('lets the supervisor change a head count, is refused an overlapping shift (SHIFT-1), and adds a night shift across midnight', async () => {
    const { context, page } = await env.openPage('desk');
    await signInThroughApi(context, 'supervisor', demoPassword);
    await page.goto('/');

    // reached from 设置
    const nav = page.getByRole('navigation', { name: '主导航' });
    await nav.getByRole('menuitem', { name: '设置' }).click();
    await page.getByRole('link', { name: /排班设置/ }).click();
    await page.waitForURL('**/settings/roster');
    await expectVisible(page.getByRole('heading', { name: '排班设置' }));

    // 人数需求: two people on the Saturday early shift, kept after a reload
    await openTab(page, '人数需求');
    const saturday = page.getByLabel('早班 周六');
    expect(await saturday.inputValue()).toBe('1');
    await saturday.fill('2');
    await page.getByRole('button', { name: '保存' }).click();
    await expectVisible(page.getByText('人数需求已保存'));
    await page.reload();
    await openTab(page, '人数需求');
    await expectVisible(page.getByLabel('早班 周六'));
    expect(await page.getByLabel('早班 周六').inputValue()).toBe('2');

    // 规则: the defaults are shown with the regulation's terms; 0 is the month's last day
    await openTab(page, '规则');
    await expectVisible(page.getByText('每月最多班数'));
    await expectVisible(page.getByText('最少休息时间'));
    await expectVisible(page.getByText('月末'));
    expect(await page.getByLabel('每月最多周末班').inputValue()).toBe('3');
    await saveScreenshot(page, 'roster-settings-rules');

    // 班次: 中班 12:00–20:00 overlaps both shifts; the refusal lands on its row
    await openTab(page, '班次');
    expect(await page.getByLabel('第 2 行结束').inputValue()).toBe('23:30');
    await page.getByRole('button', { name: '添加班次' }).click();
    await page.getByLabel('第 3 行代码').fill('M');
    await page.getByLabel('第 3 行名称').fill('中班');
    await page.getByLabel('第 3 行开始').fill('12:00');
    await page.getByLabel('第 3 行结束').fill('20:00');
    // 早班 8 小时, 晚班 7 小时, 中班 8 小时
    await expectVisible(page.getByText('8 小时').nth(1));
    await page.getByRole('button', { name: '保存' }).click();
    await expectVisible(page.getByText('与班次 D、E 的时间重叠'));
    await expectVisible(page.getByText(/提交的内容有误.*SHIFT-1/));
    await saveScreenshot(page, 'roster-settings-shift-refused');

    // 夜班 23:30–次日 08:30 touches both ends but overlaps neither
    await page.getByLabel('第 3 行代码').fill('N');
    await page.getByLabel('第 3 行名称').fill('夜班');
    await page.getByLabel('第 3 行开始').fill('23:30');
    await page.getByLabel('第 3 行结束').fill('08:30');
    await expectNotVisible(page.getByText('与班次 D、E 的时间重叠'));
    await page.getByRole('button', { name: '保存' }).click();
    await expectVisible(page.getByText('班次已保存'));
    await expectVisible(page.getByText('9 小时'));
    await expectVisible(page.getByText('跨夜'));
    await saveScreenshot(page, 'roster-settings');

    // the new shift gets its head-count row; the earlier change is kept
    await openTab(page, '人数需求');
    await expectVisible(page.getByLabel('夜班 周一'));
    expect(await page.getByLabel('早班 周六').inputValue()).toBe('2');
    await saveScreenshot(page, 'roster-settings-demand');

    // 个人规则: 张伟 works at most 20 shifts, early and evening only
    await openTab(page, '个人规则');
    await page.getByRole('button', { name: '编辑 张伟' }).click();
    const dialog = page.getByRole('dialog', { name: '张伟 的个人规则' });
    await dialog.getByLabel('每月最多班数').fill('20');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expectNotVisible(dialog);
    await expectVisible(page.getByText('已保存 张伟 的个人规则'));
    const row = page.getByRole('row').filter({ hasText: '张伟' });
    await expectVisible(row.getByText('20', { exact: true }));

    // 节假日: the shipped calendar, statutory days marked
    await openTab(page, '节假日');
    await expectVisible(page.getByText('国家公布'));
    await expectVisible(page.getByRole('columnheader', { name: '法定节假日' }));
    await saveScreenshot(page, 'roster-settings-holidays');
    await context.close();
  });

  it('says so and reloads when someone else saved the settings meanwhile', async () => {
    const { context, page } = await env.openPage('desk');
    await signInThroughApi(context, 'supervisor', demoPassword);
    await page.goto('/settings/roster');
    await openTab(page, '规则');
    await expectVisible(page.getByLabel('每月最多周末班'));

    // the director saves in another window
    const director = await openApiSession(env.server.url, 'director', demoPassword);
    const { offices } = await director.call<{ offices: { id: string }[] }>('GET', '/api/offices');
    const officeId = offices[0]?.id ?? '';
    const current = await director.call<{ version: number; settings: { wishesCutoffDay: number } }>(
      'GET',
      `/api/offices/${officeId}/roster-settings`,
    );
    await director.call('PUT', `/api/offices/${officeId}/roster-settings`, {
      version: current.version,
      settings: { ...current.settings, wishesCutoffDay: 18 },
    });
    await director.dispose();

    await page.getByLabel('每月最多周末班').fill('2');
    await page.getByRole('button', { name: '保存' }).click();
    await expectVisible(page.getByText('数据已被他人修改，请刷新后重试。'));
    await expectVisible(page.getByText('已重新加载最新的设置，请核对后再修改。'));
    await openTab(page, '规则');
    await expectVisible(page.getByLabel('意愿截止日'));
    expect(await page.getByLabel('意愿截止日').inputValue()).toBe('18');
    expect(await page.getByLabel('每月最多周末班').inputValue()).toBe('3');
    await context.close();
  });

  it('lets an administrator enter next year’s public holidays, which then replace nothing shipped; the supervisor is warned until then', async () => {
    // the supervisor planning January 2027 is told that its holidays are not entered yet
    const supervisor = await env.openPage('desk');
    await signInThroughApi(supervisor.context, 'supervisor', demoPassword);
    await supervisor.page.goto('/roster/2027-01');
    const missing = supervisor.page.getByText('尚未录入 2027 年的法定节假日安排');
    await expectVisible(missing);
    await saveScreenshot(supervisor.page, 'roster-holidays-missing');
    await supervisor.page.getByRole('link', { name: '打开排班设置' }).click();
    await expectVisible(supervisor.page.getByRole('heading', { name: '排班设置' }));

    const { context, page } = await env.openPage('desk');
    await signInThroughApi(context, 'admin', demoPassword);
    await page.goto('/settings/roster');
    await expectVisible(page.getByRole('heading', { name: '排班设置' }));
    await openTab(page, '节假日');
    await expectVisible(page.getByText('2026 年'));
    await page.getByRole('button', { name: '录入新年份' }).click();
    const dialog = page.getByRole('dialog');
    await expectVisible(dialog.getByText('年份'));
    expect(await dialog.getByRole('spinbutton').inputValue()).toBe('2027');
    await dialog.getByRole('button', { name: '添加节日' }).click();
    await dialog.getByLabel('第 1 个节日名称').fill('元旦');
    await dialog.getByLabel('第 1 个节日英文名称').fill('New Year’s Day');
    await dialog.getByPlaceholder('放假首日').click();
    await dialog.getByPlaceholder('放假首日').fill('2027-01-01');
    await page.keyboard.press('Enter');
    await dialog.getByPlaceholder('放假末日').fill('2027-01-03');
    await page.keyboard.press('Enter');
    await settleAnimations(page);
    await saveScreenshot(page, 'holidays-editor');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expectVisible(page.getByText('2027 年节假日已保存'));
    await expectVisible(page.getByText('2027 年'));
    await expectVisible(page.getByRole('cell', { name: '元旦' }).first());
    await expectVisible(page.getByText('01-01 – 01-03'));
    await expectVisible(page.getByText('本单位录入'));
    await context.close();

    await supervisor.page.goto('/roster/2027-01');
    // loaded: the month's publishing deadline is shown, and the warning is not
    await expectVisible(supervisor.page.getByText(/前发布（ROSTER-1）/));
    await expectNotVisible(missing);
    await supervisor.context.close();
  });

  it('shows staff the settings without any save button', async () => {
    const { context, page } = await env.openPage('desk');
    await signInThroughApi(context, 'staff1', demoPassword);
    await page.goto('/settings');
    await page.getByRole('link', { name: /排班设置/ }).click();
    await expectVisible(page.getByRole('heading', { name: '排班设置' }));
    await expectVisible(page.getByText('只有客户服务主管和管理处主任可以修改这些设置'));
    await expectVisible(page.getByLabel('第 3 行名称'));
    expect(await page.getByLabel('第 3 行名称').inputValue()).toBe('夜班');
    expect(await page.getByLabel('第 3 行名称').isDisabled()).toBe(true);
    for (const tab of ['班次', '人数需求', '规则', '个人规则']) {
      await openTab(page, tab);
      expect(await page.getByRole('button', { name: '保存' }).count()).toBe(0);
    }
    expect(await page.getByRole('button', { name: '添加班次' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /编辑/ }).count()).toBe(0);
    await openTab(page, '节假日');
    expect(await page.getByRole('button', { name: '录入新年份' }).count()).toBe(0);
    await context.close();
  });
});
