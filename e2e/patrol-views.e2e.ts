import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  expectNotVisible,
  expectVisible,
  saveScreenshot,
  picturesOnFailure,
} from './support/browser.ts';
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
const officeName = 'P大厦管理处';
const minute = 60_000;

/** A 1×1 PNG: the evidence photos' bytes (the server reads the type from them). */
const photo = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

type Route = {
  id: string;
  version: number;
  checkpoints: { id: string; name: string; code: string; checklist: string[] }[];
};

/**
 * A fresh office whose day shift started two hours ago and runs six more, with 张伟 (staff1) on
 * it in the published roster, so he can check in and walk a round whose planned window is open
 * whatever the time of day. Returns the office's id.
 */
async function seedOfficeOnDuty(admin: ApiSession, supervisor: ApiSession): Promise<string> {
  const office = await admin.call<{ id: string }>('POST', '/api/offices', {
    name: officeName,
    timeZone,
  });
  await grantOfficeRole(admin, office.id, 'staff1', 'staff');
  await grantOfficeRole(admin, office.id, 'supervisor', 'supervisor');
  const start = new Date(Math.floor((Date.now() - 120 * minute) / minute) * minute);
  const from = officeLocal(start, timeZone);
  const to = officeLocal(new Date(start.getTime() + 8 * 60 * minute), timeZone);
  const officeUrl = `/api/offices/${office.id}`;
  await supervisor.call('PUT', `${officeUrl}/shift-templates`, {
    templates: [{ code: 'D', name: '白班', startTime: from.time, endTime: to.time }],
  });
  const { people } = await supervisor.call<{ people: { userId: string; displayName: string }[] }>(
    'GET',
    `${officeUrl}/roster-settings`,
  );
  const zhangWei = people.find((person) => person.displayName === '张伟');
  if (zhangWei === undefined) throw new Error('张伟 is not on the roster');
  const rosterUrl = `${officeUrl}/rosters/${from.date.slice(0, 7)}`;
  const current = await supervisor.call<{ revision: number }>('GET', rosterUrl);
  const edited = await supervisor.call<{ revision: number }>('PUT', `${rosterUrl}/cells`, {
    revision: current.revision,
    changes: [{ userId: zhangWei.userId, date: from.date, shiftCode: 'D' }],
  });
  // publishing the month in progress is late (ROSTER-1), which is allowed and recorded
  await publishRoster(supervisor, rosterUrl, edited.revision, '浏览器测试：只排了巡查的一个班');
  return office.id;
}

/** The history's steps in the order shown. */
function historyKinds(page: Page): Promise<(string | null)[]> {
  return page
    .locator('.nc-history [data-event]')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-event')));
}

