import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Popconfirm,
  Radio,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  checkIn,
  checkOut,
  leavePost,
  returnToPost,
  type AbsenceReason,
  type DutySession,
  type ExpectedDuty,
  type OnDuty,
} from '../../api/duty.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { useDateLabels } from '../duties/use-date-labels.ts';

export const absenceReasons: readonly AbsenceReason[] = ['patrol', 'errand', 'meal', 'other'];

/** Instants in the office's time zone, as HH:mm. */
export function useOfficeTime(timeZone: string): (instant: string) => string {
  return (instant) => dayjs(instant).tz(timeZone).format('HH:mm');
}

function ShiftLine({ duty, timeZone }: { duty: ExpectedDuty | DutySession; timeZone: string }) {
  const { t } = useTranslation();
  const labels = useDateLabels();
  const time = useOfficeTime(timeZone);
  return (
    <Typography.Text strong>
      {t('dutyLog.checkIn.shift', {
        date: labels.dateWithWeekday(duty.date),
        shift: duty.shiftName,
        start: time(duty.startsAt),
        end: time(duty.endsAt),
      })}
    </Typography.Text>
  );
}

export function LateTag({ minutes }: { minutes: number }) {
  const { t } = useTranslation();
  return minutes === 0 ? (
    <Tag color="green">{t('dutyLog.checkIn.onTime')}</Tag>
  ) : (
    <Tag color="red">{t('dutyLog.checkIn.late', { minutes })}</Tag>
  );
}

type AbsenceForm = { reason: AbsenceReason; note?: string; expectedMinutes: number };

