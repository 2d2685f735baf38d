import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  Popconfirm,
  Spin,
  Table,
  Typography,
  Upload,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  getWebhookSecretStatus,
  importAsteriskCdr,
  rotateWebhookSecret,
  type CdrImportResult,
  type WebhookSecret,
} from '../../api/phone.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { useLoad } from '../leave/leave-data.ts';
import { officeDateTime } from './phone-time.ts';

/** Supervisors: import the PBX's Master.csv, and wire its webhook with a signing secret. */
export function PhoneSystemTab({
  officeId,
  timeZone,
  onImported,
}: {
  officeId: string;
  timeZone: string;
  onImported: () => void;
}) {
  return (
    <Flex vertical gap={16}>
      <CdrImportCard officeId={officeId} onImported={onImported} />
      <WebhookSecretCard officeId={officeId} timeZone={timeZone} />
    </Flex>
  );
}

function CdrImportCard({ officeId, onImported }: { officeId: string; onImported: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [result, setResult] = useState<CdrImportResult | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const importFile = async (file: File) => {
    setBusy(true);
    setFailure(null);
    setResult(null);
    try {
      setResult(await importAsteriskCdr(officeId, await file.text()));
      onImported();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('phone.cdr.title')}>
      <Typography.Paragraph type="secondary">{t('phone.cdr.intro')}</Typography.Paragraph>
      <Upload
        accept=".csv,text/csv"
        showUploadList={false}
        beforeUpload={(file) => {
          void importFile(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined aria-hidden />} loading={busy}>
          {t('phone.cdr.choose')}
        </Button>
      </Upload>
      {failure !== null && (
        <Alert type="error" showIcon style={{ marginTop: 12 }} title={errorText(failure)} />
      )}
      {result !== null && (
        <Flex vertical gap={12} style={{ marginTop: 12 }}>
          <Alert
            type={result.problems.length === 0 ? 'success' : 'warning'}
            showIcon
            title={t('phone.cdr.summary', {
              lines: result.lines,
              imported: result.imported,
              already: result.alreadyImported,
              bad: result.problems.length,
            })}
          />
          {result.problems.length > 0 && (
            <Table
              rowKey="line"
              size="small"
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              dataSource={result.problems}
              columns={[
                { key: 'line', title: t('phone.cdr.line'), dataIndex: 'line', width: 90 },
                { key: 'reason', title: t('phone.cdr.reason'), dataIndex: 'reason' },
              ]}
            />
          )}
        </Flex>
      )}
    </Card>
  );
}

function WebhookSecretCard({ officeId, timeZone }: { officeId: string; timeZone: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const status = useLoad(() => getWebhookSecretStatus(officeId), officeId);
  const [shown, setShown] = useState<WebhookSecret | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const rotate = async () => {
    setFailure(null);
    try {
      setShown(await rotateWebhookSecret(officeId));
      void message.success(t('phone.webhook.rotated'));
      status.reload();
    } catch (error) {
      setFailure(error);
    }
  };

  const url = `${window.location.origin}/api/phone-webhook/${officeId}`;
  return (
    <Card title={t('phone.webhook.title')}>
      <Typography.Paragraph type="secondary">{t('phone.webhook.intro')}</Typography.Paragraph>
      {status.state.status === 'loading' && <Spin />}
      {status.state.status === 'failed' && (
        <Alert type="error" showIcon title={errorText(status.state.error)} />
      )}
      {status.state.status === 'ready' && (
        <Descriptions
          column={1}
          size="small"
          bordered
          items={[
            {
              key: 'url',
              label: t('phone.webhook.url'),
              children: <Typography.Text copyable>{url}</Typography.Text>,
            },
            {
              key: 'header',
              label: t('phone.webhook.header'),
              children: <Typography.Text code>{t('phone.webhook.headerFormat')}</Typography.Text>,
            },
            {
              key: 'body',
              label: t('phone.webhook.body'),
              children: <Typography.Text code>{t('phone.webhook.bodyExample')}</Typography.Text>,
            },
            {
              key: 'status',
              label: t('phone.webhook.status'),
              children:
                status.state.value.configured && status.state.value.createdAt !== null
                  ? t('phone.webhook.configured', {
                      at: officeDateTime(status.state.value.createdAt, timeZone),
                      name: status.state.value.createdByName ?? '—',
                    })
                  : t('phone.webhook.notConfigured'),
            },
          ]}
        />
      )}
      {shown !== null && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title={t('phone.webhook.shownOnce')}
          description={
            <Input.TextArea
              readOnly
              autoSize
              value={shown.secret}
              aria-label={t('phone.webhook.secret')}
              onFocus={(event) => {
                event.target.select();
              }}
            />
          }
        />
      )}
      {failure !== null && (
        <Alert type="error" showIcon style={{ marginTop: 12 }} title={errorText(failure)} />
      )}
      <Popconfirm title={t('phone.webhook.rotateConfirm')} onConfirm={() => void rotate()}>
        <Button style={{ marginTop: 12 }}>{t('phone.webhook.rotate')}</Button>
      </Popconfirm>
    </Card>
  );
}
