import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-client.ts';
import type { RosterMonthView } from '../../api/duties.api.ts';
import { coverEmergency } from '../../api/leave.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { peopleOf } from './leave-data.ts';

type Values = {
  date: Dayjs | undefined;
  shiftCode: string;
  absentUserId: string;
  substituteUserId: string;
  reason: string;
  overrideReason: string;
};

/**
 * 紧急顶班: someone cannot come at short notice; the supervisor puts a substitute on the shift
 * at once, recorded with the reason, and the roster gets a new version.
 */
export function EmergencyCoverTab({
  officeId,
  rosters,
  today,
  onCovered,
}: {
  officeId: string;
  rosters: Map<string, RosterMonthView>;
  today: string;
  onCovered: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<unknown>(null);
  const [askOverride, setAskOverride] = useState(false);
  const [saving, setSaving] = useState(false);
  const date = Form.useWatch('date', form);
  const shiftCode = Form.useWatch('shiftCode', form) as string | undefined;
  const dateText = date?.format('YYYY-MM-DD');
  const roster = dateText === undefined ? undefined : rosters.get(dateText.slice(0, 7));
  const dayIndex = roster?.days.findIndex((day) => day.date === dateText) ?? -1;
  const onShift =
    roster === undefined || dayIndex < 0
      ? []
      : roster.rows.filter((row) => row.cells[dayIndex] === shiftCode);
  const everyone = peopleOf(rosters.values());
  const shifts = [...rosters.values()][0]?.shifts ?? [];

  const submit = async (values: Values) => {
    if (values.date === undefined) return;
    setFailure(null);
    setSaving(true);
    const override = values.overrideReason.trim();
    try {
      const cover = await coverEmergency(officeId, {
        date: values.date.format('YYYY-MM-DD'),
        shiftCode: values.shiftCode,
        absentUserId: values.absentUserId,
        substituteUserId: values.substituteUserId,
        reason: values.reason,
        ...(override === '' ? {} : { overrideReason: override }),
      });
      void message.success(t('leave.emergency.done', { version: cover.rosterVersion }));
      form.resetFields();
      setAskOverride(false);
      onCovered();
    } catch (error) {
      if (isApiError(error) && error.code === 'RULE_VIOLATION') setAskOverride(true);
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('leave.emergency.title')}>
      <Typography.Paragraph type="secondary">{t('leave.emergency.hint')}</Typography.Paragraph>
      <Form<Values>
        name="emergency-cover"
        form={form}
        layout="vertical"
        style={{ maxWidth: 480 }}
        initialValues={{ reason: '', overrideReason: '' }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item name="date" label={t('leave.emergency.date')} rules={[{ required: true }]}>
          <DatePicker
            disabledDate={(day) =>
              day.isBefore(dayjs(today), 'day') || !rosters.has(day.format('YYYY-MM'))
            }
          />
        </Form.Item>
        <Form.Item name="shiftCode" label={t('leave.emergency.shift')} rules={[{ required: true }]}>
          <Select options={shifts.map((shift) => ({ value: shift.code, label: shift.name }))} />
        </Form.Item>
        <Form.Item
          name="absentUserId"
          label={t('leave.emergency.absent')}
          rules={[{ required: true }]}
          extra={
            dateText !== undefined && shiftCode !== undefined && onShift.length === 0
              ? t('leave.emergency.nobody')
              : undefined
          }
        >
          <Select options={onShift.map((row) => ({ value: row.userId, label: row.displayName }))} />
        </Form.Item>
        <Form.Item
          name="substituteUserId"
          label={t('leave.emergency.substitute')}
          rules={[{ required: true }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={everyone
              .filter((person) => !onShift.some((row) => row.userId === person.userId))
              .map((person) => ({ value: person.userId, label: person.name }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('leave.emergency.reason')}
          rules={[{ required: true, whitespace: true, message: t('leave.reasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        {askOverride && (
          <Form.Item
            name="overrideReason"
            label={t('leave.emergency.overrideReason')}
            rules={[{ required: true, whitespace: true, message: t('leave.reasonRequired') }]}
          >
            <Input maxLength={500} />
          </Form.Item>
        )}
        {failure !== null && (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(failure)} />
        )}
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('leave.emergency.submit')}
        </Button>
      </Form>
    </Card>
  );
}
