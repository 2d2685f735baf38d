import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  chooseOption,
  expectNotVisible,
  expectVisible,
  saveScreenshot,
  settleAnimations,
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
const officeName = 'J大厦管理处';
const minute = 60_000;

type RosterMonth = { revision: number };

/**
 * A fresh office with a day shift that ends in about ten minutes (so the handover is open,
 * HO-OUT-1: from 15 minutes before the end) and an evening shift that starts then, with 张伟
 * (staff1) on the day shift and 刘洋 (staff2) on the evening one in the published roster: the
 * test never depends on the time of day. Returns the office's id.
 */
async function seedOfficeWithTwoShifts(admin: ApiSession, supervisor: ApiSession): Promise<string> {
  const office = await admin.call<{ id: string }>('POST', '/api/offices', {
    name: officeName,
    timeZone,
  });
  await grantOfficeRole(admin, office.id, 'staff1', 'staff');
  await grantOfficeRole(admin, office.id, 'staff2', 'staff');
  await grantOfficeRole(admin, office.id, 'supervisor', 'supervisor');

  // the day shift ends on a whole minute 9–10 minutes from now; the evening shift starts then
  const end = new Date(Math.ceil((Date.now() + 9 * minute) / minute) * minute);
  const dayStart = officeLocal(new Date(end.getTime() - 8 * 60 * minute), timeZone);
  const eveningStart = officeLocal(end, timeZone);
  const eveningEnd = officeLocal(new Date(end.getTime() + 8 * 60 * minute), timeZone);
  const officeUrl = `/api/offices/${office.id}`;
  await supervisor.call('PUT', `${officeUrl}/shift-templates`, {
    templates: [
      { code: 'D', name: '白班', startTime: dayStart.time, endTime: eveningStart.time },
      { code: 'E', name: '晚班', startTime: eveningStart.time, endTime: eveningEnd.time },
    ],
  });
  const { people } = await supervisor.call<{ people: { userId: string; displayName: string }[] }>(
    'GET',
    `${officeUrl}/roster-settings`,
  );
  const idOf = (name: string) => {
    const person = people.find((candidate) => candidate.displayName === name);
    if (person === undefined) throw new Error(`${name} is not on the roster`);
    return person.userId;
  };
  const cells = [
    { userId: idOf('张伟'), date: dayStart.date, shiftCode: 'D' },
    { userId: idOf('刘洋'), date: eveningStart.date, shiftCode: 'E' },
  ];
  // the two shifts may fall in two months (a handover at midnight on the last day)
  for (const month of new Set(cells.map((cell) => cell.date.slice(0, 7)))) {
    const rosterUrl = `${officeUrl}/rosters/${month}`;
    const current = await supervisor.call<RosterMonth>('GET', rosterUrl);
    const edited = await supervisor.call<RosterMonth>('PUT', `${rosterUrl}/cells`, {
      revision: current.revision,
      changes: cells.filter((cell) => cell.date.startsWith(month)),
    });
    // publishing the month in progress is late (ROSTER-1), which is allowed and recorded
    await publishRoster(supervisor, rosterUrl, edited.revision, '浏览器测试：只排了交接班的两个班');
  }
  return office.id;
}

/** The office's first post (the one check-in uses when none is named). */
async function firstPostId(api: ApiSession, officeId: string): Promise<string | undefined> {
  const { offices } = await api.call<{ offices: { id: string; posts: { id: string }[] }[] }>(
    'GET',
    '/api/offices',
  );
  return offices.find((office) => office.id === officeId)?.posts[0]?.id;
}

/** Signs one side in the shared screen's modal with that person's own password. */
async function sign(page: Page, name: string, password: string): Promise<void> {
  await page.getByRole('button', { name: `${name} 签名` }).click();
  const modal = page.getByRole('dialog').filter({ hasText: name });
  await modal.getByLabel(`${name} 的密码`).fill(password);
  await modal.getByLabel(`${name} 的密码`).press('Enter');
}

