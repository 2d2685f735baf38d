import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Empty,
  Flex,
  Input,
  Modal,
  Spin,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import {
  LeftOutlined,
  PrinterOutlined,
  RightOutlined,
  SendOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-client.ts';
import {
  editRosterCells,
  getCurrentGeneration,
  getRosterMonth,
  publishRoster,
  startRosterGeneration,
  stopRosterGeneration,
  unpinRosterCells,
  type RosterGeneration,
  type RosterMonth,
} from '../../api/rosters.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { rosterSettingsPath } from '../shell/app-modules.tsx';
import { useOffices } from '../shell/office-context.tsx';
import { GenerationPanel, GenerationResult, type GenerationRequest } from './generation-panel.tsx';
import { RosterGrid, RosterLegend, type GridEdit } from './roster-grid.tsx';
import { RosterExplanation, ViolationsAlert } from './roster-explanation.tsx';
import { addMonths, isMonth, isStaleAnswer, localDateIn, nextMonthIn } from './roster-month.ts';
import { useRosterTexts } from './roster-texts.ts';
import { VersionsPanel } from './versions-panel.tsx';

type Load =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'ready'; month: RosterMonth };

/** What to show after an answer: a stale one leaves the newer month in place. */
function newer(shown: Load, answer: RosterMonth): Load {
  return shown.status === 'ready' && isStaleAnswer(shown.month, answer)
    ? shown
    : { status: 'ready', month: answer };
}

/** The route of a month's roster, and of its print view. */
export function rosterMonthPath(month: string): string {
  return `/roster/${month}`;
}
export function rosterPrintPath(month: string): string {
  return `/roster/${month}/print`;
}

/**
 * 排班: the monthly duty roster 《值班安排表》 (ROSTER-1, ROSTER-2, SHIFT-1). The supervisor
 * generates next month's draft, edits it cell by cell with every rule checked at once, and
 * publishes it by the deadline; everyone in the office reads the published month.
 */
export function RosterPage() {
  const { t } = useTranslation();
  const { office } = useOffices();
  const params = useParams();
  if (office === undefined) {
    return <Typography.Text type="secondary">{t('roster.noOffice')}</Typography.Text>;
  }
  const month = isMonth(params.month) ? params.month : undefined;
  return (
    <RosterMonthChooser
      key={office.id}
      officeId={office.id}
      timeZone={office.timeZone}
      month={month}
    />
  );
}

function RosterMonthChooser({
  officeId,
  timeZone,
  month,
}: {
  officeId: string;
  timeZone: string;
  month: string | undefined;
}) {
  // ROSTER-1 plans next month: that is where the page opens
  const [defaultMonth] = useState(() => nextMonthIn(new Date(), timeZone));
  const shown = month ?? defaultMonth;
  // a fresh view per month: nothing of one month's state survives switching
  return <RosterView key={shown} officeId={officeId} month={shown} />;
}

