import { describe, expect, it } from 'vitest';
import {
  chooseOption,
  expectNotVisible,
  expectVisible,
  saveScreenshot,
  settleAnimations,
  signInThroughApi,
} from './support/browser.ts';
import { addOfficeWithRole, openApiSession } from './support/api-seed.ts';
import { expectCjkGlyphsRendered } from './support/cjk-glyphs.ts';
import { demoPassword } from './support/e2e-server.ts';
import { useE2eEnvironment } from './support/e2e-environment.ts';

const zhNavigation = [
  '首页',
  '排班',
  '请假调班',
  '值班记录',
  '住户求助',
  '巡查',
  '交接班',
  '报表',
  '设置',
];
const enNavigation = [
  'Home',
  'Roster',
  'Leave & swaps',
  'Duty log',
  'Help requests',
  'Patrol',
  'Handover',
  'Reports',
  'Settings',
];

describe('the web shell', () => {
  const env = useE2eEnvironment();

  it('lets the demo supervisor sign in in Chinese, switch to English, and see the navigation in both with CJK glyphs rendered', async () => {
    const { context, page } = await env.openPage();

    // signed out, any page leads to the sign-in page, in Chinese by default
    await page.goto('/roster');
    await page.waitForURL('**/login');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expectVisible(page.getByRole('heading', { name: '值班台' }));
    await expectVisible(page.getByRole('heading', { name: '登录' }));
    await expectCjkGlyphsRendered(page, page.getByRole('heading', { name: '值班台' }), '值班台');
    await saveScreenshot(page, 'login');

    // keyboard only: the user name field has the focus, Enter submits
    await page.keyboard.type('supervisor');
    await page.getByLabel('密码').fill(demoPassword);
    await page.getByLabel('密码').press('Enter');

    // back to the page that asked for sign-in
    await page.waitForURL('**/roster');
    await expectVisible(page.getByRole('heading', { name: '排班' }));
    await expectVisible(page.getByText('ROSTER-1'));

    await page.goto('/');
    const zhNav = page.getByRole('navigation', { name: '主导航' });
    for (const label of zhNavigation) {
      await expectVisible(zhNav.getByRole('menuitem', { name: label, exact: true }));
    }
    await expectVisible(page.getByRole('heading', { name: '您好，李敏' }));
    await expectVisible(page.getByText('您在H大厦管理处的角色是客户服务主管。'));
    const shifts = page.getByRole('list', { name: '班次' });
    await expectVisible(shifts.getByText('早班'));
    await expectVisible(shifts.getByText('08:30–16:30'));
    await expectVisible(shifts.getByText('16:30–23:30'));
    const glyphs = await expectCjkGlyphsRendered(page, zhNav, '交接班');
    await expectCjkGlyphsRendered(page, zhNav, '请假调班');
    // lang="zh-CN" and the font list pick the Simplified Chinese face, not the Japanese forms
    // of the same characters that Chromium falls back to without them
    expect(glyphs.fonts.map((font) => font.familyName)).toContainEqual(
      expect.stringMatching(/\bSC\b|PingFang SC|YaHei|Hiragino Sans GB/),
    );
    await saveScreenshot(page, 'home-zh');

    // the user menu shows who and in what role, and switches the language
    await page.getByRole('button', { name: /用户菜单/ }).click();
    await settleAnimations(page);
    await expectVisible(page.getByRole('menu').getByText('客户服务主管 · H大厦管理处'));
    await page.getByRole('menuitem', { name: 'English' }).click();

    const enNav = page.getByRole('navigation', { name: 'Main navigation' });
    for (const label of enNavigation) {
      await expectVisible(enNav.getByRole('menuitem', { name: label, exact: true }));
    }
    await expectNotVisible(page.getByRole('menuitem', { name: '排班' }));
    expect(await page.locator('html').getAttribute('lang')).toBe('en-US');
    await expectVisible(page.getByRole('heading', { name: 'Hello, 李敏' }));
    await expectVisible(page.getByText('Your role at H大厦管理处: Customer service supervisor.'));
    // Chinese data (names, the office) still renders with real glyphs in the English UI
    await expectCjkGlyphsRendered(page, page.getByRole('heading', { name: 'Hello, 李敏' }), '李敏');
    await saveScreenshot(page, 'home-en');

    // the choice is kept on the profile: a reload (or another device) shows English
    const me = (await (await context.request.get('/api/me')).json()) as {
      user: { locale: string };
    };
    expect(me.user.locale).toBe('en-US');
    await page.reload();
    await expectVisible(enNav.getByRole('menuitem', { name: 'Roster', exact: true }));

    // signing out leads to the sign-in page, which remembers the language
    await page.getByRole('button', { name: /User menu/ }).click();
    await settleAnimations(page);
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await expectVisible(page.getByRole('heading', { name: 'Sign in' }));
    await context.close();
  });

  it('lets a person of several offices switch office, and keeps the choice', async () => {
    const admin = await openApiSession(env.server.url, 'admin', demoPassword);
    await addOfficeWithRole(admin, 'K大厦管理处', 'staff2', 'supervisor');
    await admin.dispose();

    const { context, page } = await env.openPage();
    await signInThroughApi(context, 'staff2', demoPassword);
    await page.goto('/');
    await expectVisible(page.getByText('您在H大厦管理处的角色是客服值班员。'));
    await chooseOption(page, page.getByRole('combobox', { name: '当前管理处' }), 'K大厦管理处');
    await expectVisible(page.getByText('您在K大厦管理处的角色是客户服务主管。'));
    await expectVisible(page.getByRole('button', { name: /用户菜单/ }).getByText('客户服务主管'));
    await saveScreenshot(page, 'office-switched');

    await page.reload();
    await expectVisible(page.getByText('您在K大厦管理处的角色是客户服务主管。'));
    await context.close();
  });

  it('says by its code, in Chinese, that a password is wrong', async () => {
    const { context, page } = await env.openPage();
    await page.goto('/login');
    await page.getByLabel('用户名').fill('staff1');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    await expectVisible(page.getByRole('alert').getByText('用户名或密码错误。'));
    // the password field is emptied and focused for retyping
    expect(await page.getByLabel('密码').inputValue()).toBe('');
    await context.close();
  });

  it('says that there were too many attempts when sign-in is throttled', async () => {
    const { context, page } = await env.openPage();
    // the server allows 10 attempts per address and user name in its window
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await context.request.post('/api/auth/login', {
        data: { username: 'staff5', password: 'wrong-password' },
      });
    }
    await page.goto('/login');
    await page.getByLabel('用户名').fill('staff5');
    await page.getByLabel('密码').fill(demoPassword);
    await page.getByLabel('密码').press('Enter');
    await expectVisible(page.getByRole('alert').getByText('尝试次数过多，请稍后再试。'));
    await context.close();
  });
});
