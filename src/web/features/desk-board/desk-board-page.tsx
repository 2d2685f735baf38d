import {
  Alert,
  Badge,
  Card,
  Col,
  Empty,
  Flex,
  List,
  Row,
  Spin,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getDeskBoard, type DeskBoard, type FollowUp } from '../../api/desk-board.api.ts';
import { useOfficeEvents } from '../../api/live-updates.ts';
import { useLoad } from '../../api/use-load.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { OnDutyCard, useOfficeTime } from '../duty-log/on-duty-panel.tsx';
import { ItemClock, useNow } from '../help-requests/item-clock.tsx';
import { ItemTags } from '../help-requests/item-tags.tsx';
import { RingTag } from '../phone/phone-day-card.tsx';
import { percentOf } from '../phone/phone-time.ts';
import { useOffices } from '../shell/office-context.tsx';

/** Long words (phone numbers, unit codes) wrap instead of widening a phone screen. */
const wrapAnywhere = { overflowWrap: 'anywhere' } as const;

const liveBadge = { connecting: 'default', live: 'processing', offline: 'warning' } as const;

const itemPath = (id: string) => `/help-requests?item=${encodeURIComponent(id)}`;

/** Open inquiries and help requests with their live clocks (WORK-4) and levels (ESC-1). */
function OpenItemsCard({ board, now }: { board: DeskBoard; now: number }) {
  const { t } = useTranslation();
  return (
    <Card
      title={t('deskBoard.items.title', { count: board.openItems.length })}
      size="small"
      extra={<Link to="/help-requests">{t('deskBoard.items.all')}</Link>}
    >
      <List
        size="small"
        aria-label={t('deskBoard.items.label')}
        dataSource={board.openItems}
        rowKey="id"
        locale={{ emptyText: t('deskBoard.items.none') }}
        renderItem={(item) => (
          <List.Item>
            <Flex vertical gap={4} style={{ width: '100%', minWidth: 0 }}>
              <Link to={itemPath(item.id)} style={wrapAnywhere}>
                {item.subject}
              </Link>
              <Flex gap={4} wrap align="center">
                <ItemTags item={item} />
                <ItemClock item={item} now={now} />
              </Flex>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** Today's calls and the three-rings rate (PHONE-1); missed calls wait for a call-back. */
function PhoneTodayCard({ board, timeZone }: { board: DeskBoard; timeZone: string }) {
  const { t } = useTranslation();
  const time = useOfficeTime(timeZone);
  const { summary, callbacks } = board.phone;
  const percent = percentOf(summary.rate);
  return (
    <Card
      title={t('deskBoard.phone.title')}
      size="small"
      extra={<Link to="/phone">{t('deskBoard.phone.all')}</Link>}
    >
      <Row gutter={[8, 8]}>
        <Col span={8}>
          <Statistic title={t('deskBoard.phone.total')} value={summary.calls} />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('deskBoard.phone.rate')}
            value={percent ?? '—'}
            suffix={percent === null ? undefined : '%'}
          />
        </Col>
        <Col span={8}>
          <Statistic title={t('deskBoard.phone.missed')} value={summary.missed} />
        </Col>
      </Row>
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('deskBoard.phone.callbacks', { count: callbacks.length })}
      </Typography.Title>
      <List
        size="small"
        dataSource={callbacks}
        rowKey="id"
        locale={{ emptyText: t('deskBoard.phone.noCallbacks') }}
        renderItem={(call) => (
          <List.Item>
            <Flex gap={8} wrap align="center">
              <Link to="/phone" style={wrapAnywhere}>
                {call.caller ?? t('deskBoard.phone.unknownCaller')}
              </Link>
              <RingTag call={call} />
              <Typography.Text type="secondary">{time(call.ringStartedAt)}</Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** The latest duty-log entries (WORK-3). */
function RecentLogCard({ board, timeZone }: { board: DeskBoard; timeZone: string }) {
  const { t } = useTranslation();
  const time = useOfficeTime(timeZone);
  return (
    <Card
      title={t('deskBoard.log.title')}
      size="small"
      extra={<Link to="/duty-log">{t('deskBoard.log.all')}</Link>}
    >
      <List
        size="small"
        dataSource={board.recentLog}
        rowKey="id"
        locale={{ emptyText: t('deskBoard.log.none') }}
        renderItem={(entry) => (
          <List.Item>
            <Flex vertical gap={2} style={{ width: '100%', minWidth: 0 }}>
              <Flex gap={8} wrap align="center">
                <Tag color="blue">{t(`dutyLog.categories.${entry.category}`)}</Tag>
                <Typography.Text type="secondary">
                  {t('dutyLog.log.author', { name: entry.authorName, time: time(entry.createdAt) })}
                </Typography.Text>
              </Flex>
              <Typography.Paragraph
                delete={entry.correctedById !== null}
                ellipsis={{ rows: 2 }}
                style={{ margin: 0, ...wrapAnywhere }}
              >
                {entry.text}
              </Typography.Paragraph>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** What still waits at the desk (HO-IN-3 跟进): call-backs and items nobody has taken yet. */
function FollowUpsCard({ board, timeZone }: { board: DeskBoard; timeZone: string }) {
  const { t } = useTranslation();
  const time = useOfficeTime(timeZone);
  const text = (f: FollowUp) =>
    f.kind === 'callback'
      ? t('deskBoard.followUps.callback', {
          caller: f.text === '' ? t('deskBoard.phone.unknownCaller') : f.text,
        })
      : t('deskBoard.followUps.newItem', { subject: f.text });
  return (
    <Card title={t('deskBoard.followUps.title', { count: board.followUps.length })} size="small">
      <List
        size="small"
        dataSource={board.followUps}
        rowKey={(f) => `${f.kind}:${f.id}`}
        locale={{ emptyText: t('deskBoard.followUps.none') }}
        renderItem={(f) => (
          <List.Item>
            <Flex gap={8} wrap align="center" style={{ minWidth: 0 }}>
              <Link to={f.kind === 'callback' ? '/phone' : itemPath(f.id)} style={wrapAnywhere}>
                {text(f)}
              </Link>
              <Typography.Text type="secondary">
                {t('deskBoard.followUps.since', { time: time(f.since) })}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

/**
 * 值班台: the page the person on duty keeps open all shift (issue 6) — who is on duty
 * (HO-IN-1, DISC-1), the open items with live clocks and levels (WORK-4, ESC-1), today's calls
 * (PHONE-1), the latest log entries (WORK-3) and the follow-ups. One read, done again on any
 * live change of the office; the clocks tick by themselves between reads.
 */
export function DeskBoardPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { office } = useOffices();
  const officeId = office?.id ?? null;
  // clocks run on the server's time, not the browser's: the offset is measured at each read
  const board = useLoad(async () => {
    if (officeId === null) return null;
    const read = await getDeskBoard(officeId);
    return { read, offset: new Date(read.now).getTime() - Date.now() };
  }, officeId ?? '');
  const live = useOfficeEvents(officeId, 'all', board.reload);
  const ticking = useNow();

  if (office === undefined) return <Empty description={t('deskBoard.noOffice')} />;
  const timeZone = office.timeZone;
  return (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap align="baseline" justify="space-between">
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('deskBoard.title')}
        </Typography.Title>
        <span title={t('deskBoard.liveHint')} role="status">
          <Badge status={liveBadge[live]} text={t(`deskBoard.liveStatus.${live}`)} />
        </span>
      </Flex>
      {board.state.status === 'loading' && <Spin />}
      {board.state.status === 'failed' && (
        <Alert type="error" showIcon title={errorText(board.state.error)} />
      )}
      {board.state.status === 'ready' && board.state.value !== null && (
        <BoardCards
          board={board.state.value.read}
          now={ticking + board.state.value.offset}
          timeZone={timeZone}
        />
      )}
    </Flex>
  );
}

function BoardCards({ board, now, timeZone }: { board: DeskBoard; now: number; timeZone: string }) {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12} xl={8}>
        <Flex vertical gap={16}>
          <OnDutyCard onDuty={board.onDuty} timeZone={timeZone} />
          <FollowUpsCard board={board} timeZone={timeZone} />
        </Flex>
      </Col>
      <Col xs={24} lg={12} xl={8}>
        <OpenItemsCard board={board} now={now} />
      </Col>
      <Col xs={24} lg={12} xl={8}>
        <Flex vertical gap={16}>
          <PhoneTodayCard board={board} timeZone={timeZone} />
          <RecentLogCard board={board} timeZone={timeZone} />
        </Flex>
      </Col>
    </Row>
  );
}
