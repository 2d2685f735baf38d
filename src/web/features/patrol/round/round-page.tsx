import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Flex,
  Input,
  InputNumber,
  List,
  Radio,
  Result,
  Space,
  Spin,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { CheckCircleFilled, ClockCircleOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { codeFromScan } from '../../../../shared/patrol-codes.ts';
import {
  getRound,
  type Checkpoint,
  type PatrolRound,
  type PatrolRoute,
} from '../../../api/patrol-rounds.api.ts';
import { isApiError } from '../../../api/api-client.ts';
import { useOfficeEvents } from '../../../api/live-updates.ts';
import { useLoad } from '../../../api/use-load.ts';
import { useErrorText } from '../../../i18n/error-text.ts';
import { useOfficeTime } from '../../duty-log/on-duty-panel.tsx';
import { useOffices } from '../../shell/office-context.tsx';
import type { RoundRef } from './offline-queue.ts';
import { enqueuePhotos, patrolQueue, usePatrolQueue } from './patrol-queue.ts';
import { PhotoPicker } from './photo-picker.tsx';
import { QrScanner } from './qr-scanner.tsx';
import { RaiseNcForm } from './raise-nc-form.tsx';
import {
  entriesOf,
  readCurrentRound,
  roundPath,
  serverIdOf,
  startRoundPath,
  useRoutes,
  writeCurrentRound,
  type RoutesState,
} from './round-state.ts';
import { failureText, SyncIndicator } from './sync-indicator.tsx';
import { useMe } from '../../auth/session-context.tsx';

const pagePadding = { maxWidth: 560, margin: '0 auto', width: '100%' } as const;

/** The planned rounds of a route in words: "白班 D：开班后 60 分钟起，30 分钟内". */
function PlannedRounds({ route }: { route: PatrolRoute }) {
  const { t } = useTranslation();
  if (route.plannedRounds.length === 0) return null;
  return (
    <Typography.Text type="secondary">
      {t('patrolRound.start.planned', {
        list: route.plannedRounds
          .map((p) =>
            t('patrolRound.start.plannedOne', {
              shift: p.shiftCode,
              offset: p.offsetMinutes,
              window: p.windowMinutes,
            }),
          )
          .join('；'),
      })}
    </Typography.Text>
  );
}

/** 开始巡查: the route and how long the post is left (DISC-1). */
function StartRound({ officeId, routes }: { officeId: string; routes: RoutesState }) {
  const { t } = useTranslation();
  const userId = useMe().user.id;
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [routeId, setRouteId] = useState<string | undefined>();
  const [minutes, setMinutes] = useState(30);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  if (routes.status === 'loading') return <Spin />;
  if (routes.status === 'failed')
    return <Alert type="error" showIcon role="alert" title={errorText(routes.error)} />;
  const list = routes.routes;
  const chosen = routeId ?? (list.length === 1 ? list[0]?.id : undefined);
  const start = async () => {
    if (chosen === undefined) return;
    setBusy(true);
    setRefusal(null);
    const queue = patrolQueue(userId);
    const startedAt = new Date().toISOString();
    const entry = await queue.enqueue({
      kind: 'start',
      officeId,
      routeId: chosen,
      expectedMinutes: minutes,
      startedAt,
    });
    // online, a refusal (not checked in: DISC-1) is told here, not left in the outbox
    await queue.flush();
    const after = queue.snapshot().entries.find((e) => e.clientId === entry.clientId);
    setBusy(false);
    if (after?.state === 'failed' && after.failure !== undefined) {
      setRefusal(failureText(t, after.failure));
      await queue.discard(entry.clientId);
      return;
    }
    writeCurrentRound(
      { officeId, userId, ref: entry.clientId, routeId: chosen, startedAt },
      officeId,
    );
    void navigate(roundPath(entry.clientId));
  };
  return (
    <Card title={t('patrolRound.start.title')}>
      {list.length === 0 ? (
        <Alert type="info" showIcon title={t('patrolRound.start.noRoutes')} />
      ) : (
        <Flex vertical gap={16}>
          <Radio.Group
            aria-label={t('patrolRound.start.route')}
            value={chosen}
            onChange={(event) => {
              setRouteId(event.target.value as string);
            }}
          >
            <Flex vertical gap={12}>
              {list.map((route) => (
                <Radio key={route.id} value={route.id} style={{ minHeight: 44 }}>
                  <Flex vertical>
                    <Typography.Text strong>{route.name}</Typography.Text>
                    <Typography.Text type="secondary">
                      {t('patrolRound.start.checkpoints', { count: route.checkpoints.length })}
                    </Typography.Text>
                    <PlannedRounds route={route} />
                  </Flex>
                </Radio>
              ))}
            </Flex>
          </Radio.Group>
          <Space.Compact>
            <Typography.Text style={{ alignSelf: 'center', marginRight: 8 }}>
              <label htmlFor="patrol-expected-minutes">{t('patrolRound.start.expected')}</label>
            </Typography.Text>
            <InputNumber
              id="patrol-expected-minutes"
              size="large"
              min={5}
              max={240}
              value={minutes}
              onChange={(value) => {
                setMinutes(value ?? 30);
              }}
            />
          </Space.Compact>
          <Typography.Text type="secondary">{t('patrolRound.start.disc1')}</Typography.Text>
          <Button
            type="primary"
            size="large"
            block
            disabled={chosen === undefined}
            loading={busy}
            onClick={() => void start()}
          >
            {t('patrolRound.start.submit')}
          </Button>
          {refusal !== null && <Alert type="error" showIcon role="alert" title={refusal} />}
        </Flex>
      )}
    </Card>
  );
}

type Reached = { checkpoint: Checkpoint; method: 'qr' | 'code' };

/** 到达检查点: the checklist as OK / not OK, a note, photos, and raising a 不合格项 from here. */
function CheckpointCard({
  reached,
  onSave,
  onRaise,
  onCancel,
}: {
  reached: Reached;
  onSave: (results: { item: string; ok: boolean }[], note: string, photos: File[]) => void;
  onRaise: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { checkpoint } = reached;
  const [ok, setOk] = useState<boolean[]>(() => checkpoint.checklist.map(() => true));
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<File[]>([]);
  return (
    <Card
      title={t('patrolRound.visit.title', { name: checkpoint.name })}
      extra={<Tag>{checkpoint.code}</Tag>}
      role="region"
      aria-label={t('patrolRound.visit.title', { name: checkpoint.name })}
    >
      <Flex vertical gap={12}>
        {checkpoint.checklist.length === 0 && (
          <Typography.Text type="secondary">{t('patrolRound.visit.noChecklist')}</Typography.Text>
        )}
        {checkpoint.checklist.map((item, index) => (
          <Flex key={item} justify="space-between" align="center" gap={8} style={{ minHeight: 44 }}>
            <Typography.Text>{item}</Typography.Text>
            <Switch
              aria-label={item}
              checked={ok[index]}
              checkedChildren={t('patrolRound.visit.ok')}
              unCheckedChildren={t('patrolRound.visit.notOk')}
              onChange={(value) => {
                setOk((before) => before.map((v, i) => (i === index ? value : v)));
              }}
            />
          </Flex>
        ))}
        <Input.TextArea
          aria-label={t('patrolRound.visit.note')}
          placeholder={t('patrolRound.visit.note')}
          rows={2}
          maxLength={1000}
          value={note}
          onChange={(event) => {
            setNote(event.target.value);
          }}
        />
        <PhotoPicker value={photos} onChange={setPhotos} label={t('patrolRound.photos.add')} />
        <Button
          type="primary"
          size="large"
          block
          onClick={() => {
            onSave(
              checkpoint.checklist.map((item, index) => ({ item, ok: ok[index] ?? true })),
              note.trim(),
              photos,
            );
          }}
        >
          {t('patrolRound.visit.save')}
        </Button>
        <Button size="large" block danger onClick={onRaise}>
          {t('patrolRound.visit.raise')}
        </Button>
        <Button size="large" block type="text" onClick={onCancel}>
          {t('patrolRound.cancel')}
        </Button>
      </Flex>
    </Card>
  );
}

/** 到达检查点: scan the label with the camera, or type its code (always possible). */
function ReachCheckpoint({ onCode }: { onCode: (text: string, method: 'qr' | 'code') => void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [scanning, setScanning] = useState(false);
  const submit = () => {
    onCode(typed, 'code');
    setTyped('');
  };
  return (
    <Card title={t('patrolRound.reach.title')} size="small">
      <Flex vertical gap={12}>
        <Button
          size="large"
          block
          icon={<QrcodeOutlined aria-hidden />}
          onClick={() => {
            setScanning(true);
          }}
        >
          {t('patrolRound.reach.scan')}
        </Button>
        <Space.Compact style={{ width: '100%' }}>
          <Input
            size="large"
            aria-label={t('patrolRound.reach.code')}
            placeholder={t('patrolRound.reach.codeHint')}
            autoCapitalize="characters"
            autoComplete="off"
            maxLength={60}
            value={typed}
            onChange={(event) => {
              setTyped(event.target.value);
            }}
            onPressEnter={submit}
          />
          <Button size="large" type="primary" onClick={submit}>
            {t('patrolRound.reach.go')}
          </Button>
        </Space.Compact>
      </Flex>
      <QrScanner
        open={scanning}
        onClose={() => {
          setScanning(false);
        }}
        onCode={(code) => {
          setScanning(false);
          onCode(code, 'qr');
        }}
      />
    </Card>
  );
}

/** The round being walked: reach checkpoints in any order, raise 不合格项, finish. */
function RoundInProgress({ officeId, refParam }: { officeId: string; refParam: string }) {
  const { t } = useTranslation();
  const userId = useMe().user.id;
  const errorText = useErrorText();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const { office } = useOffices();
  const time = useOfficeTime(office?.timeZone ?? 'Asia/Shanghai');
  const { snapshot } = usePatrolQueue();
  const routes = useRoutes(officeId);
  // read once: finishing clears it, and the finished round still shows its route
  const [local] = useState(() => {
    const current = readCurrentRound(officeId, userId);
    return current?.ref === refParam ? current : null;
  });
  const serverId = serverIdOf(refParam, snapshot);
  const queued = entriesOf(snapshot, refParam, serverId);
  const [changes, setChanges] = useState(0);
  const refresh = useCallback(() => {
    setChanges((count) => count + 1);
  }, []);
  useOfficeEvents(officeId, ['patrol-rounds'], refresh);
  const [lastLoaded, setLastLoaded] = useState<PatrolRound | null>(null);
  const round = useLoad<PatrolRound | null>(
    () =>
      serverId === undefined
        ? Promise.resolve(null)
        : getRound(officeId, serverId).then(
            (value) => {
              setLastLoaded(value);
              return value;
            },
            (error: unknown) => {
              // offline, the round as last read stays on screen with what is queued
              if (isApiError(error) && error.status === 0 && lastLoaded !== null) return lastLoaded;
              throw error;
            },
          ),
    `${serverId ?? refParam}|${String(changes)}|${String(queued.length)}`,
  );
  const loaded = round.state.status === 'ready' ? round.state.value : null;
  const [reached, setReached] = useState<Reached | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [raising, setRaising] = useState<{ checkpointId?: string } | null>(null);
  const [finishedHere, setFinishedHere] = useState(false);

  const routeId = local?.routeId ?? loaded?.routeId;
  const route = routes.status === 'ready' ? routes.routes.find((r) => r.id === routeId) : undefined;
  const roundRef: RoundRef =
    serverId === undefined ? { startClientId: refParam } : { roundId: serverId };

  const doneCodes = new Set([
    ...(loaded?.visits.map((v) => v.code) ?? []),
    ...queued.flatMap((e) => (e.action.kind === 'visit' ? [e.action.code] : [])),
  ]);
  const pendingCodes = new Set(
    queued.flatMap((e) => (e.action.kind === 'visit' ? [e.action.code] : [])),
  );
  const finished =
    finishedHere || loaded?.status === 'finished' || queued.some((e) => e.action.kind === 'finish');

  const reach = (text: string, method: 'qr' | 'code') => {
    setProblem(null);
    const code = codeFromScan(text);
    if (code === null) {
      setProblem(t('patrolRound.reach.malformed'));
      return;
    }
    const checkpoint = route?.checkpoints.find((c) => c.code === code);
    if (checkpoint === undefined) {
      setProblem(t('patrolRound.reach.unknown', { code }));
      return;
    }
    if (doneCodes.has(code)) {
      setProblem(t('patrolRound.reach.already', { name: checkpoint.name }));
      return;
    }
    setReached({ checkpoint, method });
  };

  // arriving from a label's URL (/patrol/scan/:code) opens that checkpoint
  const scanned = search.get('checkpoint');
  useEffect(() => {
    if (scanned === null || route === undefined) return;
    setSearch({}, { replace: true });
    // the scanned code arrives from outside React (the label's URL), once
    // eslint-disable-next-line react-hooks/set-state-in-effect
    reach(scanned, 'qr');
    // reach reads the route and visits of this render; run once per scanned code
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scanned, route]);

  if (routes.status === 'loading' || (round.state.status === 'loading' && local === null))
    return <Spin />;
  if (route === undefined) {
    const error = round.state.status === 'failed' ? round.state.error : null;
    return (
      <Result
        status="warning"
        title={t('patrolRound.round.notFound')}
        subTitle={error === null ? undefined : errorText(error)}
        extra={<Link to={startRoundPath}>{t('patrolRound.round.startNew')}</Link>}
      />
    );
  }

  const notReached = route.checkpoints.filter((c) => !doneCodes.has(c.code));
  const save = async (results: { item: string; ok: boolean }[], note: string, photos: File[]) => {
    if (reached === null) return;
    const queue = patrolQueue(userId);
    const refs = await enqueuePhotos(queue, officeId, photos);
    await queue.enqueue({
      kind: 'visit',
      officeId,
      round: roundRef,
      code: reached.checkpoint.code,
      method: reached.method,
      visitedAt: new Date().toISOString(),
      results,
      note,
      photos: refs,
    });
    void message.success(t('patrolRound.visit.recorded', { name: reached.checkpoint.name }));
    setReached(null);
    void queue.flush();
  };
  const finish = () => {
    modal.confirm({
      title: t('patrolRound.finish.confirmTitle'),
      content:
        notReached.length === 0 ? (
          t('patrolRound.finish.allReached')
        ) : (
          <Flex vertical gap={4}>
            <Typography.Text>
              {t('patrolRound.finish.missed', { count: notReached.length })}
            </Typography.Text>
            <ul>
              {notReached.map((c) => (
                <li key={c.id}>
                  {c.name}（{c.code}）
                </li>
              ))}
            </ul>
          </Flex>
        ),
      okText: t('patrolRound.finish.confirm'),
      cancelText: t('patrolRound.cancel'),
      onOk: async () => {
        const queue = patrolQueue(userId);
        await queue.enqueue({
          kind: 'finish',
          officeId,
          round: roundRef,
          finishedAt: new Date().toISOString(),
        });
        writeCurrentRound(null, officeId);
        setFinishedHere(true);
        void queue.flush();
      },
    });
  };

  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex vertical gap={4}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {route.name}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('patrolRound.round.startedAt', {
              time: time(loaded?.startedAt ?? local?.startedAt ?? new Date().toISOString()),
            })}
            {loaded?.late === true && (
              <Tag color="warning" style={{ marginLeft: 8 }}>
                {t('patrolRound.round.late')}
              </Tag>
            )}
          </Typography.Text>
          <Typography.Text strong>
            {t('patrolRound.round.progress', {
              done: route.checkpoints.length - notReached.length,
              total: route.checkpoints.length,
            })}
          </Typography.Text>
        </Flex>
      </Card>
      {finished ? (
        <Result
          status="success"
          title={t('patrolRound.finish.done')}
          subTitle={
            notReached.length === 0
              ? t('patrolRound.finish.allReached')
              : t('patrolRound.finish.missedList', {
                  list: notReached.map((c) => c.name).join('、'),
                })
          }
          extra={[
            <Link key="patrol" to="/patrol">
              {t('patrolRound.finish.toPatrol')}
            </Link>,
            <Link key="again" to={startRoundPath}>
              {t('patrolRound.round.startNew')}
            </Link>,
          ]}
        />
      ) : reached !== null ? (
        <CheckpointCard
          key={reached.checkpoint.id}
          reached={reached}
          onSave={(results, note, photos) => void save(results, note, photos)}
          onRaise={() => {
            setRaising({ checkpointId: reached.checkpoint.id });
          }}
          onCancel={() => {
            setReached(null);
          }}
        />
      ) : (
        <ReachCheckpoint onCode={reach} />
      )}
      {problem !== null && !finished && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={problem}
          closable={{
            onClose: () => {
              setProblem(null);
            },
          }}
        />
      )}
      <Card size="small" title={t('patrolRound.round.checkpoints')}>
        <List
          dataSource={route.checkpoints}
          renderItem={(checkpoint) => {
            const done = doneCodes.has(checkpoint.code);
            return (
              <List.Item
                aria-label={checkpoint.name}
                extra={
                  done ? (
                    <Flex gap={4}>
                      {pendingCodes.has(checkpoint.code) && (
                        <Tag color="processing">{t('patrolRound.round.pendingSync')}</Tag>
                      )}
                      <Tag color="success" icon={<CheckCircleFilled aria-hidden />}>
                        {t('patrolRound.round.done')}
                      </Tag>
                    </Flex>
                  ) : (
                    <Tag icon={<ClockCircleOutlined aria-hidden />}>
                      {finished ? t('patrolRound.round.missed') : t('patrolRound.round.pending')}
                    </Tag>
                  )
                }
              >
                <List.Item.Meta
                  title={`${String(checkpoint.seq)}. ${checkpoint.name}`}
                  description={checkpoint.code}
                />
              </List.Item>
            );
          }}
        />
      </Card>
      {!finished && (
        <Flex vertical gap={8}>
          <Button
            size="large"
            block
            onClick={() => {
              setRaising({});
            }}
          >
            {t('patrolRound.round.raise')}
          </Button>
          <Button size="large" block type="primary" ghost onClick={finish}>
            {t('patrolRound.finish.button')}
          </Button>
        </Flex>
      )}
      <Drawer
        open={raising !== null}
        placement="bottom"
        size="90%"
        title={t('patrolRound.nc.title')}
        onClose={() => {
          setRaising(null);
        }}
        destroyOnHidden
      >
        {raising !== null && routes.status === 'ready' && (
          <RaiseNcForm
            officeId={officeId}
            routes={[route]}
            checkpointId={raising.checkpointId}
            round={roundRef}
            onRaised={() => {
              setRaising(null);
            }}
            onCancel={() => {
              setRaising(null);
            }}
          />
        )}
      </Drawer>
      {finished && (
        <Button size="large" block onClick={() => void navigate('/patrol')}>
          {t('patrolRound.finish.toPatrol')}
        </Button>
      )}
    </Flex>
  );
}

/**
 * 巡查 on the phone: start a round, reach each checkpoint by its QR code or typed code, tick its
 * checklist, finish; works offline (issue 8, point 2). Everything goes through the outbox, so a
 * dropped connection only delays it; the indicator says how much waits to sync.
 */
export function RoundPage() {
  const { t } = useTranslation();
  const userId = useMe().user.id;
  const { roundId } = useParams();
  const { office } = useOffices();
  const officeId = office?.id ?? null;
  const routes = useRoutes(roundId === undefined ? officeId : null);
  if (officeId === null) return <Spin />;
  const current = roundId === undefined ? readCurrentRound(officeId, userId) : null;
  if (current !== null) return <Navigate to={roundPath(current.ref)} replace />;
  return (
    <Flex vertical gap={12} style={pagePadding}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('patrolRound.title')}
      </Typography.Title>
      <SyncIndicator />
      {roundId === undefined ? (
        <StartRound officeId={officeId} routes={routes} />
      ) : (
        <RoundInProgress key={roundId} officeId={officeId} refParam={roundId} />
      )}
    </Flex>
  );
}
