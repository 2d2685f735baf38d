import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-client.ts';
import { fieldsOfError } from '../../api/form-errors.ts';
import { logPhoneCall } from '../../api/phone.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { officeInstant } from './phone-time.ts';

type FormValues = {
  date: string;
  ringTime: string;
  outcome: 'answered' | 'missed';
  answerTime: string;
  endTime: string;
  line: string;
  caller: string;
  answeredBy: string;
};

const serverFields = [
  'ringStartedAt',
  'answeredAt',
  'endedAt',
  'line',
  'caller',
  'answeredBy',
] as const;
const formFieldOf: Record<(typeof serverFields)[number], keyof FormValues> = {
  ringStartedAt: 'ringTime',
  answeredAt: 'answerTime',
  endedAt: 'endTime',
  line: 'line',
  caller: 'caller',
  answeredBy: 'answeredBy',
};

/**
 * 电话登记: a call logged by hand in a few keystrokes (PHONE-1). Native time inputs with
 * seconds take the keyboard (Tab between fields, Enter submits) and the phone's own picker.
 */
export function QuickLogForm({
  officeId,
  timeZone,
  me,
  colleagues,
  onLogged,
}: {
  officeId: string;
  timeZone: string;
  /** who answers by default: the person at the desk */
  me: { userId: string; name: string };
  /** others who may have picked up (the month's roster) */
  colleagues: readonly { userId: string; name: string }[];
  onLogged: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<FormValues>();
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  // undefined until the form is mounted
  const outcome: FormValues['outcome'] | undefined = Form.useWatch('outcome', form);

  const initialValues = (): FormValues => {
    const now = dayjs().tz(timeZone);
    return {
      date: now.format('YYYY-MM-DD'),
      ringTime: now.subtract(1, 'minute').format('HH:mm:ss'),
      outcome: 'answered',
      answerTime: now.subtract(1, 'minute').add(5, 'second').format('HH:mm:ss'),
      endTime: now.format('HH:mm:ss'),
      line: '',
      caller: '',
      answeredBy: me.userId,
    };
  };

  const submit = async (values: FormValues) => {
    setFailure(null);
    const ringStartedAt = officeInstant(values.date, values.ringTime, timeZone);
    const endedAt = officeInstant(values.date, values.endTime, timeZone);
    const answeredAt =
      values.outcome === 'answered'
        ? officeInstant(values.date, values.answerTime, timeZone)
        : null;
    if (ringStartedAt === null || endedAt === null) return;
    setSaving(true);
    try {
      const call = await logPhoneCall(officeId, {
        ringStartedAt,
        answeredAt,
        endedAt,
        ...(values.line.trim() === '' ? {} : { line: values.line.trim() }),
        ...(values.caller.trim() === '' ? {} : { caller: values.caller.trim() }),
        ...(answeredAt === null ? {} : { answeredBy: values.answeredBy }),
      });
      void message.success(
        call.missed
          ? t('phone.log.loggedMissed')
          : t('phone.log.logged', { rings: call.ringCount ?? 1 }),
      );
      form.setFieldsValue(initialValues());
      onLogged();
    } catch (error) {
      if (isApiError(error)) {
        const fields = fieldsOfError(error, serverFields).map((field) => formFieldOf[field]);
        form.setFields(fields.map((name) => ({ name, errors: [t('phone.log.checkField')] })));
      }
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  const timeRule = { required: true, message: t('phone.log.timeRequired') };
  return (
    <Card title={t('phone.log.title')}>
      <Form<FormValues>
        name="phone-quick-log"
        form={form}
        layout="vertical"
        initialValues={initialValues()}
        onFinish={(values) => void submit(values)}
      >
        <Flex gap={12} wrap>
          <Form.Item name="date" label={t('phone.log.date')} rules={[timeRule]}>
            <Input type="date" style={{ width: 170 }} />
          </Form.Item>
          <Form.Item name="ringTime" label={t('phone.log.ringTime')} rules={[timeRule]}>
            <Input type="time" step={1} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="outcome" label={t('phone.log.outcome')}>
            <Radio.Group optionType="button">
              <Radio value="answered">{t('phone.log.answered')}</Radio>
              <Radio value="missed">{t('phone.log.missed')}</Radio>
            </Radio.Group>
          </Form.Item>
          {outcome !== 'missed' && (
            <Form.Item name="answerTime" label={t('phone.log.answerTime')} rules={[timeRule]}>
              <Input type="time" step={1} style={{ width: 140 }} />
            </Form.Item>
          )}
          {outcome !== 'missed' && (
            <Form.Item name="answeredBy" label={t('phone.log.answeredBy')}>
              <Select
                style={{ width: 160 }}
                showSearch={{ optionFilterProp: 'label' }}
                options={[me, ...colleagues.filter((c) => c.userId !== me.userId)].map(
                  (person) => ({ value: person.userId, label: person.name }),
                )}
              />
            </Form.Item>
          )}
          <Form.Item name="endTime" label={t('phone.log.endTime')} rules={[timeRule]}>
            <Input type="time" step={1} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="line" label={t('phone.log.line')}>
            <Input inputMode="tel" maxLength={40} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="caller" label={t('phone.log.caller')}>
            <Input inputMode="tel" maxLength={40} style={{ width: 180 }} />
          </Form.Item>
        </Flex>
        {failure !== null && (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(failure)} />
        )}
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('phone.log.submit')}
        </Button>
      </Form>
    </Card>
  );
}
