import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Popconfirm,
  Select,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-client.ts';
import { getMyDuties } from '../../api/duties.api.ts';
import { fieldPathOf } from '../../api/form-errors.ts';
import {
  cancelLeave,
  listLeaveRequests,
  requestLeave,
  type LeaveRequest,
  type LeaveType,
} from '../../api/leave.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { useLoad, type Load } from './leave-data.ts';
import { leaveTypes, statusColours, type LeaveTexts } from './leave-texts.ts';
import { shiftProblemOf, type ShiftProblem } from './shift-problems.ts';

type FormValues = { type: LeaveType; reason: string };

const dutyKey = (duty: { date: string; shiftCode: string }) => `${duty.date}|${duty.shiftCode}`;

/**
 * 请假 for staff (LEAVE-1): choose one or more coming duties, a type and a reason; the
 * server's refusal of a shift is shown beside that shift. Below: my requests and decisions.
 */
export function MyLeaveTab({ officeId, texts }: { officeId: string; texts: LeaveTexts }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<FormValues>();
  const [chosen, setChosen] = useState<string[]>([]);
  const [problems, setProblems] = useState<Map<string, ShiftProblem>>(new Map());
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const duties = useLoad(async () => {
    const now = Date.now();
    const { duties: all } = await getMyDuties();
    return all.filter(
      (duty) => duty.officeId === officeId && new Date(duty.startsAt).getTime() > now,
    );
  }, officeId);
  const requests = useLoad(() => listLeaveRequests(officeId), officeId);

  // shifts of a request still pending: the server refuses a second one (LEAVE-1)
  const askedFor = new Set(
    requests.state.status === 'ready'
      ? requests.state.value
          .filter((request) => request.status === 'pending')
          .flatMap((request) => request.shifts.map(dutyKey))
      : [],
  );

  const submit = async (values: FormValues) => {
    setFailure(null);
    setProblems(new Map());
    const shifts = chosen.map((key) => {
      const [date = '', shiftCode = ''] = key.split('|');
      return { date, shiftCode };
    });
    if (shifts.length === 0) {
      setFailure(t('leave.request.pickShift'));
      return;
    }
    setSaving(true);
    try {
      await requestLeave(officeId, { type: values.type, reason: values.reason, shifts });
      void message.success(t('leave.request.sent'));
      form.resetFields();
      setChosen([]);
      requests.reload();
    } catch (error) {
      if (isApiError(error)) {
        const found = new Map<string, ShiftProblem>();
        for (const detail of error.details) {
          const [field, index] = fieldPathOf(detail.path);
          const shift = field === 'shifts' && typeof index === 'number' ? shifts[index] : undefined;
          if (shift !== undefined) found.set(dutyKey(shift), shiftProblemOf(detail.message));
        }
        setProblems(found);
      }
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex vertical gap={16}>
      <Card title={t('leave.request.title')}>
        <Form<FormValues>
          name="leave-request"
          form={form}
          layout="vertical"
          initialValues={{ type: 'personal', reason: '' }}
          onFinish={(values) => void submit(values)}
        >
          <Form.Item label={t('leave.request.shifts')} required>
            {duties.state.status === 'loading' && <Spin />}
            {duties.state.status === 'failed' && (
              <Alert type="error" showIcon title={errorText(duties.state.error)} />
            )}
            {duties.state.status === 'ready' && duties.state.value.length === 0 && (
              <Typography.Text type="secondary">{t('leave.request.noDuties')}</Typography.Text>
            )}
            {duties.state.status === 'ready' && duties.state.value.length > 0 && (
              <Checkbox.Group
                value={chosen}
                onChange={(values) => {
                  setChosen(values);
                }}
                style={{ display: 'block' }}
              >
                <Flex vertical gap={4} role="list" aria-label={t('leave.request.shifts')}>
                  {duties.state.value.map((duty) => {
                    const key = dutyKey(duty);
                    const problem = problems.get(key);
                    const asked = askedFor.has(key);
                    return (
                      <div role="listitem" key={key}>
                        <Checkbox value={key} disabled={asked}>
                          {texts.duty(duty)}{' '}
                          <Typography.Text type="secondary">
                            {duty.startTime}–{duty.endTime}
                          </Typography.Text>
                        </Checkbox>
                        {asked && <Tag>{t('leave.request.asked')}</Tag>}
                        {problem !== undefined && (
                          <Typography.Text type="danger" role="alert" style={{ display: 'block' }}>
                            {t(`leave.problems.${problem}`)}
                          </Typography.Text>
                        )}
                      </div>
                    );
                  })}
                </Flex>
              </Checkbox.Group>
            )}
          </Form.Item>
          <Form.Item name="type" label={t('leave.request.type')} rules={[{ required: true }]}>
            <Select
              style={{ maxWidth: 240 }}
              options={leaveTypes.map((type) => ({ value: type, label: t(`leave.types.${type}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('leave.request.reason')}
            rules={[{ required: true, whitespace: true, message: t('leave.reasonRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          {failure !== null && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              title={typeof failure === 'string' ? failure : errorText(failure)}
            />
          )}
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('leave.request.submit')}
          </Button>
        </Form>
      </Card>
      <Card title={t('leave.request.mine')}>
        <RequestList
          load={requests.state}
          texts={texts}
          onCancel={async (request) => {
            try {
              await cancelLeave(officeId, request.id, request.version);
              void message.success(t('leave.request.cancelled'));
            } catch (error) {
              void message.error(errorText(error));
            }
            requests.reload();
          }}
        />
      </Card>
    </Flex>
  );
}

/** Leave requests with their status, shifts, substitutes and the decision. */
export function RequestList({
  load,
  texts,
  onCancel,
  showRequester = false,
}: {
  load: Load<LeaveRequest[]>;
  texts: LeaveTexts;
  onCancel?: (request: LeaveRequest) => Promise<void>;
  showRequester?: boolean;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (load.status === 'loading') return <Spin />;
  if (load.status === 'failed')
    return <Alert type="error" showIcon title={errorText(load.error)} />;
  if (load.value.length === 0) return <Empty description={t('leave.request.none')} />;
  return (
    <List
      dataSource={load.value}
      rowKey="id"
      renderItem={(request) => (
        <List.Item
          actions={
            onCancel !== undefined && request.status === 'pending'
              ? [
                  <Popconfirm
                    key="cancel"
                    title={t('leave.request.cancelConfirm')}
                    onConfirm={() => void onCancel(request)}
                  >
                    <Button size="small">{t('leave.request.cancel')}</Button>
                  </Popconfirm>,
                ]
              : []
          }
        >
          <Flex vertical gap={4} style={{ minWidth: 0 }}>
            <Flex gap={8} wrap align="center">
              <Tag color={statusColours[request.status]}>{t(`leave.status.${request.status}`)}</Tag>
              {showRequester && <Typography.Text strong>{request.displayName}</Typography.Text>}
              <Typography.Text>{t(`leave.types.${request.type}`)}</Typography.Text>
              <Typography.Text type="secondary">{request.reason}</Typography.Text>
            </Flex>
            {request.shifts.map((shift) => (
              <Typography.Text key={`${shift.date}|${shift.shiftCode}`}>
                {texts.duty(shift)}
                {shift.substituteName !== null &&
                  ` — ${t('leave.substituteIs', { name: shift.substituteName })}`}
                {request.status === 'approved' &&
                  shift.substituteName === null &&
                  ` — ${t(shift.coveredByEmergency ? 'leave.coveredByEmergency' : 'leave.leftOpen')}`}
              </Typography.Text>
            ))}
            {request.decidedByName !== null && (
              <Typography.Text type="secondary">
                {request.decisionReason === null
                  ? t('leave.decidedBy', { name: request.decidedByName })
                  : t('leave.decidedByWithReason', {
                      name: request.decidedByName,
                      reason: request.decisionReason,
                    })}
                {request.rosterVersion !== null &&
                  ` · ${t('leave.rosterVersion', { version: request.rosterVersion })}`}
              </Typography.Text>
            )}
          </Flex>
        </List.Item>
      )}
    />
  );
}
