import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Spin, Tag, Typography } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  getHandover,
  getHandoverDesk,
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
import { handoverRecordsPath } from './handover-paths.ts';
import { HandoverWorkspace } from './handover-workspace.tsx';

/** HO-OUT-1: the 开始交班 card of my session, from 15 minutes before its end. */
function OpenHandoverCard({
  officeId,
  timeZone,
  canOpen,
  onOpened,
}: {
  officeId: string;
  timeZone: string;
  canOpen: NonNullable<HandoverDesk['canOpen']>;
  onOpened: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const time = useOfficeTime(timeZone);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
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
          {t('handover.desk.canOpen', { end: time(canOpen.endsAt) })}
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

/**
 * 交接班: for the person on duty, their own handover (from 15 minutes before the shift's end,
 * HO-OUT-1) or the one waiting for them to take over, as a checklist both work through;
 * supervisors and the director see every handover of the office in progress (the server counts
 * them as theirs) and grant exceptions there. Follows the office's live updates.
 */
export function HandoverPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const me = useMe();
  const { office, role } = useOffices();
  const officeId = office?.id ?? null;
  const time = useOfficeTime(office?.timeZone ?? 'Asia/Shanghai');
  const [changes, setChanges] = useState(0);
  const refresh = () => {
    setChanges((count) => count + 1);
  };
  const desk = useLoad(
    () => (officeId === null ? Promise.resolve(null) : getHandoverDesk(officeId)),
    `${officeId ?? ''}|${String(changes)}`,
  );
  useOfficeEvents(officeId, ['handovers', 'duty-log', 'desk-items', 'duty'], refresh);
  // a handover sealed while this page is open leaves the desk; it stays here, sealed, so both
  // people see the seal (on either device) until they leave the page
  const [finished, setFinished] = useState<Handover[]>([]);
  const seen = useRef(new Set<string>());
  const deskValue = desk.state.status === 'ready' ? desk.state.value : null;
  useEffect(() => {
    if (deskValue === null || officeId === null) return;
    const ids = new Set([...deskValue.mine, ...deskValue.awaiting].map((h) => h.id));
    const gone = [...seen.current].filter((id) => !ids.has(id));
    for (const id of ids) seen.current.add(id);
    for (const id of gone) seen.current.delete(id);
    if (gone.length === 0) return;
    // not cancelled by the next load: a burst of live updates must not lose the sealed one
    void Promise.all(gone.map((id) => getHandover(officeId, id).catch(() => null))).then(
      (found) => {
        const sealed = found.filter((h): h is Handover => h?.status === 'sealed');
        setFinished((before) => [...sealed, ...before.filter((h) => !gone.includes(h.id))]);
      },
    );
  }, [deskValue, officeId]);
  // the 开始交班 card appears by itself when the handover opens (HO-OUT-1)
  const opensAt = desk.state.status === 'ready' ? desk.state.value?.canOpen?.opensAt : undefined;
  useEffect(() => {
    if (opensAt === undefined) return;
    const wait = Date.parse(opensAt) - Date.now();
    if (wait <= 0 || wait > 24 * 60 * 60_000) return;
    const timer = setTimeout(refresh, wait + 1000);
    return () => {
      clearTimeout(timer);
    };
  }, [opensAt]);

  if (office === undefined || officeId === null) {
    return <Empty description={t('handover.noOffice')} />;
  }

  let body;
  if (desk.state.status === 'loading') body = <Spin />;
  else if (desk.state.status === 'failed') {
    body = <Alert type="error" showIcon title={errorText(desk.state.error)} />;
  } else if (desk.state.value !== null) {
    const value = desk.state.value;
    const onDesk: Handover[] = [
      ...value.mine,
      ...value.awaiting.filter((h) => !value.mine.some((m) => m.id === h.id)),
    ];
    const handovers = [...onDesk, ...finished.filter((f) => !onDesk.some((h) => h.id === f.id))];
    const ownOpen = value.mine.some((h) => h.outgoing.sessionId === value.canOpen?.sessionId);
    body = (
      <Flex vertical gap={24}>
        {value.canOpen !== null &&
          !ownOpen &&
          Date.parse(value.now) < Date.parse(value.canOpen.opensAt) && (
            <Typography.Text type="secondary">
              {t('handover.desk.notYet', { time: time(value.canOpen.opensAt) })}
            </Typography.Text>
          )}
        {value.canOpen !== null &&
          !ownOpen &&
          Date.parse(value.now) >= Date.parse(value.canOpen.opensAt) && (
            <OpenHandoverCard
              officeId={officeId}
              timeZone={office.timeZone}
              canOpen={value.canOpen}
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
            canJoin={value.awaiting.some((h) => h.id === handover.id)}
            onReload={refresh}
          />
        ))}
        {handovers.length === 0 && value.canOpen === null && (
          <Alert type="info" showIcon title={t('handover.desk.nothing')} />
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
