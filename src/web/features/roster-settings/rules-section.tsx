import { useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Form, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PersonLimits, RosterSettings } from '../../api/api-types.ts';
import { saveRosterSettings } from '../../api/roster-settings.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { settingsFieldErrors } from './section-errors.ts';
import type { SectionProps } from './tab-props.ts';

type RulesForm = {
  minRestHours: number | null;
  minRestMinutes: number | null;
  defaults: { [K in keyof PersonLimits]: number | null };
  fairness: { [K in keyof RosterSettings['fairness']]: number | null };
  publishByDay: number;
  remindFromDay: number | null;
  wishesCutoffDay: number | null;
};

/** The bounds of src/shared/contract/roster-settings.ts, so the form refuses what the server would. */
export const limitBounds: Record<keyof PersonLimits, { min: number; max: number }> = {
  maxShiftsPerMonth: { min: 0, max: 31 },
  maxConsecutiveDays: { min: 1, max: 31 },
  minConsecutiveDaysOff: { min: 1, max: 7 },
  maxWeekendsPerMonth: { min: 0, max: 6 },
};
export const limitKeys = Object.keys(limitBounds) as (keyof PersonLimits)[];
const fairnessKeys = ['evening', 'weekend', 'holiday'] as const;
const days = Array.from({ length: 28 }, (_, index) => index + 1);

/** 规则: rest between shifts, default limits, fairness weights and the month's deadlines (ROSTER-1). */
export function RulesSection({ data, canEdit, onSaved, onFailure }: SectionProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<RulesForm>();
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const { settings } = data;

  const initial: RulesForm = {
    minRestHours: Math.floor(settings.minRestMinutes / 60),
    minRestMinutes: settings.minRestMinutes % 60,
    defaults: settings.defaults,
    fairness: settings.fairness,
    publishByDay: settings.publishByDay,
    remindFromDay: settings.remindFromDay,
    wishesCutoffDay: settings.wishesCutoffDay,
  };

  const submit = async (values: RulesForm) => {
    const next: RosterSettings = {
      ...settings,
      minRestMinutes: Math.min(
        24 * 60,
        (values.minRestHours ?? 0) * 60 + (values.minRestMinutes ?? 0),
      ),
      defaults: {
        maxShiftsPerMonth: values.defaults.maxShiftsPerMonth ?? 0,
        maxConsecutiveDays: values.defaults.maxConsecutiveDays ?? 1,
        minConsecutiveDaysOff: values.defaults.minConsecutiveDaysOff ?? 1,
        maxWeekendsPerMonth: values.defaults.maxWeekendsPerMonth ?? 0,
      },
      fairness: {
        evening: values.fairness.evening ?? 0,
        weekend: values.fairness.weekend ?? 0,
        holiday: values.fairness.holiday ?? 0,
      },
      publishByDay: values.publishByDay,
      remindFromDay: values.remindFromDay ?? 1,
      wishesCutoffDay: values.wishesCutoffDay ?? 1,
    };
    setSaving(true);
    setFailure(null);
    try {
      const saved = await saveRosterSettings(data.officeId, data.version, next);
      void message.success(t('rosterSettings.rules.saved'));
      onSaved(saved);
    } catch (error) {
      if (!onFailure(error)) {
        form.setFields(settingsFieldErrors(t, error));
        setFailure(error);
      }
    } finally {
      setSaving(false);
    }
  };

  const required = [{ required: true, message: t('rosterSettings.rules.invalid') }];

  return (
    <Form<RulesForm>
      form={form}
      name="roster-rules"
      layout="vertical"
      initialValues={initial}
      disabled={!canEdit}
      onFinish={(values) => void submit(values)}
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('rosterSettings.rules.rest')} style={{ height: '100%' }}>
            <Form.Item
              label={t('rosterSettings.rules.minRest')}
              extra={t('rosterSettings.rules.minRestHint')}
            >
              <Flex gap={8}>
                <Form.Item name="minRestHours" noStyle rules={required}>
                  <InputNumber
                    aria-label={`${t('rosterSettings.rules.minRest')} ${t('rosterSettings.rules.hours')}`}
                    min={0}
                    max={24}
                    precision={0}
                    suffix={t('rosterSettings.rules.hours')}
                    style={{ width: 130 }}
                  />
                </Form.Item>
                <Form.Item name="minRestMinutes" noStyle>
                  <InputNumber
                    aria-label={`${t('rosterSettings.rules.minRest')} ${t('rosterSettings.rules.minutes')}`}
                    min={0}
                    max={59}
                    step={15}
                    precision={0}
                    suffix={t('rosterSettings.rules.minutes')}
                    style={{ width: 130 }}
                  />
                </Form.Item>
              </Flex>
            </Form.Item>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('rosterSettings.rules.limits')} style={{ height: '100%' }}>
            <Row gutter={16}>
              {limitKeys.map((key) => (
                <Col xs={24} sm={12} key={key}>
                  <Form.Item
                    name={['defaults', key]}
                    label={t(`rosterSettings.rules.${key}`)}
                    rules={required}
                  >
                    <InputNumber {...limitBounds[key]} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('rosterSettings.rules.fairness')} style={{ height: '100%' }}>
            <Row gutter={16}>
              {fairnessKeys.map((key) => (
                <Col xs={24} sm={8} key={key}>
                  <Form.Item
                    name={['fairness', key]}
                    label={t(`rosterSettings.rules.${key}`)}
                    rules={required}
                  >
                    <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
            <Alert type="info" title={t('rosterSettings.rules.fairnessHint')} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('rosterSettings.rules.deadlines')} style={{ height: '100%' }}>
            <Form.Item
              name="publishByDay"
              label={t('rosterSettings.rules.publishByDay')}
              extra={t('rosterSettings.rules.publishByDayHint')}
            >
              <Select
                style={{ maxWidth: 220 }}
                options={[
                  { value: 0, label: t('rosterSettings.rules.endOfMonth') },
                  ...days.map((day) => ({
                    value: day,
                    label: t('rosterSettings.rules.dayOfMonth', { day }),
                  })),
                ]}
              />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="remindFromDay"
                  label={t('rosterSettings.rules.remindFromDay')}
                  extra={t('rosterSettings.rules.remindFromDayHint')}
                  rules={required}
                >
                  <InputNumber min={1} max={28} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="wishesCutoffDay"
                  label={t('rosterSettings.rules.wishesCutoffDay')}
                  extra={t('rosterSettings.rules.wishesCutoffDayHint')}
                  rules={required}
                >
                  <InputNumber min={1} max={28} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          </Card>
        </Col>
      </Row>
      {failure !== null && (
        <Alert type="error" showIcon title={errorText(failure)} style={{ marginTop: 16 }} />
      )}
      {canEdit && (
        <Flex style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('common.save')}
          </Button>
        </Flex>
      )}
    </Form>
  );
}