function RosterView({ officeId, month }: { officeId: string; month: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const texts = useRosterTexts();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [generation, setGeneration] = useState<RosterGeneration | null>(null);
  const [finished, setFinished] = useState<RosterGeneration | null>(null);
  const [starting, setStarting] = useState(false);
  const [stopping, setStopping] = useState(false);
  const [reasonOpen, setReasonOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [tab, setTab] = useState('grid');
  const [now] = useState(() => new Date());

  useEffect(() => {
    let cancelled = false;
    getRosterMonth(officeId, month).then(
      (data) => {
        if (!cancelled) setLoad((shown) => newer(shown, data));
      },
      (error: unknown) => {
        if (!cancelled) setLoad({ status: 'failed', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [officeId, month, attempt]);

  const reload = useCallback(() => {
    setAttempt((count) => count + 1);
  }, []);

  const data = load.status === 'ready' ? load.month : null;
  const canEdit = data?.canEdit === true;

  // a run started earlier (or in another window) shows its progress here too
  useEffect(() => {
    if (!canEdit) return;
    let cancelled = false;
    getCurrentGeneration(officeId, month).then(
      ({ generation: current }) => {
        if (!cancelled && current?.status === 'running') setGeneration(current);
      },
      () => {
        // progress is a convenience: the page works without it
      },
    );
    return () => {
      cancelled = true;
    };
  }, [officeId, month, canEdit]);

  const runningId = generation?.status === 'running' ? generation.id : null;
  useEffect(() => {
    if (runningId === null) return;
    // progress is written about once a second; the next poll waits for the last answer, so a
    // slow server never has several polls (and several reloads at the end) in flight
    let timer: number | undefined;
    let stopped = false;
    const poll = () => {
      getCurrentGeneration(officeId, month).then(
        ({ generation: current }) => {
          if (stopped) return;
          if (current !== null) setGeneration(current);
          if (current !== null && current.status !== 'running') {
            setFinished(current);
            reload();
            return;
          }
          timer = window.setTimeout(poll, 1000);
        },
        (error: unknown) => {
          if (stopped) return;
          setFailure(error);
          timer = window.setTimeout(poll, 1000);
        },
      );
    };
    timer = window.setTimeout(poll, 1000);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [runningId, officeId, month, reload]);

  /** A generation started elsewhere holds the draft (CONFLICT): show its progress here. */
  const followRunningGeneration = () => {
    getCurrentGeneration(officeId, month).then(
      ({ generation: current }) => {
        if (current?.status === 'running') setGeneration(current);
      },
      () => {
        // the refusal already says why
      },
    );
  };

  /** Runs a change against the server; the answer (the whole month) replaces what is shown. */
  const change = async (action: () => Promise<RosterMonth>): Promise<boolean> => {
    setBusy(true);
    setFailure(null);
    try {
      const answer = await action();
      setLoad((shown) => newer(shown, answer));
      return true;
    } catch (error) {
      setFailure(error);
      if (isApiError(error) && error.code === 'VERSION_CONFLICT') {
        // someone else changed the draft meanwhile: show what they saved
        reload();
      } else if (isApiError(error) && error.code === 'CONFLICT') {
        followRunningGeneration();
      } else if (isApiError(error) && error.rule === 'ROSTER-1') {
        // the server found broken rules the page had not shown yet: ask for the reason
        reload();
        setReason('');
        setReasonOpen(true);
      }
      return false;
    } finally {
      setBusy(false);
    }
  };

  const onEdit = (edit: GridEdit) => {
    if (data === null) return;
    void change(() =>
      editRosterCells(officeId, month, data.revision, [
        { userId: edit.userId, date: edit.date, shiftCode: edit.shiftCode },
      ]),
    );
  };

  const onStart = async (request: GenerationRequest) => {
    setStarting(true);
    setFailure(null);
    setFinished(null);
    try {
      setGeneration(await startRosterGeneration(officeId, month, request));
    } catch (error) {
      setFailure(error);
      if (isApiError(error) && error.code === 'CONFLICT') followRunningGeneration();
    } finally {
      setStarting(false);
    }
  };

  const onStop = async (generationId: string) => {
    setStopping(true);
    try {
      const stopped = await stopRosterGeneration(officeId, month, generationId);
      setGeneration(stopped);
      setFinished(stopped);
      reload();
    } catch (error) {
      setFailure(error);
    } finally {
      setStopping(false);
    }
  };

  const publish = async (overrideReason?: string) => {
    if (data === null) return;
    const published = await change(() =>
      publishRoster(officeId, month, data.revision, overrideReason),
    );
    if (published) {
      setReasonOpen(false);
      setFinished(null);
      void message.success(t('roster.publish.done'));
    }
  };

  const askToPublish = () => {
    if (data === null) return;
    if ((data.check?.hardViolations.length ?? 0) > 0) {
      setReason('');
      setReasonOpen(true);
      return;
    }
    modal.confirm({
      title: t('roster.publish.confirmTitle', { month: texts.month(month) }),
      content: t('roster.publish.confirmText'),
      okText: t('roster.publish.action'),
      cancelText: t('common.cancel'),
      onOk: () => publish(),
    });
  };

  const monthPicker = (
    <Flex gap={8} align="center" wrap>
      <Button
        icon={<LeftOutlined aria-hidden />}
        aria-label={t('roster.previousMonth')}
        onClick={() => void navigate(rosterMonthPath(addMonths(month, -1)))}
      />
      <DatePicker
        picker="month"
        allowClear={false}
        aria-label={t('roster.month')}
        value={dayjs(`${month}-01`)}
        format={(value) => texts.month(value.format('YYYY-MM'))}
        onChange={(value: dayjs.Dayjs | null) => {
          if (value !== null) void navigate(rosterMonthPath(value.format('YYYY-MM')));
        }}
      />
      <Button
        icon={<RightOutlined aria-hidden />}
        aria-label={t('roster.nextMonth')}
        onClick={() => void navigate(rosterMonthPath(addMonths(month, 1)))}
      />
    </Flex>
  );

  const header = (
    <Flex justify="space-between" align="flex-start" gap={12} wrap>
      <div>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('roster.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('roster.intro')}</Typography.Text>
      </div>
      <Flex gap={8} wrap>
        {monthPicker}
        <Button
          icon={<PrinterOutlined aria-hidden />}
          onClick={() => void navigate(rosterPrintPath(month))}
        >
          {t('roster.print.open')}
        </Button>
      </Flex>
    </Flex>
  );

  if (load.status === 'loading') {
    return (
      <Flex vertical gap={16}>
        {header}
        <Spin description={t('app.loading')} />
      </Flex>
    );
  }
  if (load.status === 'failed') {
    return (
      <Flex vertical gap={16}>
        {header}
        <Alert
          type="error"
          showIcon
          title={errorText(load.error)}
          action={
            <Button
              onClick={() => {
                setLoad({ status: 'loading' });
                reload();
              }}
            >
              {t('app.retry')}
            </Button>
          }
        />
      </Flex>
    );
  }

  const roster = load.month;
  const running = generation?.status === 'running';
  const pinnedCount = roster.rows.reduce(
    (sum, row) => sum + row.pinned.filter((pinned) => pinned).length,
    0,
  );
  const violations = roster.check?.hardViolations.length ?? 0;
  const conflictText = (conflict: RosterGeneration['conflicts'][number]) => {
    const name =
      conflict.userId === null
        ? t('roster.explain.wholeRoster')
        : (roster.rows.find((row) => row.userId === conflict.userId)?.displayName ??
          conflict.userId);
    return t('roster.generation.conflict', {
      name,
      rules: conflict.rules.map(texts.ruleName).join(t('roster.format.listSeparator')),
      dates: conflict.dates.length === 0 ? '—' : texts.dates(conflict.dates),
    });
  };

  const grid =
    roster.rows.length === 0 ? (
      <Empty
        description={
          roster.canEdit
            ? t('roster.emptyDraft')
            : roster.status === 'published'
              ? t('roster.nobody')
              : t('roster.notPublishedYet', { month: texts.month(month) })
        }
      />
    ) : (
      <Flex vertical gap={8}>
        <RosterGrid
          month={roster}
          busy={busy || running}
          onEdit={roster.canEdit && !running ? onEdit : undefined}
        />
        <RosterLegend month={roster} />
        {roster.canEdit && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('roster.grid.keyboardHint')}
          </Typography.Text>
        )}
      </Flex>
    );

  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      {header}
      <StatusBanner roster={roster} now={now} />
      {roster.canEdit && !roster.holidayCalendarKnown && (
        <Alert
          type="warning"
          showIcon
          title={t('roster.status.holidaysMissing', { year: roster.month.slice(0, 4) })}
          description={t('roster.status.holidaysMissingText')}
          action={<Link to={rosterSettingsPath}>{t('roster.status.holidaysMissingLink')}</Link>}
        />
      )}
      {failure !== null && (
        <Alert
          type="error"
          showIcon
          closable={{
            onClose: () => {
              setFailure(null);
            },
          }}
          title={errorText(failure)}
          description={
            isApiError(failure) && failure.code === 'VERSION_CONFLICT'
              ? t('roster.reloaded')
              : undefined
          }
        />
      )}
      {roster.canEdit && (
        <GenerationPanel
          generation={generation}
          pinnedCount={pinnedCount}
          hasDraft={roster.rows.some((row) => row.cells.some((cell) => cell !== null))}
          starting={starting}
          stopping={stopping}
          onStart={(request) => void onStart(request)}
          onStop={(id) => void onStop(id)}
        />
      )}
      {finished !== null && (
        <GenerationResult
          generation={finished}
          conflictText={conflictText}
          onClose={() => {
            setFinished(null);
          }}
        />
      )}
      {roster.canEdit && roster.rows.length > 0 && (
        <Flex gap={8} wrap>
          <Button
            type="primary"
            icon={<SendOutlined aria-hidden />}
            disabled={busy || running}
            onClick={askToPublish}
          >
            {t('roster.publish.action')}
          </Button>
          <Button
            icon={<UnlockOutlined aria-hidden />}
            disabled={busy || running || pinnedCount === 0}
            onClick={() => void change(() => unpinRosterCells(officeId, month, roster.revision))}
          >
            {t('roster.unpinAll', { count: pinnedCount })}
          </Button>
        </Flex>
      )}
      {roster.canEdit && <ViolationsAlert month={roster} />}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'grid', label: t('roster.tabs.grid'), children: grid },
          ...(roster.check !== null && roster.rows.length > 0
            ? [
                {
                  key: 'explain',
                  label: t('roster.tabs.explain'),
                  children: <RosterExplanation month={roster} />,
                },
              ]
            : []),
          {
            key: 'versions',
            label: t('roster.tabs.versions'),
            children: <VersionsPanel officeId={officeId} month={roster} />,
          },
        ]}
      />
      <Modal
        open={reasonOpen}
        title={t('roster.publish.reasonTitle')}
        okText={t('roster.publish.withReason')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: reason.trim() === '', loading: busy }}
        onOk={() => void publish(reason.trim())}
        onCancel={() => {
          setReasonOpen(false);
        }}
      >
        <Flex vertical gap={12}>
          <Alert
            type="warning"
            showIcon
            title={t('roster.publish.reasonText', { count: violations })}
          />
          <ViolationsAlert month={roster} />
          {failure !== null && <Alert type="error" showIcon title={errorText(failure)} />}
          <label htmlFor="roster-publish-reason">{t('roster.publish.reasonLabel')}</label>
          <Input.TextArea
            id="roster-publish-reason"
            value={reason}
            maxLength={500}
            showCount
            rows={3}
            onChange={(event) => {
              setReason(event.target.value);
            }}
          />
        </Flex>
      </Modal>
    </Flex>
  );
}

/** Where the month stands against ROSTER-1's deadline: planned, due, overdue, published (late). */
function StatusBanner({ roster, now }: { roster: RosterMonth; now: Date }) {
  const { t } = useTranslation();
  const texts = useRosterTexts();
  const publishBy = texts.date(roster.deadlines.publishBy);
  const statusTag = (
    <Tag
      color={
        roster.status === 'published' ? 'green' : roster.status === 'draft' ? 'blue' : 'default'
      }
    >
      {t(`roster.status.${roster.status}`)}
    </Tag>
  );
  if (roster.status === 'published') {
    return (
      <Alert
        type={roster.publishedLate ? 'warning' : 'success'}
        showIcon
        title={
          <Flex gap={8} align="center" wrap>
            {statusTag}
            {t('roster.status.publishedText', {
              version: roster.publishedVersion ?? 1,
              at:
                roster.publishedAt === null
                  ? '—'
                  : texts.instant(roster.publishedAt, roster.timeZone),
            })}
            {roster.publishedLate && <Tag color="red">{t('roster.status.late')}</Tag>}
          </Flex>
        }
        description={t('roster.status.readOnly')}
      />
    );
  }
  const overdue = now.getTime() >= new Date(roster.deadlines.deadlineAt).getTime();
  const today = localDateIn(now, roster.timeZone);
  const due = today >= roster.deadlines.remindFrom;
  return (
    <Alert
      type={overdue ? 'error' : due ? 'warning' : 'info'}
      showIcon
      title={
        <Flex gap={8} align="center" wrap>
          {statusTag}
          {overdue
            ? t('roster.status.overdue', { date: publishBy })
            : t('roster.status.publishBy', { date: publishBy })}
        </Flex>
      }
      description={
        roster.deadlines.wishesOpen
          ? t('roster.status.wishesOpen', { date: texts.date(roster.deadlines.wishesCutoff) })
          : undefined
      }
    />
  );
}
