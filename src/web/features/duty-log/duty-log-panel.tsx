import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, List, Select, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-client.ts';
import { addLogEntry, type LogCategory, type LogEntry } from '../../api/duty.api.ts';
import { fieldsOfError } from '../../api/form-errors.ts';
import {
  AttachmentLinks,
  attachmentsOf,
  EvidenceField,
  stillUploading,
  type EvidenceFiles,
} from '../evidence/evidence.tsx';
import { useErrorText } from '../../i18n/error-text.ts';

// the contract's categories, in the order the form offers them (types only from the contract)
const logCategories: readonly LogCategory[] = [
  'inquiry',
  'help-request',
  'patrol',
  'incident',
  'phone',
  'notice',
  'other',
];

type EntryForm = { category: LogCategory; text: string; files?: EvidenceFiles };

const formFields = ['category', 'text', 'files'] as const;

/** The log entries' times, in the office's zone: "12-01 09:05". */
function useEntryTime(timeZone: string): (instant: string) => string {
  return (instant) => dayjs(instant).tz(timeZone).format('MM-DD HH:mm');
}

/**
 * 新记录 (WORK-3): category, text and evidence photos or PDFs from the camera or files, each
 * uploaded at once with its progress; Ctrl+Enter saves. A correction (更正) is written the
 * same way and points at the entry it corrects.
 */
export function LogEntryForm({
  officeId,
  canWrite,
  correcting,
  onCancelCorrection,
  onSaved,
}: {
  officeId: string;
  canWrite: boolean;
  correcting: LogEntry | null;
  onCancelCorrection: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<EntryForm>();
  const [saving, setSaving] = useState(false);

  const submit = async (values: EntryForm) => {
    if (stillUploading(values.files)) return;
    setSaving(true);
    try {
      await addLogEntry(officeId, {
        category: values.category,
        text: values.text,
        attachments: attachmentsOf(values.files),
        ...(correcting === null ? {} : { correctsId: correcting.id }),
      });
      form.resetFields(['text', 'files']);
      void message.success(t('dutyLog.form.saved'));
      onSaved();
    } catch (error) {
      if (isApiError(error)) {
        const fields = fieldsOfError(error, formFields);
        form.setFields(fields.map((name) => ({ name, errors: [errorText(error)] })));
      }
      void message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  if (!canWrite) return <Alert type="info" showIcon title={t('dutyLog.form.mustCheckIn')} />;
  return (
    <Card title={t('dutyLog.form.title')} size="small">
      {correcting !== null && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('dutyLog.form.correcting', { text: correcting.text })}
          action={
            <Button size="small" onClick={onCancelCorrection}>
              {t('dutyLog.form.cancelCorrection')}
            </Button>
          }
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ category: correcting?.category ?? 'patrol' }}
        onFinish={(values) => void submit(values)}
        key={correcting?.id ?? 'new'}
      >
        <Form.Item name="category" label={t('dutyLog.form.category')} rules={[{ required: true }]}>
          <Select
            options={logCategories.map((c) => ({ value: c, label: t(`dutyLog.categories.${c}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="text"
          label={t('dutyLog.form.text')}
          rules={[{ required: true, whitespace: true, message: t('dutyLog.form.textRequired') }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 10 }}
            maxLength={4000}
            placeholder={t('dutyLog.form.textPlaceholder')}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                form.submit();
              }
            }}
          />
        </Form.Item>
        <EvidenceField officeId={officeId} />
        <Button type="primary" htmlType="submit" loading={saving} block>
          {t('dutyLog.form.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/**
 * One entry as read: category, author and time, its text (struck through once corrected) and
 * evidence, with links between a corrected entry and its correction (更正) where both are on
 * the page (`id="entry-<id>"`). The log and the handover's reading list (HO-IN-3) show it.
 */
export function LogEntryView({
  officeId,
  entry,
  original,
  time,
}: {
  officeId: string;
  entry: LogEntry;
  /** the entry this one corrects, when it is on the page */
  original: LogEntry | undefined;
  time: (instant: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={4} style={{ width: '100%', minWidth: 0 }}>
      <Flex gap={8} wrap align="center">
        <Tag color="blue">{t(`dutyLog.categories.${entry.category}`)}</Tag>
        <Typography.Text type="secondary">
          {t('dutyLog.log.author', { name: entry.authorName, time: time(entry.createdAt) })}
        </Typography.Text>
        {entry.correctedById !== null && (
          <a href={`#entry-${entry.correctedById}`}>
            <Tag color="orange">{t('dutyLog.log.correctedBy')}</Tag>
          </a>
        )}
      </Flex>
      {entry.correctsId !== null && (
        <a href={`#entry-${entry.correctsId}`}>
          {t('dutyLog.log.corrects', {
            time: original === undefined ? '' : time(original.createdAt),
          })}
        </a>
      )}
      <Typography.Paragraph
        delete={entry.correctedById !== null}
        style={{ marginBottom: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
      >
        {entry.text}
      </Typography.Paragraph>
      <AttachmentLinks officeId={officeId} files={entry.attachments} />
    </Flex>
  );
}

/** The log, newest first; a corrected entry links to its correction and back (更正). */
export function LogList({
  officeId,
  timeZone,
  entries,
  canWrite,
  onCorrect,
  onRefresh,
}: {
  officeId: string;
  timeZone: string;
  entries: readonly LogEntry[];
  canWrite: boolean;
  onCorrect: (entry: LogEntry) => void;
  onRefresh: () => void;
}) {
  const { t } = useTranslation();
  const time = useEntryTime(timeZone);
  const byId = new Map(entries.map((e) => [e.id, e]));
  return (
    <Card
      title={t('dutyLog.log.title')}
      size="small"
      extra={
        <Button
          size="small"
          icon={<ReloadOutlined aria-hidden />}
          onClick={onRefresh}
          aria-label={t('dutyLog.log.refresh')}
        />
      }
    >
      <List
        dataSource={[...entries]}
        rowKey="id"
        locale={{ emptyText: t('dutyLog.log.none') }}
        renderItem={(entry) => {
          const original = entry.correctsId === null ? undefined : byId.get(entry.correctsId);
          return (
            <List.Item
              id={`entry-${entry.id}`}
              actions={
                canWrite
                  ? [
                      <Button
                        key="correct"
                        size="small"
                        type="link"
                        onClick={() => {
                          onCorrect(entry);
                        }}
                      >
                        {t('dutyLog.log.correct')}
                      </Button>,
                    ]
                  : []
              }
            >
              <LogEntryView officeId={officeId} entry={entry} original={original} time={time} />
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
