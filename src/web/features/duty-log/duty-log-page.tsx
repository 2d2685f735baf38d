import { useCallback, useEffect, useState } from 'react';
import { Alert, Col, Empty, Flex, Row, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { getOnDuty, listLogEntries, type LogEntry } from '../../api/duty.api.ts';
import { useOfficeEvents } from '../../api/live-updates.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { useLoad } from '../leave/leave-data.ts';
import { useOffices } from '../shell/office-context.tsx';
import { LogEntryForm, LogList } from './duty-log-panel.tsx';
import { CheckInCard, OnDutyCard } from './on-duty-panel.tsx';

/**
 * Live updates refresh the page; lateness still grows by the minute without any change, so a
 * slow poll stays as a fallback.
 */
const fallbackRefreshMilliseconds = 5 * 60_000;

/**
 * 值班记录: going on duty (HO-IN-1), leaving the post (DISC-1) and the append-only duty log
 * with evidence (WORK-3, HO-OUT-2). The page the person on duty keeps open; phone-sized too.
 */
export function DutyLogPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { office, role } = useOffices();
  const officeId = office?.id ?? '';
  // nothing is asked until the office is known (the loads run again when it changes)
  const whenOffice = <T,>(load: () => Promise<T>) =>
    officeId === '' ? () => new Promise<T>(() => undefined) : load;
  const onDuty = useLoad(
    whenOffice(() => getOnDuty(officeId)),
    officeId,
  );
  const log = useLoad(
    whenOffice(() => listLogEntries(officeId, { limit: 100 })),
    officeId,
  );
  const [correcting, setCorrecting] = useState<LogEntry | null>(null);
  const reloadDuty = onDuty.reload;
  const reloadLog = log.reload;
  const reload = useCallback(() => {
    reloadDuty();
    reloadLog();
  }, [reloadDuty, reloadLog]);
  // check-ins, absences (DISC-1), log entries (WORK-3) and the ticker's clocks
  useOfficeEvents(office?.id ?? null, ['duty', 'duty-log', 'item', 'absence'], reload);

  useEffect(() => {
    const timer = window.setInterval(reload, fallbackRefreshMilliseconds);
    return () => {
      window.clearInterval(timer);
    };
  }, [reload]);

  if (office === undefined || role === undefined) {
    return <Empty description={t('dutyLog.noOffice')} />;
  }
  const timeZone = office.timeZone;
  const mine = onDuty.state.status === 'ready' ? onDuty.state.value.mine : null;
  // WORK-3: staff write while checked in; supervisors and directors at any time
  const canWrite = role === 'supervisor' || role === 'director' || mine?.session != null;

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('dutyLog.title')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Flex vertical gap={16}>
            {onDuty.state.status === 'loading' && <Spin />}
            {onDuty.state.status === 'failed' && (
              <Alert type="error" showIcon title={errorText(onDuty.state.error)} />
            )}
            {onDuty.state.status === 'ready' && (
              <>
                <CheckInCard
                  officeId={office.id}
                  timeZone={timeZone}
                  onDuty={onDuty.state.value}
                  onChanged={onDuty.reload}
                />
                <OnDutyCard onDuty={onDuty.state.value} timeZone={timeZone} />
              </>
            )}
          </Flex>
        </Col>
        <Col xs={24} lg={15}>
          <Flex vertical gap={16}>
            {onDuty.state.status === 'ready' && (
              <LogEntryForm
                officeId={office.id}
                canWrite={canWrite}
                correcting={correcting}
                onCancelCorrection={() => {
                  setCorrecting(null);
                }}
                onSaved={() => {
                  setCorrecting(null);
                  log.reload();
                }}
              />
            )}
            {log.state.status === 'loading' && <Spin />}
            {log.state.status === 'failed' && (
              <Alert type="error" showIcon title={errorText(log.state.error)} />
            )}
            {log.state.status === 'ready' && (
              <LogList
                officeId={office.id}
                timeZone={timeZone}
                entries={log.state.value}
                canWrite={canWrite}
                onCorrect={(entry) => {
                  setCorrecting(entry);
                  window.scrollTo({ top: 0, behavior: 'smooth' });
                }}
                onRefresh={log.reload}
              />
            )}
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
