import { describe, expect, it } from 'vitest';
import {
  expectNotVisible,
  expectVisible,
  saveScreenshot,
  signInThroughApi,
} from './support/browser.ts';
import { addOfficeWithRole, openApiSession } from './support/api-seed.ts';
import { demoPassword } from './support/e2e-server.ts';
import { useE2eEnvironment } from './support/e2e-environment.ts';

describe('the web shell on a phone (375 × 812)', () => {
  const env = useE2eEnvironment();

  it('hides the side menu behind a drawer button and fits the screen', async () => {
    // two offices: the header must hold the office switcher too
    const admin = await openApiSession(env.server.url, 'admin', demoPassword);
    await addOfficeWithRole(admin, 'K大厦管理处', 'staff1', 'staff');
    await admin.dispose();

    const { context, page } = await env.openPage('phone');
    await signInThroughApi(context, 'staff1', demoPassword);
    await page.goto('/');

    await expectVisible(page.getByRole('heading', { name: '您好，张伟' }));
    await expectVisible(page.getByText('您在H大厦管理处的角色是客服值班员。'));
    await expectVisible(page.getByRole('combobox', { name: '当前管理处' }));
    await expectNotVisible(page.getByRole('navigation', { name: '主导航' }));
    // nothing wider than the screen: no sideways scrolling at the desk or on patrol
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await saveScreenshot(page, 'phone-home');

    await page.getByRole('button', { name: '打开导航菜单' }).click();
    const nav = page.getByRole('navigation', { name: '主导航' });
    for (const label of [
      '排班',
      '请假调班',
      '值班记录',
      '住户求助',
      '巡查',
      '交接班',
      '报表',
      '设置',
    ]) {
      await expectVisible(nav.getByRole('menuitem', { name: label, exact: true }));
    }
    await saveScreenshot(page, 'phone-menu', { fullPage: false });

    await nav.getByRole('menuitem', { name: '交接班' }).click();
    await page.waitForURL('**/handover');
    await expectNotVisible(nav);
    await expectVisible(page.getByRole('heading', { name: '交接班' }));
    // not on duty: nothing to hand over yet, and the page says when the checklist appears
    await expectVisible(page.getByText('目前没有需要您办理的交接班'));
    await expectVisible(page.getByText('交班人员在班次结束前 15 分钟开始交班'));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      375,
    );
    await saveScreenshot(page, 'phone-handover');
    await context.close();
  });
});