describe('交接班: the full handover between a day and an evening shift (issue 7)', () => {
  const env = useE2eEnvironment();

  // the whole handover by three people: the longest walk of the browser tier
  it('walks 张伟 and 刘洋 through every step: blocked by an important help request (HO-OUT-4) until the supervisor’s exception, a missing radio explained (HO-IN-2), the log read and the follow-up accepted (HO-IN-3), the area checked (HO-IN-4), both signatures and the sealed record', async ({
    onTestFailed,
  }) => {
    const seen = picturesOnFailure(onTestFailed, 'handover');
    const admin = await openApiSession(env.server.url, 'admin', demoPassword);
    const supervisorApi = await openApiSession(env.server.url, 'supervisor', demoPassword);
    const officeId = await seedOfficeWithTwoShifts(admin, supervisorApi);
    await admin.dispose();
    const officeUrl = `/api/offices/${officeId}`;

    // both on duty: 张伟 since the morning, 刘洋 arriving early for the evening (HO-IN-1)
    const staffA = await openApiSession(env.server.url, 'staff1', demoPassword);
    const staffB = await openApiSession(env.server.url, 'staff2', demoPassword);
    await staffA.call('POST', `${officeUrl}/duty/check-in`, {});
    await staffB.call('POST', `${officeUrl}/duty/check-in`, {});
    // the day's log and an important help request still open at the end of the shift
    const logText = '17:30 巡查大堂及地下车库，一切正常。';
    await staffA.call('POST', `${officeUrl}/duty-log`, { category: 'patrol', text: logText });
    const subject = '12楼电梯困人后停运，等待维保到场';
    await staffA.call('POST', `${officeUrl}/desk-items`, {
      kind: 'help',
      priority: 'important',
      channel: 'phone',
      subject,
    });
    // the day's patrol: one checkpoint reached, the fountain skipped (issue 8)
    const garden = await supervisorApi.call<{
      id: string;
      checkpoints: { code: string }[];
    }>('POST', `${officeUrl}/patrol-routes`, {
      name: '花园',
      checkpoints: [
        { name: '东门', checklist: ['照明'] },
        { name: '喷泉', checklist: ['排水'] },
      ],
      plannedRounds: [],
    });
    const round = await staffA.call<{ id: string }>('POST', `${officeUrl}/patrol-rounds`, {
      clientId: 'round-handover-e2e-1',
      routeId: garden.id,
    });
    await staffA.call('POST', `${officeUrl}/patrol-rounds/${round.id}/visits`, {
      clientId: 'visit-handover-e2e-1',
      code: garden.checkpoints[0]!.code,
      method: 'qr',
      results: [{ item: '照明', ok: true }],
    });
    await staffA.call('POST', `${officeUrl}/patrol-rounds/${round.id}/finish`, {});
    // a non-conforming item found on the day's patrol, carried to the evening (issue 8)
    const finding = '花园东门路灯不亮';
    await staffA.call('POST', `${officeUrl}/nonconformances`, {
      clientId: 'nc-handover-e2e-0001',
      what: finding,
      location: '花园东门',
      severity: 'minor',
      assignee: 'maintenance',
      dueAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    });
    await staffA.dispose();
    await staffB.dispose();

    // the supervisor keeps the post's items 岗位物品 in settings: two radios and the keys
    const boss = await env.openPage();
    seen.set('supervisor', boss.page);
    await signInAt(boss.context, 'supervisor', officeId);
    await boss.page.goto('/settings/inventory');
    await expectVisible(boss.page.getByRole('heading', { name: '岗位物品', level: 2 }));
    await expectVisible(boss.page.getByText('尚未建立物品清单。'));
    for (const [index, [name, quantity]] of [
      ['对讲机', '2'],
      ['钥匙柜钥匙', '1'],
    ].entries()) {
      await boss.page.getByRole('button', { name: '添加物品' }).click();
      const row = boss.page.getByRole('group', { name: `物品名称 ${String(index + 1)}` });
      await row.getByLabel('物品名称').fill(name ?? '');
      await row.getByLabel('数量').fill(quantity ?? '');
    }
    await boss.page.getByRole('button', { name: '保存物品清单' }).click();
    await expectVisible(boss.page.getByText(/^第 1 版，李敏 于 .+ 保存$/));
    // someone else saves meanwhile (another supervisor's screen): the stale save is refused
    const { postId, items } = await supervisorApi.call<{
      postId: string;
      items: { id: string; name: string; quantity: number }[];
    }>('GET', `${officeUrl}/posts/${(await firstPostId(supervisorApi, officeId)) ?? ''}/inventory`);
    await supervisorApi.call('PUT', `${officeUrl}/posts/${postId}/inventory`, {
      version: 1,
      items: [
        ...items.map(({ id, name, quantity }) => ({ id, name, quantity })),
        { name: '手电筒', quantity: 1 },
      ],
    });
    await boss.page
      .getByRole('group', { name: '物品名称 2' })
      .getByLabel('备注')
      .fill('在前台抽屉');
    await boss.page.getByRole('button', { name: '保存物品清单' }).click();
    await expectVisible(
      boss.page.getByText('物品清单刚被他人修改。请重新加载，再在最新版本上修改。'),
    );
    await boss.page.getByRole('button', { name: '重新加载' }).click();
    await expectVisible(boss.page.getByText(/^第 2 版，李敏 于 .+ 保存$/));
    await expect
      .poll(() =>
        boss.page.getByRole('group', { name: '物品名称 3' }).getByLabel('物品名称').inputValue(),
      )
      .toBe('手电筒');
    await saveScreenshot(boss.page, 'handover-inventory');

    // 张伟 starts handing over (HO-OUT-1) and ticks the items and the log (HO-OUT-2)
    const outgoing = await env.openPage();
    seen.set('outgoing', outgoing.page);
    await signInAt(outgoing.context, 'staff1', officeId);
    const a = outgoing.page;
    await a.goto('/handover');
    await expectVisible(a.getByRole('heading', { name: '交接班', level: 2 }));
    await a.getByRole('button', { name: '开始交班' }).click();
    await a.getByRole('button', { name: '物品已整理、台面已清洁' }).click();
    await expectVisible(a.locator('#handover-tidy').getByText(/已确认$/));
    await a.getByRole('button', { name: '值班记录已完成' }).click();
    await expectVisible(a.locator('#handover-log').getByText(/已确认$/));

    // the unfinished work told truthfully, linked to the open help request (HO-OUT-2)
    const unfinished = a.locator('#handover-unfinished');
    await unfinished.getByRole('button', { name: '添加一项' }).click();
    await chooseOption(a, unfinished.locator('.ant-select'), subject);
    await unfinished.getByLabel('事项').fill(subject);
    await unfinished.getByLabel('进展').fill('已通知维保公司，预计 19:00 到场');
    await unfinished.getByLabel('下一步').fill('维保到场后陪同检修，恢复运行后回复住户');
    await unfinished.getByRole('button', { name: '提交未完成工作清单' }).click();
    await expectVisible(unfinished.getByRole('button', { name: '修改清单' }));

    // one blocked attempt: the important help request is still open (HO-OUT-4)
    await sign(a, '张伟', demoPassword);
    const refusal = a.getByRole('dialog').getByRole('alert');
    await expectVisible(refusal.getByText('HO-OUT-4').first());
    await expectVisible(refusal.getByText(`重要工作未处理完毕：${subject}`));
    await saveScreenshot(a, 'handover-blocked', { fullPage: false });
    await a.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    await expectNotVisible(a.getByRole('dialog'));

    // the supervisor, who sees the office's handovers in progress, grants an exception with a
    // written reason
    await boss.page.goto('/handover');
    const blocking = boss.page.locator('#handover-blocking');
    await blocking.getByLabel('例外原因').fill('维保今晚到场，由晚班继续跟进');
    await blocking.getByRole('button', { name: '批准例外' }).click();
    await expectVisible(blocking.getByText('已批准例外'));
    // 张伟's screen follows without reloading
    await expectVisible(a.locator('#handover-blocking').getByText(/李敏 于 .+ 批准例外/));

    // 刘洋 takes over on his own device, arrival on time (HO-IN-1)
    const incoming = await env.openPage();
    seen.set('incoming', incoming.page);
    await signInAt(incoming.context, 'staff2', officeId);
    const b = incoming.page;
    await b.goto('/handover');
    await b.getByRole('button', { name: '我来接班' }).click();
    await expectVisible(b.getByText('准时'));

    // counts every item: one radio missing (HO-IN-2)
    const count = b.locator('#handover-count');
    const radios = count.getByRole('group', { name: '对讲机' });
    await radios.getByLabel('对讲机 实点数量').fill('1');
    await radios.getByLabel('对讲机 备注').fill('充电座上只有一台');
    await count.getByRole('button', { name: '提交清点结果' }).click();
    await expectVisible(count.getByText('对讲机：应有 2，实点 1'));
    await expectVisible(count.getByText('待交班人员说明'));

    // 张伟 explains the missing radio next to it, on his own screen
    const discrepancy = a.locator('#handover-count');
    await expectVisible(discrepancy.getByText('对讲机：应有 2，实点 1'));
    await discrepancy.getByLabel('交班人员说明').fill('一台借给保安部夜间巡逻，明早归还');
    await discrepancy.getByLabel('交班人员说明').press('Enter');
    await expectVisible(count.getByText('一台借给保安部夜间巡逻，明早归还'));

    // 刘洋 reads each log entry (HO-IN-3), accepts the follow-up, checks the area (HO-IN-4)
    const log = b.locator('#handover-read-log');
    await expectVisible(log.getByText(logText));
    const boxes = log.getByRole('checkbox', { name: '已阅' });
    for (let i = 0; i < (await boxes.count()); i += 1) {
      const box = boxes.nth(i);
      // ticked once the server recorded it read, not before
      if (!(await box.isChecked())) await box.click();
      await expect.poll(() => box.isChecked(), { timeout: 15_000 }).toBe(true);
    }
    await b.locator('#handover-follow-ups').getByRole('button', { name: '接收跟进事项' }).click();
    await expectVisible(b.locator('#handover-follow-ups').getByText(/已接收$/));
    await b.locator('#handover-area').getByRole('button', { name: '检查完毕，无异常' }).click();
    await expectVisible(b.locator('#handover-area').getByText('未发现异常情况。'));
    await expectVisible(
      b.locator('#handover-nonconformances').getByRole('link', { name: finding }),
    );
    await expectVisible(b.locator('#handover-patrols').getByText('巡查点 1/2'));
    await saveScreenshot(b, 'handover-checklist');

    // both sign on 刘洋's screen, each with their own password (HO-OUT-3, HO-IN-5)
    await expectVisible(b.getByText('条件已齐备，可以签名。'));
    await sign(b, '张伟', demoPassword);
    await expectVisible(b.getByText(/张伟 \d{2}-\d{2} \d{2}:\d{2} 签名/));
    await sign(b, '刘洋', demoPassword);
    await expectVisible(b.getByText('交接班完成，记录已封存'));

    // 张伟's own screen shows the seal too, and he may now leave the post (HO-OUT-3)
    await expectVisible(a.getByText('交接班完成，记录已封存'));
    await a.getByRole('button', { name: '签退离岗' }).click();
    await expectVisible(a.getByText('已签退。'));

    // the record: sealed, both signatures with the hash, verified
    await b.getByRole('button', { name: '查看交接班记录' }).click();
    await expectVisible(b.getByRole('heading', { name: '交接班记录', level: 2 }));
    await expectVisible(b.getByText('已签名封存').first());
    await expectVisible(b.getByText(/张伟 \d{2}-\d{2} \d{2}:\d{2} 签名/));
    await expectVisible(b.getByText(/刘洋 \d{2}-\d{2} \d{2}:\d{2} 签名/));
    await expectVisible(b.getByText('一台借给保安部夜间巡逻，明早归还'));
    await expectVisible(b.getByText('维保今晚到场，由晚班继续跟进', { exact: false }));
    await expectVisible(b.getByText('校验通过：封存后的值班记录与交接记录未被改动。'));
    await expectVisible(b.getByRole('link', { name: finding }));
    await expectVisible(b.getByText('漏检：喷泉'));
    expect(await b.getByText(/哈希 sha-256: [0-9a-f]{64}/).count()).toBe(2);
    await settleAnimations(b);
    await saveScreenshot(b, 'handover-record');
    // printed (打印/导出PDF), the record goes without the app's menu, header and buttons
    await b.emulateMedia({ media: 'print' });
    await expectNotVisible(b.getByRole('button', { name: '打印 / 导出PDF' }));
    await expectNotVisible(b.getByRole('menu'));
    await expectVisible(b.getByRole('heading', { name: '交接班记录', level: 2 }));
    await b.emulateMedia({ media: 'screen' });

    // the list of handovers with their compliance
    await boss.page.goto('/handover/records');
    const row = boss.page.locator('tr').filter({ hasText: '张伟 → 刘洋' });
    await expectVisible(row.getByText('已签名封存'));
    await saveScreenshot(boss.page, 'handover-records');

    // the same record on a phone: the cards stack and nothing scrolls sideways
    const phone = await env.openPage('phone');
    seen.set('phone', phone.page);
    await signInAt(phone.context, 'staff2', officeId);
    await phone.page.goto(
      b
        .url()
        .replace(/^https?:\/\/[^/]+/, '')
        .replace(/$/, '/work'),
    );
    await expectVisible(phone.page.getByText('交接班完成，记录已封存'));
    expect(
      await phone.page.evaluate(() => document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(375);
    await saveScreenshot(phone.page, 'handover-phone');

    await supervisorApi.dispose();
    await phone.context.close();
    await incoming.context.close();
    await outgoing.context.close();
    await boss.context.close();
  }, 240_000);
});
