import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Empty, Flex, List, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  listMyNotifications,
  markNotificationRead,
  type AppNotification,
  type NotificationList,
} from '../../api/leave.api.ts';
import type { AbsenceReason } from '../../api/duty.api.ts';
import { useDateLabels } from '../duties/use-date-labels.ts';
import { useOfficeEvents } from '../../api/live-updates.ts';
import { useOffices } from '../shell/office-context.tsx';

/** The office's live updates ring the bell at once; asking every minute covers the rest. */
const pollMilliseconds = 60_000;

const knownKinds = [
  'leave.requested',
  'leave.approved',
  'leave.rejected',
  'swap.proposed',
  'swap.accepted',
  'swap.declined',
  'swap.approved',
  'swap.rejected',
  'swap.cancelled',
  'roster.emergency-cover',
  'roster.reminder',
  'roster.overdue',
  'item.escalated',
  'item.major',
  'item.overdue',
  'item.level-vacant',
  'absence.long',
  'handover.finding',
  'nc.overdue',
  'nc.level-vacant',
] as const;
type KnownKind = (typeof knownKinds)[number];

function isKnownKind(kind: string): kind is KnownKind {
  return (knownKinds as readonly string[]).includes(kind);
}

/** The dates a notification is about, from its payload's shifts, substitutes or date. */
function datesOf(notification: AppNotification): string[] {
  const { payload } = notification;
  const dates = new Set<string>();
  for (const field of ['shifts', 'substitutes']) {
    const list = payload[field];
    if (!Array.isArray(list)) continue;
    for (const item of list as unknown[]) {
      if (typeof item === 'object' && item !== null && 'date' in item) {
        const { date } = item;
        if (typeof date === 'string') dates.add(date);
      }
    }
  }
  if (typeof payload.date === 'string') dates.add(payload.date);
  return [...dates].sort();
}

const absenceReasons: readonly AbsenceReason[] = ['patrol', 'errand', 'meal', 'other'];

/** DISC-1: a long absence says who is away, why and since when. */
function longAbsenceText(t: TFunction, notification: AppNotification): string {
  const { payload } = notification;
  const reason = absenceReasons.find((r) => r === payload.reason) ?? 'other';
  return t('notifications.kinds.absence.long', {
    name: typeof payload.displayName === 'string' ? payload.displayName : '',
    reason: t(`dutyLog.reasons.${reason}`),
    since: typeof payload.since === 'string' ? dayjs(payload.since).format('HH:mm') : '',
  });
}

