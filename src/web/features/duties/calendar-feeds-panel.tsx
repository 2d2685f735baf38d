import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Flex, Popconfirm, Spin, Tag, Typography } from 'antd';
import { CalendarOutlined, LinkOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-client.ts';
import {
  createCalendarFeed,
  listCalendarFeeds,
  revokeCalendarFeed,
  type CalendarFeed,
  type CreatedCalendarFeed,
  type FeedScope,
} from '../../api/duties.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { webcalUrlOf } from './duty-schedule.ts';

type Load =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'unavailable' }
  | { status: 'ready'; feeds: CalendarFeed[] };

/**
 * 订阅日历: subscribable ICS addresses of the published roster, mine or (for the supervisor and
 * the director) the whole office's. The address carries a secret and is shown once, right after
 * it is made; every feed can be revoked.
 */
export function CalendarFeedsPanel({
  officeId,
  canSubscribeOffice,
}: {
  officeId: string | undefined;
  canSubscribeOffice: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [created, setCreated] = useState<CreatedCalendarFeed | null>(null);
  // the scope being created or the id of the feed being revoked
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    let cancelled = false;
    listCalendarFeeds().then(
      ({ feeds }) => {
        if (!cancelled) setLoad({ status: 'ready', feeds });
      },
      (error: unknown) => {
        if (cancelled) return;
        // a server without feeds yet answers 404: say so instead of an error
        setLoad(
          isApiError(error) && error.status === 404
            ? { status: 'unavailable' }
            : { status: 'failed', error },
        );
      },
    );
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  const reload = useCallback(() => {
    setAttempt((count) => count + 1);
  }, []);

  const create = async (scope: FeedScope) => {
    if (officeId === undefined) return;
    setBusy(scope);
    setFailure(null);
    try {
      const feed = await createCalendarFeed(officeId, scope);
      setCreated(feed);
      void message.success(t('feeds.created'));
      reload();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(null);
    }
  };

  const revoke = async (feed: CalendarFeed) => {
    setBusy(feed.id);
    setFailure(null);
    try {
      await revokeCalendarFeed(feed.id);
      if (created?.id === feed.id) setCreated(null);
      void message.success(t('feeds.revoked'));
      reload();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(null);
    }
  };

  const scopeLabel = (scope: FeedScope) =>
    scope === 'mine' ? t('feeds.scopeMine') : t('feeds.scopeOffice');

  return (
    <Card
      title={
        <span>
          <CalendarOutlined aria-hidden /> {t('feeds.title')}
        </span>
      }
    >
      <section aria-label={t('feeds.title')}>
        <Typography.Paragraph type="secondary">{t('feeds.intro')}</Typography.Paragraph>
        {load.status === 'unavailable' ? (
          <Alert type="info" showIcon title={t('feeds.unavailable')} />
        ) : (
          <Flex vertical gap={12}>
            <Flex gap={8} wrap>
              <Button
                type="primary"
                loading={busy === 'mine'}
                disabled={officeId === undefined}
                onClick={() => void create('mine')}
              >
                {t('feeds.createMine')}
              </Button>
              {canSubscribeOffice && (
                <Button
                  loading={busy === 'office'}
                  disabled={officeId === undefined}
                  onClick={() => void create('office')}
                >
                  {t('feeds.createOffice')}
                </Button>
              )}
            </Flex>
            {failure !== null && <Alert type="error" showIcon title={errorText(failure)} />}
            {created !== null && (
              <Alert
                type="success"
                showIcon
                title={`${t('feeds.created')}: ${scopeLabel(created.scope)} · ${created.officeName}`}
                description={
                  <Flex vertical gap={8}>
                    <Typography.Text>{t('feeds.shownOnce')}</Typography.Text>
                    <Typography.Text
                      code
                      copyable={{
                        text: created.url,
                        tooltips: [t('feeds.copy'), t('feeds.copied')],
                      }}
                      aria-label={t('feeds.url')}
                      style={{ wordBreak: 'break-all' }}
                    >
                      {created.url}
                    </Typography.Text>
                    <Typography.Link href={webcalUrlOf(created.url)}>
                      <LinkOutlined aria-hidden /> {t('feeds.openInCalendar')}
                    </Typography.Link>
                  </Flex>
                }
              />
            )}
            {load.status === 'loading' && <Spin />}
            {load.status === 'failed' && (
              <Alert
                type="error"
                showIcon
                title={errorText(load.error)}
                action={<Button onClick={reload}>{t('app.retry')}</Button>}
              />
            )}
            {load.status === 'ready' && (
              <div>
                <Typography.Title level={5}>{t('feeds.listTitle')}</Typography.Title>
                {load.feeds.length === 0 ? (
                  <Typography.Text type="secondary">{t('feeds.empty')}</Typography.Text>
                ) : (
                  <ul
                    aria-label={t('feeds.listTitle')}
                    style={{ listStyle: 'none', margin: 0, padding: 0 }}
                  >
                    {load.feeds.map((feed) => (
                      <li
                        key={feed.id}
                        style={{
                          display: 'flex',
                          flexWrap: 'wrap',
                          alignItems: 'center',
                          gap: 8,
                          padding: '8px 0',
                          borderBottom: '1px solid rgba(5, 5, 5, 0.06)',
                        }}
                      >
                        <Tag color={feed.scope === 'mine' ? 'blue' : 'gold'}>
                          {scopeLabel(feed.scope)}
                        </Tag>
                        <Typography.Text>{feed.officeName}</Typography.Text>
                        <Typography.Text type="secondary">
                          {t('feeds.createdAt', {
                            time: dayjs(feed.createdAt).format('YYYY-MM-DD HH:mm'),
                          })}
                        </Typography.Text>
                        <Popconfirm
                          title={t('feeds.revokeConfirm')}
                          okText={t('feeds.revoke')}
                          cancelText={t('common.cancel')}
                          onConfirm={() => void revoke(feed)}
                        >
                          <Button
                            danger
                            size="small"
                            loading={busy === feed.id}
                            style={{ marginInlineStart: 'auto' }}
                          >
                            {t('feeds.revoke')}
                          </Button>
                        </Popconfirm>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
          </Flex>
        )}
      </section>
    </Card>
  );
}
