import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  InputNumber,
  Spin,
  Table,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-client.ts';
import { getDeskSettings, saveDeskSettings, type DeskSettings } from '../../api/desk.api.ts';
import { useLoad } from '../../api/use-load.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { useOffices } from '../shell/office-context.tsx';

const priorities = ['normal', 'important', 'major'] as const;

/**
 * 值班台设置: the response and resolution targets per priority (WORK-4; a missed one escalates,
 * ESC-1), the ring length of PHONE-1 and the absence alert of DISC-1. Supervisors and the
 * director change them; everyone in the office reads them. A stale save is refused (409).
 */
export function DeskSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { office, role } = useOffices();
  const officeId = office?.id ?? null;
  const [attempt, setAttempt] = useState(0);
  const stored = useLoad(
    () => (officeId === null ? Promise.resolve(null) : getDeskSettings(officeId)),
    `${officeId ?? ''}|${String(attempt)}`,
  );
  const [form] = Form.useForm<DeskSettings>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const canEdit = role === 'supervisor' || role === 'director';

  if (officeId === null) return <Empty description={t('desk.noOffice')} />;
  if (stored.state.status === 'loading') return <Spin />;
  if (stored.state.status === 'failed')
    return <Alert type="error" showIcon title={errorText(stored.state.error)} />;
  const current = stored.state.value;
  if (current === null) return null;

  const save = async (settings: DeskSettings) => {
    setSaving(true);
    setFailure(null);
    try {
      await saveDeskSettings(officeId, { settings, version: current.version });
      void message.success(t('deskSettings.saved'));
      setAttempt((n) => n + 1);
    } catch (error) {
      setFailure(error);
      if (isApiError(error) && error.status === 409) setAttempt((n) => n + 1);
    } finally {
      setSaving(false);
    }
  };

  const minutes = (name: (string | number)[], label: string) => (
    <Form.Item name={name} noStyle rules={[{ required: true }]}>
      <InputNumber
        min={1}
        max={43200}
        aria-label={label}
        disabled={!canEdit}
        suffix={t('deskSettings.minutes')}
      />
    </Form.Item>
  );

  return (
    <Flex vertical gap={16} style={{ maxWidth: 880 }}>
      <Typography.Title level={2}>{t('deskSettings.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('deskSettings.intro')}</Typography.Paragraph>
      <Form<DeskSettings>
        form={form}
        key={current.version}
        layout="vertical"
        initialValues={current.settings}
        onFinish={(values) => void save(values)}
      >
        <Card title={t('deskSettings.targets')} size="small" style={{ marginBottom: 16 }}>
          <Table
            size="small"
            pagination={false}
            rowKey="priority"
            dataSource={priorities.map((priority) => ({ priority }))}
            columns={[
              {
                key: 'priority',
                title: t('desk.form.priority'),
                render: (_: unknown, row: { priority: (typeof priorities)[number] }) =>
                  t(`desk.priorities.${row.priority}`),
              },
              {
                key: 'respond',
                title: t('deskSettings.respondMinutes'),
                render: (_: unknown, row: { priority: (typeof priorities)[number] }) =>
                  minutes(
                    ['targets', row.priority, 'respondMinutes'],
                    `${t(`desk.priorities.${row.priority}`)} ${t('deskSettings.respondMinutes')}`,
                  ),
              },
              {
                key: 'resolve',
                title: t('deskSettings.resolveMinutes'),
                render: (_: unknown, row: { priority: (typeof priorities)[number] }) =>
                  minutes(
                    ['targets', row.priority, 'resolveMinutes'],
                    `${t(`desk.priorities.${row.priority}`)} ${t('deskSettings.resolveMinutes')}`,
                  ),
              },
            ]}
          />
          <Typography.Text type="secondary">{t('deskSettings.targetsHint')}</Typography.Text>
        </Card>
        <Card size="small" style={{ marginBottom: 16 }}>
          <Form.Item
            name="ringSeconds"
            label={t('deskSettings.ringSeconds')}
            extra={t('deskSettings.ringHint')}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={30} disabled={!canEdit} suffix={t('deskSettings.seconds')} />
          </Form.Item>
          <Form.Item
            name="longAbsenceMinutes"
            label={t('deskSettings.longAbsenceMinutes')}
            extra={t('deskSettings.absenceHint')}
            rules={[{ required: true }]}
          >
            <InputNumber min={5} max={480} disabled={!canEdit} suffix={t('deskSettings.minutes')} />
          </Form.Item>
        </Card>
        {failure !== null && (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(failure)} />
        )}
        {canEdit && (
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('deskSettings.save')}
          </Button>
        )}
      </Form>
    </Flex>
  );
}
