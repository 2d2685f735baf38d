import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { chromium, type Page } from 'playwright-core';
import { projectRoot } from '../src/server/main.ts';
import {
  expectNotVisible,
  expectVisible,
  saveScreenshot,
  screenshotDir,
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
const minute = 60_000;

type Route = { id: string; checkpoints: { id: string; name: string; code: string }[] };
type Round = { id: string; status: string; visits: { code: string }[]; notVisited: unknown[] };

/**
 * A fresh office with a shift running now and the person on it in the published roster, and
 * a garden route of three checkpoints the supervisor set up: the test never depends on the
 * time of day. Returns the office's id and the route.
 */
async function seedOfficeWithRoute(
  admin: ApiSession,
  supervisor: ApiSession,
  {
    officeName,
    username,
    displayName,
  }: { officeName: string; username: string; displayName: string },
): Promise<{ officeId: string; route: Route }> {
  const office = await admin.call<{ id: string }>('POST', '/api/offices', {
    name: officeName,
    timeZone,
  });
  await grantOfficeRole(admin, office.id, username, 'staff');
  await grantOfficeRole(admin, office.id, 'supervisor', 'supervisor');
  const officeUrl = `/api/offices/${office.id}`;
  const start = new Date(Math.floor((Date.now() - 60 * minute) / minute) * minute);
  const from = officeLocal(start, timeZone);
  const to = officeLocal(new Date(start.getTime() + 8 * 60 * minute), timeZone);
  await supervisor.call('PUT', `${officeUrl}/shift-templates`, {
    templates: [{ code: 'D', name: '白班', startTime: from.time, endTime: to.time }],
  });
  const { people } = await supervisor.call<{ people: { userId: string; displayName: string }[] }>(
    'GET',
    `${officeUrl}/roster-settings`,
  );
  const userId = people.find((person) => person.displayName === displayName)?.userId;
  if (userId === undefined) throw new Error(`${displayName} is not on the roster`);
  const rosterUrl = `${officeUrl}/rosters/${from.date.slice(0, 7)}`;
  const current = await supervisor.call<{ revision: number }>('GET', rosterUrl);
  const edited = await supervisor.call<{ revision: number }>('PUT', `${rosterUrl}/cells`, {
    revision: current.revision,
    changes: [{ userId, date: from.date, shiftCode: 'D' }],
  });
  // publishing the month in progress is late (ROSTER-1), which is allowed and recorded
  await publishRoster(supervisor, rosterUrl, edited.revision, '浏览器测试：只排了巡查的一个班');
  const route = await supervisor.call<Route>('POST', `${officeUrl}/patrol-routes`, {
    name: '花园夜巡',
    checkpoints: [
      { name: '北门花坛', checklist: ['灯光正常', '围栏完好'] },
      { name: '喷泉水池', checklist: ['水面无漂浮物', '防护栏完好'] },
      { name: '地下车库入口', checklist: ['排水畅通'] },
    ],
    plannedRounds: [],
  });
  return { officeId: office.id, route };
}

/** A small valid PNG (a photo of a cracked fence, as far as the server can tell). */
function photoPng(): Buffer {
  const png = new PNG({ width: 16, height: 16 });
  for (let i = 0; i < png.data.length; i += 4) {
    png.data[i] = 200;
    png.data[i + 1] = (i / 4) % 16 === 8 ? 0 : 180;
    png.data[i + 2] = 120;
    png.data[i + 3] = 255;
  }
  return PNG.sync.write(png);
}

/** Keeps a phone picture in docs/screenshots as well as with the run's artifacts. */
async function keepScreenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await saveScreenshot(page, name, { fullPage });
  const docs = path.join(projectRoot, 'docs', 'screenshots');
  await mkdir(docs, { recursive: true });
  await copyFile(path.join(screenshotDir, `${name}.png`), path.join(docs, `${name}.png`));
}

async function typeCode(page: Page, code: string): Promise<void> {
  await page.getByLabel('检查点编码').fill(code);
  await page.getByRole('button', { name: '确认' }).click();
}