/**
 * The bell in the header: the number unread, and the notifications in words when opened;
 * opening one marks it read. Leave and swap decisions land here (LEAVE-1…3).
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const labels = useDateLabels();
  const navigate = useNavigate();
  const [list, setList] = useState<NotificationList>({ notifications: [], unread: 0 });
  const [open, setOpen] = useState(false);
  const { office } = useOffices();

  const refresh = useCallback(() => {
    listMyNotifications().then(setList, () => undefined);
  }, []);

  // any change at the office may have brought a notification (an escalation, a decision)
  useOfficeEvents(office?.id ?? null, 'all', refresh);

  useEffect(() => {
    refresh();
    const timer = window.setInterval(refresh, pollMilliseconds);
    return () => {
      window.clearInterval(timer);
    };
  }, [refresh]);

  const textOf = (notification: AppNotification) => {
    const found = notification.payload.found;
    const text =
      notification.kind === 'absence.long'
        ? longAbsenceText(t, notification)
        : notification.kind === 'handover.finding'
          ? t('notifications.kinds.handover.finding', {
              found: Array.isArray(found) ? found.join(t('roster.format.listSeparator')) : '',
            })
          : isKnownKind(notification.kind)
            ? t(`notifications.kinds.${notification.kind}`)
            : t('notifications.kinds.other');
    const subject = notification.payload.subject;
    if (notification.kind.startsWith('item.') && typeof subject === 'string') {
      return t('notifications.withSubject', { text, subject });
    }
    const what = notification.payload.what;
    if (notification.kind.startsWith('nc.') && typeof what === 'string') {
      return t('notifications.withSubject', { text, subject: what });
    }
    const dates = datesOf(notification);
    return dates.length === 0
      ? text
      : t('notifications.withDates', {
          text,
          dates: dates.map((date) => labels.date(date)).join(t('roster.format.listSeparator')),
        });
  };

  // read once opened; a leave or swap notice leads to 请假调班 where it can be acted on
  const openNotification = (notification: AppNotification) => {
    if (notification.readAt === null) {
      markNotificationRead(notification.id).then(refresh, () => undefined);
    }
    if (notification.kind.startsWith('leave.') || notification.kind.startsWith('swap.')) {
      setOpen(false);
      void navigate('/leave');
    } else if (notification.kind.startsWith('item.')) {
      // ESC-1: an escalation leads to the item, open
      setOpen(false);
      const itemId = notification.payload.itemId;
      void navigate(
        typeof itemId === 'string'
          ? `/help-requests?item=${encodeURIComponent(itemId)}`
          : '/help-requests',
      );
    } else if (notification.kind === 'absence.long') {
      // DISC-1: who is away shows on the duty log page's "on duty now"
      setOpen(false);
      void navigate('/duty-log');
    } else if (notification.kind === 'handover.finding') {
      // HO-IN-2, HO-IN-4: what the count or the area check found leads to the handover's record
      setOpen(false);
      const handoverId = notification.payload.handoverId;
      void navigate(
        typeof handoverId === 'string'
          ? `/handover/${encodeURIComponent(handoverId)}`
          : '/handover',
      );
    } else if (notification.kind.startsWith('nc.')) {
      // ESC-1: an overdue non-conforming item leads to the item and its history
      setOpen(false);
      const ncId = notification.payload.ncId;
      void navigate(
        typeof ncId === 'string'
          ? `/patrol/nonconformances/${encodeURIComponent(ncId)}`
          : '/patrol',
      );
    } else if (notification.kind === 'roster.reminder' || notification.kind === 'roster.overdue') {
      // ROSTER-1: the reminder leads to the month to publish
      setOpen(false);
      const month = notification.payload.month;
      void navigate(typeof month === 'string' ? `/roster/${month}` : '/roster');
    }
  };

  const content = (
    <div style={{ width: 'min(360px, 86vw)', maxHeight: '60vh', overflowY: 'auto' }}>
      {list.notifications.length === 0 ? (
        <Empty description={t('notifications.none')} />
      ) : (
        <List
          aria-label={t('notifications.title')}
          dataSource={list.notifications}
          rowKey="id"
          renderItem={(notification) => {
            const unread = notification.readAt === null;
            return (
              <List.Item style={{ paddingInline: 0 }}>
                <Button
                  type="text"
                  block
                  onClick={() => {
                    openNotification(notification);
                  }}
                  style={{ height: 'auto', textAlign: 'start', whiteSpace: 'normal' }}
                  aria-label={
                    unread
                      ? t('notifications.unreadItem', { text: textOf(notification) })
                      : textOf(notification)
                  }
                >
                  <Flex vertical style={{ width: '100%' }}>
                    <Flex gap={6} align="center">
                      {unread && <Badge status="processing" />}
                      <Typography.Text strong={unread}>{textOf(notification)}</Typography.Text>
                    </Flex>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {dayjs(notification.createdAt).format('YYYY-MM-DD HH:mm')}
                    </Typography.Text>
                  </Flex>
                </Button>
              </List.Item>
            );
          }}
        />
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('notifications.title')}
      content={content}
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) refresh();
      }}
    >
      <Badge count={list.unread} size="small" offset={[-4, 4]}>
        <Button
          type="text"
          icon={<BellOutlined aria-hidden />}
          aria-label={
            list.unread > 0
              ? t('notifications.bellWithCount', { count: list.unread })
              : t('notifications.bell')
          }
          aria-expanded={open}
        />
      </Badge>
    </Popover>
  );
}
