import { useState } from 'react';
import { Alert, Button, Card, Empty, Flex, List, Spin, Tag, Typography } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  getHandoverDesk,
  listHandovers,
  openHandover,
  type Handover,
  type HandoverDesk,
} from '../../api/handover.api.ts';
import { useOfficeEvents } from '../../api/live-updates.ts';
import { useLoad } from '../../api/use-load.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { useMe } from '../auth/session-context.tsx';
import { useOfficeTime } from '../duty-log/on-duty-panel.tsx';
import { useOffices } from '../shell/office-context.tsx';
import { useOfficeDateTime } from './handover-texts.ts';
import { handoverRecordsPath, handoverWorkPath } from './handover-paths.ts';
import { HandoverWorkspace, statusColour } from './handover-workspace.tsx';

/** HO-OUT-1: the 开始交班 card of my session, from 15 minutes before its end. */
function OpenHandoverCard({
  officeId,
  timeZone,
  canOpen,
  now,
  onOpened,
}: {
  officeId: string;
  timeZone: string;
  canOpen: NonNullable<HandoverDesk['canOpen']>;
  now: string;
  onOpened: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const time = useOfficeTime(timeZone);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const early = Date.parse(now) < Date.parse(canOpen.opensAt);
  const start = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await openHandover(officeId, canOpen.sessionId);
      onOpened();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('handover.desk.open')} extra={<Tag color="blue">HO-OUT-1</Tag>}>
      <Flex vertical gap={8}>
        <Typography.Text>
          {early
            ? t('handover.desk.notYet', { time: time(canOpen.opensAt) })
            : t('handover.desk.canOpen', { end: time(canOpen.endsAt) })}
        </Typography.Text>
        <Button
          type="primary"
          size="large"
          loading={busy}
          onClick={() => void start()}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('handover.desk.open')}
        </Button>
        {failure !== null && (
          <Alert type="error" showIcon role="alert" title={errorText(failure)} />
        )}
      </Flex>
    </Card>
  );
}

/** Supervisors and the director follow the office's handovers in progress from here. */
function OfficeOpenHandovers({
  officeId,
  timeZone,
  changes,
  skip,
}: {
  officeId: string;
  timeZone: string;
  changes: number;
  skip: ReadonlySet<string>;
}) {
  const { t } = useTranslation();
  const at = useOfficeDateTime(timeZone);
  const list = useLoad(
    () => listHandovers(officeId, { limit: 50 }),
    `${officeId}|${String(changes)}`,
  );
  if (list.state.status !== 'ready') return null;
  const open = list.state.value.filter((h) => h.status !== 'sealed' && !skip.has(h.id));
  if (open.length === 0) return null;
  return (
    <Card size="small" title={t('handover.desk.officeOpen')}>
      <List
        size="small"
        dataSource={open}
        rowKey="id"
        renderItem={(h) => (
          <List.Item
            actions={[
              <Link key="work" to={handoverWorkPath(h.id)}>
                {t('handover.desk.work')}
              </Link>,
            ]}
          >
            <Flex gap={8} wrap align="center">
              <Typography.Text strong>{h.postName}</Typography.Text>
              <Typography.Text>
                {h.outgoingName} → {h.incomingName ?? t('handover.people.nobody')}
              </Typography.Text>
              <Tag color={statusColour[h.status]}>{t(`handover.status.${h.status}`)}</Tag>
              <Typography.Text type="secondary">{at(h.openedAt)}</Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

/**
 * 交接班: for the person on duty, their own handover (from 15 minutes before the shift's end,
 * HO-OUT-1) or the one waiting for them to take over, as a checklist both work through; for
 * supervisors, the office's handovers in progress. Follows the office's live updates.
 */
export function HandoverPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const me = useMe();
  const { office, role } = useOffices();
  const officeId = office?.id ?? null;
  const [changes, setChanges] = useState(0);
  const refresh = () => {
    setChanges((count) => count + 1);
  };
  const desk = useLoad(
    () => (officeId === null ? Promise.resolve(null) : getHandoverDesk(officeId)),
    `${officeId ?? ''}|${String(changes)}`,
  );
  useOfficeEvents(officeId, ['handovers', 'duty-log', 'desk-items', 'duty'], refresh);

  if (office === undefined || officeId === null) {
    return <Empty description={t('handover.noOffice')} />;
  }
  const mayOversee = role === 'supervisor' || role === 'director';

  let body;
  if (desk.state.status === 'loading') body = <Spin />;
  else if (desk.state.status === 'failed') {
    body = <Alert type="error" showIcon title={errorText(desk.state.error)} />;
  } else if (desk.state.value !== null) {
    const value = desk.state.value;
    const handovers: Handover[] = [
      ...value.mine,
      ...value.awaiting.filter((h) => !value.mine.some((m) => m.id === h.id)),
    ];
    const ownOpen = value.mine.some((h) => h.outgoing.sessionId === value.canOpen?.sessionId);
    body = (
      <Flex vertical gap={24}>
        {value.canOpen !== null && !ownOpen && (
          <OpenHandoverCard
            officeId={officeId}
            timeZone={office.timeZone}
            canOpen={value.canOpen}
            now={value.now}
            onOpened={refresh}
          />
        )}
        {handovers.map((handover) => (
          <HandoverWorkspace
            key={handover.id}
            officeId={officeId}
            timeZone={office.timeZone}
            handover={handover}
            userId={me.user.id}
            role={role}
            onReload={refresh}
          />
        ))}
        {handovers.length === 0 && value.canOpen === null && (
          <Alert type="info" showIcon title={t('handover.desk.nothing')} />
        )}
        {mayOversee && (
          <OfficeOpenHandovers
            officeId={officeId}
            timeZone={office.timeZone}
            changes={changes}
            skip={new Set(handovers.map((h) => h.id))}
          />
        )}
      </Flex>
    );
  }

  return (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap align="center" justify="space-between">
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('handover.title')}
        </Typography.Title>
        <Link to={handoverRecordsPath}>
          <Button icon={<HistoryOutlined aria-hidden />}>{t('handover.recordsLink')}</Button>
        </Link>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('handover.intro')}
      </Typography.Paragraph>
      {body}
    </Flex>
  );
}