describe('巡查 on a phone: a round through a dropped connection (issue 8, point 2)', () => {
  const env = useE2eEnvironment();

  it('records two checkpoints and a non-conformance with a photo offline, syncs them once when back online, and says so for an unknown code', async ({
    onTestFailed,
  }) => {
    const admin = await openApiSession(env.server.url, 'admin', demoPassword);
    const supervisorApi = await openApiSession(env.server.url, 'supervisor', demoPassword);
    const { officeId, route } = await seedOfficeWithRoute(admin, supervisorApi, {
      officeName: 'K花园管理处',
      username: 'staff1',
      displayName: '张伟',
    });
    await admin.dispose();
    const officeUrl = `/api/offices/${officeId}`;
    const [north, fountain, garage] = route.checkpoints;
    if (north === undefined || fountain === undefined || garage === undefined)
      throw new Error('the route has three checkpoints');

    // 张伟 on duty (DISC-1: a round needs the person checked in)
    const staffApi = await openApiSession(env.server.url, 'staff1', demoPassword);
    await staffApi.call('POST', `${officeUrl}/duty/check-in`, {});

    const { context, page } = await env.openPage('phone');
    // a small Android phone, the narrowest the page is built for
    await page.setViewportSize({ width: 360, height: 740 });
    onTestFailed(async () => {
      await saveScreenshot(page, 'patrol-round-failed');
    });
    await signInAt(context, 'staff1', officeId);
    await page.goto('/patrol/round');
    await expectVisible(page.getByText('花园夜巡'));
    await expectVisible(page.getByText('3 个检查点'));
    await keepScreenshot(page, 'patrol-round-start');
    await page.getByRole('button', { name: '开始巡查' }).click();
    await page.waitForURL(/\/patrol\/round\/start-/);
    await expectVisible(page.getByText('已到 0 / 3 个检查点'));
    await expectVisible(page.getByText('已全部同步'));

    // a code that is no checkpoint of the route, and one that is no code at all
    const unknown = ['ZZZZZZ', 'YYYYYY', 'XXXXXX'].find(
      (code) => !route.checkpoints.some((checkpoint) => checkpoint.code === code),
    );
    await typeCode(page, unknown ?? 'ZZZZZZ');
    await expectVisible(
      page.getByRole('alert').filter({ hasText: `编码 ${unknown ?? ''} 不是本路线的检查点` }),
    );
    await keepScreenshot(page, 'patrol-round-unknown-code');
    await typeCode(page, 'AB1');
    await expectVisible(page.getByRole('alert').filter({ hasText: '编码应为 6 位字母' }));

    // the connection drops
    await context.setOffline(true);
    await typeCode(page, north.code.toLowerCase());
    const northCard = page.getByRole('region', { name: '检查点：北门花坛' });
    await expectVisible(northCard);
    await northCard.getByRole('switch', { name: '围栏完好' }).click();
    await northCard.getByLabel('备注（发现的问题）').fill('东侧围栏一处松动');
    await northCard.getByRole('button', { name: '保存本检查点' }).click();
    await expectVisible(page.getByText('已到 1 / 3 个检查点'));

    await typeCode(page, fountain.code);
    const fountainCard = page.getByRole('region', { name: '检查点：喷泉水池' });
    await fountainCard.getByRole('button', { name: '登记不合格项' }).click();
    const drawer = page.getByRole('dialog').filter({ hasText: '登记不合格项' });
    await drawer.getByLabel('问题描述').fill('喷泉防护栏断裂，有跌落风险');
    await drawer.getByText('严重', { exact: true }).click();
    await drawer.getByText('维修', { exact: true }).click();
    await drawer.locator('input[type=file]').setInputFiles({
      name: 'fence.png',
      mimeType: 'image/png',
      buffer: photoPng(),
    });
    await expectVisible(drawer.getByRole('img', { name: 'fence.png' }));
    await keepScreenshot(page, 'patrol-round-nonconformance', false);
    await drawer.getByRole('button', { name: '提交不合格项' }).click();
    await expectVisible(page.getByText('不合格项已记录'));
    await fountainCard.getByRole('switch', { name: '防护栏完好' }).click();
    await fountainCard.getByRole('button', { name: '保存本检查点' }).click();
    await expectVisible(page.getByText('已到 2 / 3 个检查点'));

    // two visits, the photo and the non-conformance wait on the phone
    await expectVisible(page.getByText('4 条待同步'));
    await expectVisible(page.getByText('离线：记录保存在本机'));
    await keepScreenshot(page, 'patrol-round-offline');

    await context.setOffline(false);
    await expectVisible(page.getByText('已全部同步'), 30_000);
    await keepScreenshot(page, 'patrol-round-synced');

    // the server holds each exactly once
    const { rounds } = await staffApi.call<{ rounds: Round[] }>(
      'GET',
      `${officeUrl}/patrol-rounds`,
    );
    expect(rounds).toHaveLength(1);
    const roundId = rounds[0]?.id ?? '';
    const round = await staffApi.call<Round>('GET', `${officeUrl}/patrol-rounds/${roundId}`);
    expect(round.visits.map((visit) => visit.code).sort()).toEqual(
      [north.code, fountain.code].sort(),
    );
    const { items } = await staffApi.call<{
      items: { id: string; what: string; roundId: string | null; checkpointId: string | null }[];
    }>('GET', `${officeUrl}/nonconformances?status=all`);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      what: '喷泉防护栏断裂，有跌落风险',
      roundId,
      checkpointId: fountain.id,
    });
    const detail = await staffApi.call<{ attachments: { fileName: string }[] }>(
      'GET',
      `${officeUrl}/nonconformances/${items[0]?.id ?? ''}`,
    );
    expect(detail.attachments.map((file) => file.fileName)).toEqual(['fence.png']);

    // finishing names the checkpoint not reached, recorded as missed
    await page.getByRole('button', { name: '结束巡查' }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '结束本轮巡查？' });
    await expectVisible(confirm.getByText('地下车库入口'));
    await confirm.getByRole('button', { name: '结束巡查' }).click();
    await expectVisible(page.getByText('本轮巡查已结束'));
    await expectVisible(page.getByText('已全部同步'), 30_000);
    const finished = await staffApi.call<Round>('GET', `${officeUrl}/patrol-rounds/${roundId}`);
    expect(finished.status).toBe('finished');
    expect(finished.notVisited).toHaveLength(1);
    await keepScreenshot(page, 'patrol-round-finished');
    await staffApi.dispose();
    await supervisorApi.dispose();
    await context.close();
  });

  it('keeps what one person queued on a shared phone for them: another person signed in neither sees nor sends it', async () => {
    const admin = await openApiSession(env.server.url, 'admin', demoPassword);
    const supervisorApi = await openApiSession(env.server.url, 'supervisor', demoPassword);
    const { officeId, route } = await seedOfficeWithRoute(admin, supervisorApi, {
      officeName: 'L花园管理处',
      username: 'staff1',
      displayName: '张伟',
    });
    await grantOfficeRole(admin, officeId, 'staff2', 'staff');
    await admin.dispose();
    await supervisorApi.dispose();
    const officeUrl = `/api/offices/${officeId}`;
    const north = route.checkpoints[0];
    if (north === undefined) throw new Error('the route has checkpoints');
    const staffApi = await openApiSession(env.server.url, 'staff1', demoPassword);
    await staffApi.call('POST', `${officeUrl}/duty/check-in`, {});

    const { context, page } = await env.openPage('phone');
    await signInAt(context, 'staff1', officeId);
    await page.goto('/patrol/round');
    await page.getByRole('button', { name: '开始巡查' }).click();
    await page.waitForURL(/\/patrol\/round\/start-/);
    await expectVisible(page.getByText('已全部同步'));
    // the visit cannot get through: it waits on the phone
    const visits = '**/patrol-rounds/*/visits';
    await page.route(visits, (request) => request.abort());
    await typeCode(page, north.code);
    await page
      .getByRole('region', { name: `检查点：${north.name}` })
      .getByRole('button', { name: '保存本检查点' })
      .click();
    await expectVisible(page.getByText('1 条待同步'));

    // 刘洋 signs in on the same phone: no round of hers, nothing of 张伟's sent as hers
    await context.clearCookies();
    await signInAt(context, 'staff2', officeId);
    await page.unroute(visits);
    await page.goto('/patrol/round');
    await expectVisible(page.getByRole('button', { name: '开始巡查' }));
    await expectNotVisible(page.getByText('1 条待同步'));
    await page.waitForTimeout(6_000); // longer than the outbox's retry timer
    const { rounds } = await staffApi.call<{ rounds: Round[] }>(
      'GET',
      `${officeUrl}/patrol-rounds`,
    );
    expect(rounds.map((r) => r.visits.length)).toEqual([0]);

    // back as 张伟: his round and its waiting visit, sent under his own session
    await context.clearCookies();
    await signInAt(context, 'staff1', officeId);
    await page.goto('/patrol/round');
    await expectVisible(page.getByText('已全部同步'), 30_000);
    const round = await staffApi.call<Round>(
      'GET',
      `${officeUrl}/patrol-rounds/${rounds[0]?.id ?? ''}`,
    );
    expect(round.visits.map((visit) => visit.code)).toEqual([north.code]);
    await staffApi.dispose();
    await context.close();
  });
});

