import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Input, List, Modal, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { completeCallback, type PhoneCall } from '../../api/phone.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import type { Load } from '../leave/leave-data.ts';
import { RingTag } from './phone-day-card.tsx';
import { officeDateTime } from './phone-time.ts';

/** Missed calls 未接来电 waiting for a call-back 回电; "已回电" closes one with a note. */
export function CallbacksCard({
  officeId,
  timeZone,
  load,
  onDone,
}: {
  officeId: string;
  timeZone: string;
  load: Load<PhoneCall[]>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [closing, setClosing] = useState<PhoneCall | null>(null);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const close = async () => {
    if (closing === null || note.trim() === '') return;
    setSaving(true);
    setFailure(null);
    try {
      await completeCallback(officeId, closing.id, note.trim());
      void message.success(t('phone.callbacks.done'));
      setClosing(null);
      setNote('');
      onDone();
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('phone.callbacks.title')}>
      {load.status === 'loading' && <Spin />}
      {load.status === 'failed' && <Alert type="error" showIcon title={errorText(load.error)} />}
      {load.status === 'ready' && load.value.length === 0 && (
        <Empty description={t('phone.callbacks.none')} />
      )}
      {load.status === 'ready' && load.value.length > 0 && (
        <List
          dataSource={load.value}
          rowKey="id"
          renderItem={(call) => (
            <List.Item
              actions={[
                <Button
                  key="done"
                  type="primary"
                  size="small"
                  onClick={() => {
                    setClosing(call);
                    setNote('');
                    setFailure(null);
                  }}
                >
                  {t('phone.callbacks.markDone')}
                </Button>,
              ]}
            >
              <Flex gap={8} wrap align="center" style={{ minWidth: 0 }}>
                <RingTag call={call} />
                <Typography.Text strong copyable={call.caller !== null}>
                  {call.caller ?? t('phone.callbacks.unknownCaller')}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('phone.callbacks.rangAt', {
                    at: officeDateTime(call.ringStartedAt, timeZone),
                  })}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
      <Modal
        open={closing !== null}
        title={t('phone.callbacks.noteTitle', { caller: closing?.caller ?? '—' })}
        okText={t('phone.callbacks.markDone')}
        okButtonProps={{ disabled: note.trim() === '', loading: saving }}
        onOk={() => void close()}
        onCancel={() => {
          setClosing(null);
        }}
        destroyOnHidden
      >
        <Input.TextArea
          autoFocus
          rows={3}
          maxLength={1000}
          value={note}
          placeholder={t('phone.callbacks.notePlaceholder')}
          aria-label={t('phone.callbacks.note')}
          onChange={(event) => {
            setNote(event.target.value);
          }}
        />
        {failure !== null && (
          <Alert type="error" showIcon style={{ marginTop: 12 }} title={errorText(failure)} />
        )}
      </Modal>
    </Card>
  );
}
