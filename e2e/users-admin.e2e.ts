import { describe, expect, it } from 'vitest';
import {
  chooseOption,
  expectNotVisible,
  expectVisible,
  saveScreenshot,
  settleAnimations,
  signInThroughApi,
} from './support/browser.ts';
import { demoPassword } from './support/e2e-server.ts';
import { useE2eEnvironment } from './support/e2e-environment.ts';

describe('user administration (设置 → 用户管理)', () => {
  const env = useE2eEnvironment();

  it('lets an admin create a user with a role; the new user must change the password, then works in that role', async () => {
    const admin = await env.openPage();
    await signInThroughApi(admin.context, 'admin', demoPassword);
    const page = admin.page;
    await page.goto('/');

    // reached through the menu: 设置 → 用户管理
    const nav = page.getByRole('navigation', { name: '主导航' });
    await nav.getByRole('menuitem', { name: '设置' }).click();
    // a click while the submenu is still unfolding can be lost; a person is never that quick
    await settleAnimations(page);
    await nav.getByRole('menuitem', { name: '用户管理' }).click();
    await page.waitForURL('**/settings/users');
    await expectVisible(page.getByRole('heading', { name: '用户管理' }));
    const supervisorRow = page.getByRole('row').filter({ hasText: '李敏' });
    await expectVisible(supervisorRow.getByText('H大厦管理处 · 客户服务主管'));
    await expectVisible(page.getByRole('row').filter({ hasText: '系统管理员（您本人）' }));
    await saveScreenshot(page, 'users-admin');

    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog', { name: '新建用户' });
    await expectVisible(dialog);

    // checked before sending, in Chinese
    await dialog.getByLabel('用户名').press('Enter');
    await expectVisible(dialog.getByText('请输入用户名'));
    await expectVisible(dialog.getByText('请输入姓名'));

    // a taken user name comes back from the server and lands on its field
    await dialog.getByLabel('用户名').fill('supervisor');
    await dialog.getByLabel('姓名').fill('孙芳');
    await dialog.getByLabel('初始密码').fill('first-pass-1');
    await chooseOption(page, dialog.getByLabel('角色 1'), '管理处主任');
    await saveScreenshot(page, 'users-create');
    await dialog.getByLabel('姓名').press('Enter');
    await expectVisible(dialog.getByText('该用户名已被使用。'));

    await dialog.getByLabel('用户名').fill('sunfang');
    await dialog.getByRole('button', { name: '新建用户' }).click();
    await expectNotVisible(dialog);
    const newRow = page.getByRole('row').filter({ hasText: '孙芳' });
    await expectVisible(newRow.getByText('H大厦管理处 · 管理处主任'));
    await expectVisible(newRow.getByText('sunfang'));

    // the new user signs in with the first password and must choose their own first
    const newcomer = await env.openPage();
    await newcomer.page.goto('/');
    await newcomer.page.getByLabel('用户名').fill('sunfang');
    await newcomer.page.getByLabel('密码').fill('first-pass-1');
    await newcomer.page.getByLabel('密码').press('Enter');
    await expectVisible(newcomer.page.getByRole('heading', { name: '请先设置新密码' }));
    await expectNotVisible(newcomer.page.getByRole('navigation'));
    await saveScreenshot(newcomer.page, 'password-change-required');
    await newcomer.page.getByLabel('当前密码').fill('first-pass-1');
    await newcomer.page.getByLabel('新密码', { exact: true }).fill('sunfang-own-2026');
    await newcomer.page.getByLabel('确认新密码').fill('sunfang-own-2026');
    await newcomer.page.getByLabel('确认新密码').press('Enter');
    await expectVisible(newcomer.page.getByRole('heading', { name: '您好，孙芳' }));
    await expectVisible(newcomer.page.getByText('您在H大厦管理处的角色是管理处主任。'));
    await newcomer.context.close();
    await admin.context.close();
  });

  it('lets an admin change roles, reset a password and deactivate a user', async () => {
    const admin = await env.openPage();
    await signInThroughApi(admin.context, 'admin', demoPassword);
    const page = admin.page;
    await page.goto('/settings/users');

    // staff2 becomes supervisor
    const staff2 = page.getByRole('row').filter({ hasText: '刘洋' });
    await staff2.getByRole('button', { name: '设置角色' }).click();
    const rolesDialog = page.getByRole('dialog', { name: '设置 刘洋 的角色' });
    await chooseOption(page, rolesDialog.getByLabel('角色 1'), '客户服务主管');
    await rolesDialog.getByRole('button', { name: '保存' }).click();
    await expectNotVisible(rolesDialog);
    await expectVisible(staff2.getByText('H大厦管理处 · 客户服务主管'));

    // staff3's password is reset: the next sign-in asks for a new one
    const staff3 = page.getByRole('row').filter({ hasText: '陈静' });
    await staff3.getByRole('button', { name: '重置密码' }).click();
    const resetDialog = page.getByRole('dialog', { name: '重置 陈静 的密码' });
    await resetDialog.getByLabel('新密码').fill('short');
    await resetDialog.getByLabel('新密码').press('Enter');
    await expectVisible(resetDialog.getByText('密码至少需要 8 个字符'));
    await resetDialog.getByLabel('新密码').fill('reset-pass-3');
    await resetDialog.getByLabel('新密码').press('Enter');
    await expectNotVisible(resetDialog);
    const staff3Page = await env.openPage();
    await signInThroughApi(staff3Page.context, 'staff3', 'reset-pass-3');
    await staff3Page.page.goto('/');
    await expectVisible(staff3Page.page.getByRole('heading', { name: '请先设置新密码' }));
    await staff3Page.context.close();

    // staff4 is deactivated: shown so, and can no longer sign in
    const staff4 = page.getByRole('row').filter({ hasText: '杨磊' });
    await staff4.getByRole('button', { name: '停用' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '停用' }).click();
    await expectVisible(staff4.getByText('已停用'));
    await expectVisible(staff4.getByRole('button', { name: '启用' }));
    const refused = await page.request.post('/api/auth/login', {
      data: { username: 'staff4', password: demoPassword },
    });
    expect(refused.status()).toBe(401);
    await admin.context.close();
  });

  it('shows people who are not admins a no-permission page instead', async () => {
    const { context, page } = await env.openPage();
    await signInThroughApi(context, 'director', demoPassword);
    await page.goto('/settings/users');
    await expectVisible(
      page.getByRole('heading', { name: '没有权限' }).or(page.getByText('没有权限')),
    );
    await expectNotVisible(page.getByRole('button', { name: '新建用户' }));
    const nav = page.getByRole('navigation', { name: '主导航' });
    await expectVisible(nav.getByRole('menuitem', { name: '设置' }));
    expect(await nav.getByRole('menuitem', { name: '用户管理' }).count()).toBe(0);
    await context.close();
  });
});