/** 离岗登记 (DISC-1): reason, where to when "other", and how long. */
function LeavePostModal({
  officeId,
  open,
  onClose,
  onDone,
}: {
  officeId: string;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [form] = Form.useForm<AbsenceForm>();
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const reason = Form.useWatch('reason', form);
  const submit = async (values: AbsenceForm) => {
    setSaving(true);
    setFailure(null);
    try {
      await leavePost(officeId, {
        reason: values.reason,
        expectedMinutes: values.expectedMinutes,
        ...(values.note === undefined || values.note.trim() === '' ? {} : { note: values.note }),
      });
      form.resetFields();
      onDone();
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('dutyLog.absence.title')}
      okText={t('dutyLog.absence.submit')}
      confirmLoading={saving}
      onOk={() => {
        form.submit();
      }}
      onCancel={onClose}
      destroyOnHidden
    >
      {failure !== null && <Alert type="error" showIcon title={errorText(failure)} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ reason: 'patrol', expectedMinutes: 15 }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item name="reason" label={t('dutyLog.absence.reason')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={absenceReasons.map((r) => ({ value: r, label: t(`dutyLog.reasons.${r}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('dutyLog.absence.note')}
          rules={[
            {
              required: reason === 'other',
              whitespace: true,
              message: t('dutyLog.absence.noteRequired'),
            },
          ]}
        >
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="expectedMinutes" label={t('dutyLog.absence.minutes')}>
          <InputNumber min={1} max={480} step={5} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 接班签到 (HO-IN-1): my shift now, the 签到 button and the lateness it records; once checked
 * in, leaving and coming back to the post (DISC-1) and checking out.
 */
export function CheckInCard({
  officeId,
  timeZone,
  onDuty,
  onChanged,
}: {
  officeId: string;
  timeZone: string;
  onDuty: OnDuty;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const time = useOfficeTime(timeZone);
  const [busy, setBusy] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const { duty, session } = onDuty.mine;

  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
      onChanged();
    } catch (error) {
      void message.error(errorText(error));
      onChanged();
    } finally {
      setBusy(false);
    }
  };

  let body;
  if (session !== null) {
    const away = session.absence;
    body = (
      <Flex vertical gap={8}>
        <ShiftLine duty={session} timeZone={timeZone} />
        <Flex gap={8} wrap align="center">
          <Tag color="blue">
            {t('dutyLog.checkIn.checkedInAt', { time: time(session.checkedInAt) })}
          </Tag>
          <LateTag minutes={session.lateMinutes} />
        </Flex>
        {away !== null && (
          <Alert
            type="warning"
            showIcon
            title={t('dutyLog.absence.awaySince', {
              time: time(away.leftAt),
              reason: t(`dutyLog.reasons.${away.reason}`),
            })}
          />
        )}
        <Flex gap={8} wrap>
          {away === null ? (
            <Button
              onClick={() => {
                setLeaving(true);
              }}
              disabled={busy}
            >
              {t('dutyLog.absence.leave')}
            </Button>
          ) : (
            <Button
              type="primary"
              loading={busy}
              onClick={() => void act(() => returnToPost(officeId, away.id))}
            >
              {t('dutyLog.absence.back')}
            </Button>
          )}
          <Popconfirm
            title={t('dutyLog.checkIn.checkOutConfirm')}
            onConfirm={() => {
              void act(() => checkOut(officeId));
            }}
          >
            <Button disabled={busy || away !== null}>{t('dutyLog.checkIn.checkOut')}</Button>
          </Popconfirm>
        </Flex>
        <LeavePostModal
          officeId={officeId}
          open={leaving}
          onClose={() => {
            setLeaving(false);
          }}
          onDone={() => {
            setLeaving(false);
            onChanged();
          }}
        />
      </Flex>
    );
  } else if (duty !== null) {
    body = (
      <Flex vertical gap={8}>
        <ShiftLine duty={duty} timeZone={timeZone} />
        {duty.minutesLate > 0 && (
          <Tag color="red">{t('dutyLog.checkIn.wouldBeLate', { minutes: duty.minutesLate })}</Tag>
        )}
        <Button
          type="primary"
          size="large"
          loading={busy}
          onClick={() =>
            void act(() => checkIn(officeId, { date: duty.date, shiftCode: duty.shiftCode }))
          }
        >
          {t('dutyLog.checkIn.button')}
        </Button>
      </Flex>
    );
  } else {
    body = <Typography.Text type="secondary">{t('dutyLog.checkIn.noShift')}</Typography.Text>;
  }
  return (
    <Card title={t('dutyLog.checkIn.title')} size="small">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('dutyLog.checkIn.rule')}
      </Typography.Paragraph>
      {body}
    </Card>
  );
}

/** 当前在岗: who is checked in (and away, DISC-1), and who is expected and how late. */
export function OnDutyCard({ onDuty, timeZone }: { onDuty: OnDuty; timeZone: string }) {
  const { t } = useTranslation();
  const time = useOfficeTime(timeZone);
  return (
    <Card title={t('dutyLog.onDuty.title')} size="small">
      <List
        size="small"
        dataSource={onDuty.sessions}
        locale={{ emptyText: t('dutyLog.onDuty.none') }}
        rowKey="id"
        renderItem={(s) => (
          <List.Item>
            <Flex vertical gap={4} style={{ width: '100%' }}>
              <Flex gap={8} wrap align="center">
                <Typography.Text strong>{s.displayName}</Typography.Text>
                <Tag>{s.shiftName}</Tag>
                <LateTag minutes={s.lateMinutes} />
              </Flex>
              {s.absence === null ? (
                <Typography.Text type="success">{t('dutyLog.onDuty.atPost')}</Typography.Text>
              ) : (
                <Typography.Text type="warning">
                  {t('dutyLog.onDuty.away', {
                    reason: t(`dutyLog.reasons.${s.absence.reason}`),
                    time: time(s.absence.leftAt),
                    back: time(s.absence.expectedBackAt),
                  })}
                </Typography.Text>
              )}
            </Flex>
          </List.Item>
        )}
      />
      {onDuty.expected.length > 0 && (
        <>
          <Typography.Title level={5}>{t('dutyLog.onDuty.expected')}</Typography.Title>
          <List
            size="small"
            dataSource={onDuty.expected}
            rowKey={(d) => `${d.userId}|${d.date}|${d.shiftCode}`}
            renderItem={(d) => (
              <List.Item>
                <Flex gap={8} wrap align="center">
                  <Typography.Text>{d.displayName}</Typography.Text>
                  <Tag>{d.shiftName}</Tag>
                  {d.minutesLate > 0 ? (
                    <Tag color="red">
                      {t('dutyLog.onDuty.lateSoFar', { minutes: d.minutesLate })}
                    </Tag>
                  ) : (
                    <Tag>{t('dutyLog.onDuty.notYetDue')}</Tag>
                  )}
                </Flex>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}
