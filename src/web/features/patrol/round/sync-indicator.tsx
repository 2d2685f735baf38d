import { Alert, Button, Flex, Tag, Typography } from 'antd';
import { CheckCircleOutlined, CloudUploadOutlined, DisconnectOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError, type ApiErrorCode } from '../../../api/api-client.ts';
import { errorText } from '../../../i18n/error-text.ts';
import type { QueueEntry, QueueFailure } from './offline-queue.ts';
import { useOnline, usePatrolQueue } from './patrol-queue.ts';

/** What a refused entry says: the code's translation, the field the server named, its words. */
export function failureText(t: TFunction, failure: QueueFailure): string {
  if (failure.code === 'DEPENDENCY_MISSING') return t('patrolRound.sync.dependencyMissing');
  if (failure.status === 413) return t('patrolRound.photos.tooLargeOnServer');
  const translated = errorText(
    t,
    new ApiError(failure.status, failure.code as ApiErrorCode, failure.message, {
      rule: failure.rule,
    }),
  );
  if (failure.rule !== undefined) return translated;
  if (failure.details.some((detail) => detail.path === 'code'))
    return `${translated} ${t('patrolRound.reach.unknownOnServer')}`;
  const said = failure.details.map((d) => `${d.path}: ${d.message}`).join('; ');
  const message = said === '' ? failure.message : said;
  return message === '' ? translated : `${translated}（${message}）`;
}

function describe(t: TFunction, entry: QueueEntry): string {
  const { action } = entry;
  switch (action.kind) {
    case 'start':
      return t('patrolRound.sync.kind.start');
    case 'photo':
      return t('patrolRound.sync.kind.photo', { name: action.fileName });
    case 'visit':
      return t('patrolRound.sync.kind.visit', { code: action.code });
    case 'nc':
      return t('patrolRound.sync.kind.nc', { what: action.what });
    case 'finish':
      return t('patrolRound.sync.kind.finish');
  }
}

/**
 * "n 条待同步 / all synced" for the whole outbox, the network as the browser sees it, and each
 * refused entry with its reason and the choice to retry or discard it.
 */
export function SyncIndicator() {
  const { t } = useTranslation();
  const { queue, snapshot } = usePatrolQueue();
  const online = useOnline();
  const waiting = snapshot.entries.filter((entry) => entry.state === 'pending');
  const failed = snapshot.entries.filter((entry) => entry.state === 'failed');
  // why the head of the outbox waits (no network, signed out, the server busy), when online
  const retrying = waiting.find((entry) => entry.attempts > 0 && entry.failure !== undefined);
  return (
    <Flex vertical gap={8}>
      <Flex gap={8} wrap align="center" role="status" aria-live="polite">
        {waiting.length === 0 && failed.length === 0 ? (
          <Tag color="success" icon={<CheckCircleOutlined aria-hidden />}>
            {t('patrolRound.sync.allSynced')}
          </Tag>
        ) : (
          waiting.length > 0 && (
            <Tag color="processing" icon={<CloudUploadOutlined aria-hidden />}>
              {t('patrolRound.sync.waiting', { count: waiting.length })}
            </Tag>
          )
        )}
        {!online && (
          <Tag color="warning" icon={<DisconnectOutlined aria-hidden />}>
            {t('patrolRound.sync.offline')}
          </Tag>
        )}
      </Flex>
      {online && retrying?.failure !== undefined && (
        <Typography.Text type="secondary">
          {t('patrolRound.sync.retrying', { error: failureText(t, retrying.failure) })}
        </Typography.Text>
      )}
      {failed.map((entry) => (
        <Alert
          key={entry.clientId}
          type="error"
          showIcon
          role="alert"
          title={t('patrolRound.sync.failed', { what: describe(t, entry) })}
          description={
            <Flex vertical gap={8}>
              <Typography.Text>
                {entry.failure === undefined ? '' : failureText(t, entry.failure)}
              </Typography.Text>
              <Flex gap={8}>
                <Button onClick={() => void queue.retry(entry.clientId).then(queue.flush)}>
                  {t('patrolRound.sync.retry')}
                </Button>
                <Button danger onClick={() => void queue.discard(entry.clientId)}>
                  {t('patrolRound.sync.discard')}
                </Button>
              </Flex>
            </Flex>
          }
        />
      ))}
    </Flex>
  );
}
