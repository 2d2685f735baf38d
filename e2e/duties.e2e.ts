import { describe, expect, it } from 'vitest';
import {
  expectVisible,
  saveScreenshot,
  settleAnimations,
  signInThroughApi,
} from './support/browser.ts';
import { openApiSession, publishRoster, type ApiSession } from './support/api-seed.ts';
import { demoPassword } from './support/e2e-server.ts';
import { useE2eEnvironment } from './support/e2e-environment.ts';

type RosterMonth = { revision: number };
type Duty = { date: string; shiftName: string; startTime: string; endTime: string };

const staffName = '张伟'; // staff1 in the demo office

/** "2026-12-01" → "12月1日 星期二", as the page writes an office-local date in Chinese. */
function chineseDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const weekday = '日一二三四五六'[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] ?? '';
  return `${String(month)}月${String(day)}日 星期${weekday}`;
}

/**
 * The supervisor puts three shifts of staff1 in December 2026 and publishes the month
 * (ROSTER-1); a roster that leaves shifts uncovered needs a reason, recorded with it.
 */
async function publishDecemberFor(supervisor: ApiSession, officeId: string): Promise<void> {
  const path = `/api/offices/${officeId}/rosters/2026-12`;
  const month = await supervisor.call<RosterMonth>('GET', path);
  const { people } = await supervisor.call<{ people: { userId: string; displayName: string }[] }>(
    'GET',
    `/api/offices/${officeId}/roster-settings`,
  );
  const staff = people.find((person) => person.displayName === staffName);
  if (staff === undefined) throw new Error(`${staffName} is not on the roster`);
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

describe('my duties (我的值班), wishes (排班意愿) and the roster status card', () => {
  // a Wednesday in late November 2026: December's roster is next month's, published by
  // 30 November, and January's wishes are open until 20 December (ROSTER-1)
  const env = useE2eEnvironment({ startAt: new Date('2026-11-25T02:00:00Z') });

  it('shows staff their next shift and list, subscribes a calendar, and keeps their wishes for January; the director sees the roster card', async () => {
    const supervisor = await openApiSession(env.server.url, 'supervisor', demoPassword);
    const { offices } = await supervisor.call<{ offices: { id: string }[] }>('GET', '/api/offices');
    const officeId = offices[0]?.id ?? '';
    await publishDecemberFor(supervisor, officeId);

    // what the server says is staff1's next duty (the demo's November roster is published too)
    const staffApi = await openApiSession(env.server.url, 'staff1', demoPassword);
    const { duties } = await staffApi.call<{ duties: Duty[] }>('GET', '/api/me/duties');
    const next = duties[0];
    if (next === undefined) throw new Error('staff1 has no coming duty');
    expect(duties.map((duty) => duty.date)).toEqual(
      expect.arrayContaining(['2026-12-01', '2026-12-02', '2026-12-08']),
    );
    await staffApi.dispose();

    const { context, page } = await env.openPage('desk');
    await signInThroughApi(context, 'staff1', demoPassword);
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: '主导航' });
    await nav.getByRole('menuitem', { name: '我的值班' }).click();
    await page.waitForURL('**/my-duties');
    await expectVisible(page.getByRole('heading', { name: '我的值班', level: 2 }));

    // the next shift on top, in office-local time
    const nextCard = page.getByRole('region', { name: '下一个班' });
    await expectVisible(nextCard.getByRole('heading', { name: chineseDate(next.date) }));
    await expectVisible(nextCard.getByText(next.shiftName, { exact: true }));
    await expectVisible(nextCard.getByText(`${next.startTime}–${next.endTime}`));
    await expectVisible(nextCard.getByText('H大厦管理处'));

    // the list by week: December's published shifts with their times
    const firstWeek = page.getByRole('region', { name: '11月30日 – 12月6日' });
    await expectVisible(
      firstWeek.getByRole('listitem').filter({ hasText: chineseDate('2026-12-01') }),
    );
    const december2 = firstWeek
      .getByRole('listitem')
      .filter({ hasText: chineseDate('2026-12-02') });
    await expectVisible(december2.getByText('晚班'));
    await expectVisible(december2.getByText('16:30–23:30'));
    await expectVisible(page.getByRole('region', { name: '12月7日 – 12月13日' }));
    await expectVisible(page.getByRole('link', { name: /H大厦管理处 2026年12月《值班安排表》/ }));

    // the month calendar
    await page.getByText('日历', { exact: true }).click();
    await page.getByRole('button', { name: '下个月' }).click();
    await page.getByRole('button', { name: '上个月' }).click();
    if (!next.date.startsWith('2026-12'))
      await page.getByRole('button', { name: '下个月' }).click();
    await expectVisible(page.getByRole('heading', { name: '2026年12月' }));
    await expectVisible(page.getByRole('cell', { name: /^12月2日 星期三：晚班 16:30–23:30/ }));
    await page.getByText('列表', { exact: true }).click();

    // a personal calendar feed: the secret address is shown once
    await page.getByRole('button', { name: '订阅我的值班' }).click();
    await expectVisible(page.getByText('订阅地址已创建').first());
    const address = page.getByLabel('订阅地址');
    await expectVisible(address);
    expect(await address.textContent()).toMatch(/^https?:\/\//);
    await expectVisible(page.getByRole('link', { name: '在日历应用中打开' }));
    const list = page.getByRole('list', { name: '已创建的订阅' });
    await expectVisible(list.getByRole('listitem').filter({ hasText: '我的值班' }));
    await saveScreenshot(page, 'my-duties');

    // revoked: the address stops answering and the list is empty
    const url = (await address.textContent()) ?? '';
    expect((await context.request.get(url)).status()).toBe(200);
    await list.getByRole('button', { name: '撤销' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '撤销' }).click();
    await expectVisible(page.getByText('订阅已撤销'));
    await expectVisible(page.getByText('还没有订阅。'));
    expect((await context.request.get(url)).status()).toBe(404);

    // the month's 值班安排表 downloads from its link
    const exportLink = page.getByRole('link', { name: /2026年12月《值班安排表》/ });
    const exportHref = (await exportLink.getAttribute('href')) ?? '';
    expect(exportHref).toBe(`/api/offices/${officeId}/rosters/2026-12/export.xlsx`);
    const exported = await context.request.get(exportHref);
    expect(exported.status()).toBe(200);
    expect(exported.headers()['content-type']).toContain('spreadsheetml');

    // 排班意愿: January 2027 is open (the cut-off is 20 December), December has closed
    await nav.getByRole('menuitem', { name: '排班意愿' }).click();
    await page.waitForURL('**/roster/wishes');
    await expectVisible(page.getByRole('heading', { name: '排班意愿' }));
    await expectVisible(page.getByText('填写截止：2026-12-20（含当天）'));
    await expectVisible(page.getByText('可以填写', { exact: true }));
    const calendar = page.getByRole('table', { name: '2027年1月的排班意愿日历' });
    await expectVisible(calendar);

    await calendar.getByRole('button', { name: '1月5日 星期二', exact: true }).click();
    let dialog = page.getByRole('dialog', { name: '1月5日 星期二' });
    await dialog.getByRole('radio', { name: '不能上班' }).check();
    await dialog.getByLabel('备注').fill('孩子开家长会');
    await dialog.getByRole('button', { name: '确定' }).click();
    await expectVisible(
      calendar.getByRole('button', { name: '1月5日 星期二：不能上班', exact: true }),
    );

    await calendar.getByRole('button', { name: '1月8日 星期五', exact: true }).click();
    dialog = page.getByRole('dialog', { name: '1月8日 星期五' });
    await dialog.getByRole('radio', { name: '希望上班' }).check();
    // a wished shift needs the shift
    await dialog.getByRole('button', { name: '确定' }).click();
    await expectVisible(dialog.getByText('请选择希望上的班次'));
    await dialog.getByRole('radio', { name: '晚班 16:30–23:30' }).check();
    await dialog.getByRole('button', { name: '确定' }).click();
    await expectVisible(page.getByText('有未保存的修改'));
    await page.getByRole('button', { name: '保存意愿' }).click();
    await expectVisible(page.getByText('排班意愿已保存'));

    await page.reload();
    const marked = page.getByRole('list', { name: '已标记的日子（2）' });
    await expectVisible(marked);
    await expectVisible(
      marked.getByRole('listitem').filter({ hasText: '1月5日 星期二' }).getByText('不能上班'),
    );
    await expectVisible(marked.getByText('孩子开家长会'));
    await expectVisible(
      marked.getByRole('listitem').filter({ hasText: '1月8日 星期五' }).getByText('希望上晚班'),
    );
    await settleAnimations(page);
    await saveScreenshot(page, 'wishes');

    // December: past its cut-off and published, so it is read-only with a reason (ROSTER-1)
    await page.getByRole('button', { name: '上个月' }).click();
    await expectVisible(page.getByText('已截止', { exact: true }));
    await expectVisible(page.getByText('2026年12月的《值班安排表》已发布，排班意愿只能查看。'));
    await expectVisible(page.getByRole('table', { name: '2026年12月的排班意愿日历' }));
    expect(await page.getByRole('button', { name: '保存意愿' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '12月3日 星期四', exact: true }).count()).toBe(0);
    await context.close();

    // the phone: next shift first, nothing wider than the screen
    const phone = await env.openPage('phone');
    await signInThroughApi(phone.context, 'staff1', demoPassword);
    await phone.page.goto('/');
    await expectVisible(
      phone.page.getByRole('region', { name: '我的下一个班' }).getByText(chineseDate(next.date)),
    );
    await phone.page.goto('/my-duties');
    await expectVisible(
      phone.page.getByRole('region', { name: '下一个班' }).getByText(chineseDate(next.date)),
    );
    expect(
      await phone.page.evaluate(() => document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(375);
    await saveScreenshot(phone.page, 'my-duties-phone');
    await phone.page.goto('/roster/wishes');
    await expectVisible(phone.page.getByRole('table', { name: '2027年1月的排班意愿日历' }));
    expect(
      await phone.page.evaluate(() => document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(375);
    await saveScreenshot(phone.page, 'wishes-phone');
    await phone.context.close();

    // the supervisor reads everyone's wishes for January
    const desk = await env.openPage('desk');
    await signInThroughApi(desk.context, 'supervisor', demoPassword);
    await desk.page.goto('/roster/wishes');
    const row = desk.page.getByRole('row').filter({ hasText: '1月5日 星期二' });
    await expectVisible(row.getByText(staffName));
    await expectVisible(row.getByText('不能上班'));
    await desk.context.close();

    // the director's home: December's roster is published, on time
    const director = await env.openPage('desk');
    await signInThroughApi(director.context, 'director', demoPassword);
    await director.page.goto('/');
    const card = director.page.getByRole('region', { name: '下月排班' });
    await expectVisible(card.getByText('已发布'));
    await expectVisible(card.getByText('发布截止：2026-11-30'));
    await expectVisible(director.page.getByText('2026年12月排班'));
    await saveScreenshot(director.page, 'home-roster-status');
    await director.context.close();
    await supervisor.dispose();
  });
});