describe('巡查: routes, QR labels, today’s rounds and a non-conforming item (issue 8)', () => {
  const env = useE2eEnvironment();

  it('lets the supervisor lay out a route and print its labels, shows the round 张伟 walked with its missed checkpoint, and takes an item from raised through corrected (by 张伟, who may not verify) to verified by the supervisor', async ({
    onTestFailed,
  }) => {
    const seen = picturesOnFailure(onTestFailed, 'patrol');
    const admin = await openApiSession(env.server.url, 'admin', demoPassword);
    const supervisorApi = await openApiSession(env.server.url, 'supervisor', demoPassword);
    const officeId = await seedOfficeOnDuty(admin, supervisorApi);
    await admin.dispose();
    const officeUrl = `/api/offices/${officeId}`;

    // the supervisor lays out the garden route in the editor: two checkpoints, one planned round
    const boss = await env.openPage();
    seen.set('supervisor', boss.page);
    await signInAt(boss.context, 'supervisor', officeId);
    const s = boss.page;
    await s.goto('/settings/patrol-routes');
    await expectVisible(s.getByRole('heading', { name: '巡查路线', level: 2 }));
    await s.getByLabel('路线名称').fill('花园');
    const first = s.getByRole('group', { name: '巡查点 1' });
    await first.getByLabel('巡查点名称').fill('东门');
    await first.getByLabel('检查项目').fill('照明\n围栏');
    await s.getByRole('button', { name: '添加巡查点' }).click();
    const second = s.getByRole('group', { name: '巡查点 2' });
    await second.getByLabel('巡查点名称').fill('水景');
    await second.getByLabel('检查项目').fill('排水\n卫生');
    await s.getByRole('button', { name: '添加计划巡查' }).click();
    const plan = s.getByRole('group', { name: '计划巡查 1' });
    // a window past the shift's end: the server's refusal shows at the field
    await plan.getByLabel('班次开始后（分钟）').fill('400');
    await plan.getByLabel('时段长度（分钟）').fill('240');
    await s.getByRole('button', { name: '保存巡查路线' }).click();
    await expectVisible(plan.getByText('时段超出了班次（班次共 480 分钟）。'));
    await expectVisible(s.getByText('请按提示修改标红的内容。'));
    // the checkpoints' order, by keyboard: the fountain first, then back
    await s.getByRole('button', { name: '下移 巡查点 1' }).press('Enter');
    await expect.poll(() => first.getByLabel('巡查点名称').inputValue()).toBe('水景');
    await s.keyboard.press('Enter');
    await expect.poll(() => first.getByLabel('巡查点名称').inputValue()).toBe('东门');
    await plan.getByLabel('班次开始后（分钟）').fill('0');
    await s.getByRole('button', { name: '保存巡查路线' }).click();
    await expectVisible(s.getByText(/^第 1 版，.+ 保存$/));
    await expectVisible(first.getByText(/^编码 [A-Z2-9]{6}$/));
    await expectVisible(second.getByText(/^编码 [A-Z2-9]{6}$/));
    await saveScreenshot(s, 'patrol-routes-settings');

    // the label sheet: both QR images load, each with its code
    const { routes } = await supervisorApi.call<{ routes: Route[] }>(
      'GET',
      `${officeUrl}/patrol-routes`,
    );
    const route = routes[0];
    if (route === undefined) throw new Error('the route was not saved');
    expect(route.checkpoints.map((c) => c.name)).toEqual(['东门', '水景']);
    await s.getByRole('button', { name: '打印二维码标签' }).click();
    await expectVisible(s.getByRole('heading', { name: /巡查点二维码标签/ }));
    const images = s.locator('img.patrol-label-qr');
    await expect.poll(() => images.count()).toBe(2);
    await expect
      .poll(() =>
        images.evaluateAll((nodes) =>
          nodes.map(
            (node) =>
              (node as HTMLImageElement).complete && (node as HTMLImageElement).naturalWidth > 0,
          ),
        ),
      )
      .toEqual([true, true]);
    for (const checkpoint of route.checkpoints) {
      await expectVisible(s.getByText(checkpoint.code, { exact: true }));
    }
    await saveScreenshot(s, 'patrol-labels');
    await s.emulateMedia({ media: 'print' });
    await expectNotVisible(s.getByRole('button', { name: '打印 / 导出PDF' }));
    await s.emulateMedia({ media: 'screen' });

    // 张伟 checks in and walks the planned round, reaching only the east gate
    const staffApi = await openApiSession(env.server.url, 'staff1', demoPassword);
    await staffApi.call('POST', `${officeUrl}/duty/check-in`, {});
    const [eastGate, fountain] = route.checkpoints;
    if (eastGate === undefined || fountain === undefined) throw new Error('two checkpoints');
    const round = await staffApi.call<{ id: string }>('POST', `${officeUrl}/patrol-rounds`, {
      clientId: 'e2e-round-1',
      routeId: route.id,
    });
    await staffApi.call('POST', `${officeUrl}/patrol-rounds/${round.id}/visits`, {
      clientId: 'e2e-visit-1',
      code: eastGate.code,
      method: 'code',
      results: [
        { item: '照明', ok: true },
        { item: '围栏', ok: true },
      ],
    });
    await staffApi.call('POST', `${officeUrl}/patrol-rounds/${round.id}/finish`, {});

    // …and raises a non-conforming item at the fountain with a photo
    const stored = await staffApi.call<{ sha256: string }>('POST', `${officeUrl}/files`, photo);
    const what = '水景排水口被落叶堵塞，积水约 5 厘米';
    const raised = await staffApi.call<{ item: { id: string } }>(
      'POST',
      `${officeUrl}/nonconformances`,
      {
        clientId: 'e2e-nc-0001',
        what,
        checkpointId: fountain.id,
        severity: 'major',
        assignee: 'cleaning',
        dueAt: new Date(Date.now() + 24 * 60 * minute).toISOString(),
        attachments: [{ sha256: stored.sha256, fileName: '积水.png' }],
      },
    );

    // the overview: the planned round done, the fountain missed on it and not visited today
    const desk = await env.openPage();
    seen.set('staff', desk.page);
    await signInAt(desk.context, 'staff1', officeId);
    const p = desk.page;
    await p.goto('/patrol');
    await expectVisible(p.getByRole('heading', { name: '巡查', level: 2 }));
    const row = p.locator('tr').filter({ hasText: '白班 第 1 次' });
    await expectVisible(row.getByText('已完成'));
    await expectVisible(row.getByText('水景'));
    await expectVisible(row.getByText(/^张伟 \d{2}:\d{2} 开始$/));
    await expectVisible(p.getByRole('link', { name: '开始巡查' }));
    await saveScreenshot(p, 'patrol-overview');
    await p.getByRole('tab', { name: '巡查点' }).click();
    const fountainRow = p.locator('tr').filter({ hasText: fountain.code });
    await expectVisible(fountainRow.getByText('今日未巡查'));
    await expectVisible(p.locator('tr').filter({ hasText: eastGate.code }).getByText(/张伟$/));
    await saveScreenshot(p, 'patrol-checkpoints');
    await p.getByRole('tab', { name: '不合格项' }).click();
    const ncRow = p.locator('tr').filter({ hasText: what });
    await expectVisible(ncRow.getByText('待整改'));
    await expectVisible(ncRow.getByText('较重'));
    await saveScreenshot(p, 'patrol-nonconformances');

    // 张伟 corrects it with a photo of the cleared drain
    await ncRow.getByRole('link', { name: what }).click();
    await expectVisible(p.getByRole('heading', { name: '不合格项', level: 2 }));
    await expectVisible(p.getByRole('img', { name: '积水.png' }));
    await p.getByLabel('整改说明').fill('已清理落叶，排水恢复正常');
    await p.locator('input[type=file]').setInputFiles({
      name: '清理后.png',
      mimeType: 'image/png',
      // other bytes than the first photo: another file
      buffer: Buffer.concat([photo, Buffer.from([0])]),
    });
    const submit = p.getByRole('button', { name: '提交整改' });
    await expect.poll(() => submit.isEnabled()).toBe(true);
    await submit.click();
    await expectVisible(p.getByText('已整改，等待主管验证（WORK-3）。'));
    // no verify button for him, and the server refuses him too (WORK-3)
    await expectNotVisible(p.getByRole('button', { name: '验证合格' }));
    const refusal = await staffApi
      .call('POST', `${officeUrl}/nonconformances/${raised.item.id}/verify`, { version: 2 })
      .then(
        () => 'accepted',
        (error: unknown) => String(error),
      );
    expect(refusal).toContain('FORBIDDEN');
    await staffApi.dispose();

    // the supervisor verifies it; the history reads raised → corrected → verified
    await s.goto(`/patrol/nonconformances/${raised.item.id}`);
    await expectVisible(s.getByText('已清理落叶，排水恢复正常'));
    await s.getByRole('button', { name: '验证合格' }).click();
    await expectVisible(s.getByText('此不合格项已验证合格，处理完毕。'));
    await expect.poll(() => historyKinds(s)).toEqual(['raised', 'corrected', 'verified']);
    await expectVisible(
      s.locator('.nc-history [data-event=corrected]').getByRole('img', { name: '清理后.png' }),
    );
    await expectVisible(
      s.locator('.nc-history [data-event=raised]').getByRole('img', { name: '积水.png' }),
    );
    await saveScreenshot(s, 'patrol-nc-detail');
    // 张伟's screen follows without reloading
    await expectVisible(p.getByText('此不合格项已验证合格，处理完毕。'));
    await s.emulateMedia({ media: 'print' });
    await expectNotVisible(s.getByRole('button', { name: '验证合格' }));
    await expectNotVisible(s.getByRole('menu'));
    await s.emulateMedia({ media: 'screen' });

    // the overview on a phone: cards, nothing scrolls sideways
    const phone = await env.openPage('phone');
    seen.set('phone', phone.page);
    await signInAt(phone.context, 'staff1', officeId);
    await phone.page.goto('/patrol');
    // the planned round as a card with its missed checkpoint in view
    await expectVisible(phone.page.getByText('已完成'));
    await expectVisible(phone.page.locator('.ant-card').getByText('水景'));
    expect(
      await phone.page.evaluate(() => document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(375);
    await saveScreenshot(phone.page, 'patrol-overview-phone');

    await supervisorApi.dispose();
    await phone.context.close();
    await desk.context.close();
    await boss.context.close();
  });
});