/**
 * A Y4M video (4:2:0, the format Chromium's fake camera plays) of one still image: the PNG's
 * luma on white, no colour. Chromium loops it.
 */
function y4mOfPng(pngBytes: Buffer): Buffer {
  const png = PNG.sync.read(pngBytes);
  const width = png.width + (png.width % 2);
  const height = png.height + (png.height % 2);
  const luma = Buffer.alloc(width * height, 255);
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      const alpha = (png.data[i + 3] ?? 255) / 255;
      const grey =
        0.299 * (png.data[i] ?? 255) +
        0.587 * (png.data[i + 1] ?? 255) +
        0.114 * (png.data[i + 2] ?? 255);
      luma[y * width + x] = Math.round(grey * alpha + 255 * (1 - alpha));
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const header = Buffer.from(
    `YUV4MPEG2 W${String(width)} H${String(height)} F10:1 Ip A1:1 C420jpeg\n`,
  );
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  return Buffer.concat([header, frame, frame]);
}

describe('巡查 on a phone: reaching a checkpoint with the camera (issue 8, point 2)', () => {
  const env = useE2eEnvironment();

  it('reads the checkpoint’s printed QR label from the camera and records the visit as scanned; a label opened by the phone’s own camera app lands on the round', async () => {
    const admin = await openApiSession(env.server.url, 'admin', demoPassword);
    const supervisorApi = await openApiSession(env.server.url, 'supervisor', demoPassword);
    const { officeId, route } = await seedOfficeWithRoute(admin, supervisorApi, {
      officeName: 'L花园管理处',
      username: 'staff2',
      displayName: '刘洋',
    });
    await admin.dispose();
    await supervisorApi.dispose();
    const officeUrl = `/api/offices/${officeId}`;
    const north = route.checkpoints[0];
    if (north === undefined) throw new Error('the route has checkpoints');
    const staffApi = await openApiSession(env.server.url, 'staff2', demoPassword);

    // the label as printed, played by Chromium's fake camera
    const labels = await env.openPage();
    await signInAt(labels.context, 'supervisor', officeId);
    const label = await labels.context.request.get(
      `${officeUrl}/patrol-routes/${route.id}/checkpoints/${north.id}/label.png`,
    );
    expect(label.ok()).toBe(true);
    const dir = await mkdtemp(path.join(tmpdir(), 'dutydesk-camera-'));
    const video = path.join(dir, 'label.y4m');
    await writeFile(video, y4mOfPng(await label.body()));
    await labels.context.close();

    const browser = await chromium.launch({
      executablePath: process.env.DUTYDESK_CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    });
    try {
      const { context, page } = await env.openPage('phone', browser);
      await context.grantPermissions(['camera']);
      await signInAt(context, 'staff2', officeId);
      await page.goto('/patrol/round');
      // not on duty yet: a round is leaving the post, so it is refused (DISC-1)
      await page.getByRole('button', { name: '开始巡查' }).click();
      await expectVisible(page.getByRole('alert').filter({ hasText: 'DISC-1' }));
      await expectVisible(page.getByText('已全部同步'));
      await keepScreenshot(page, 'patrol-round-not-on-duty');
      await staffApi.call('POST', `${officeUrl}/duty/check-in`, {});
      await page.getByRole('button', { name: '开始巡查' }).click();
      await page.waitForURL(/\/patrol\/round\/start-/);
      await page.getByRole('button', { name: '扫描检查点二维码' }).click();
      const card = page.getByRole('region', { name: '检查点：北门花坛' });
      await expectVisible(card, 20_000);
      await card.getByRole('button', { name: '保存本检查点' }).click();
      await expectVisible(page.getByText('已到 1 / 3 个检查点'));
      await expectVisible(page.getByText('已全部同步'));

      // the phone's own camera app opens the next label's URL: it lands on this round there
      const fountain = route.checkpoints[1];
      if (fountain === undefined) throw new Error('the route has a second checkpoint');
      await page.goto(`/patrol/scan/${fountain.code}`);
      await expectVisible(page.getByRole('region', { name: '检查点：喷泉水池' }));
      await page.getByRole('button', { name: '取消' }).click();
      await expectVisible(page.getByText('已到 1 / 3 个检查点'));
      const { rounds } = await staffApi.call<{
        rounds: { visits: { code: string; method: string }[] }[];
      }>('GET', `${officeUrl}/patrol-rounds`);
      expect(rounds[0]?.visits).toEqual([
        expect.objectContaining({ code: north.code, method: 'qr' }),
      ]);
      await context.close();
    } finally {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
      await staffApi.dispose();
    }
  });
});
