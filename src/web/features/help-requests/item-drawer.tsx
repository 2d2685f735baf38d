import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Input,
  Modal,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  getDeskItem,
  noteDeskItem,
  stepDeskItem,
  type DeskItem,
  type DeskItemDetail,
  type DeskItemEvent,
  type ItemStep,
} from '../../api/desk.api.ts';
import { useLoad } from '../../api/use-load.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { ItemClock, useNow } from './item-clock.tsx';
import { ItemTags } from './item-tags.tsx';
import { AttachmentLinks } from '../evidence/evidence.tsx';

/** Steps that need words: what was done, why it is cancelled, why it goes up (ESC-1). */
type TextStep = 'resolve' | 'cancel' | 'escalate';
const textSteps: readonly ItemStep[] = ['resolve', 'cancel', 'escalate'];
const isTextStep = (step: ItemStep): step is TextStep => textSteps.includes(step);

/** The steps open to an item in its status; the server decides in the end. */
function stepsFor(detail: DeskItemDetail): ItemStep[] {
  const { status, level } = detail.item;
  if (status === 'new')
    return ['take', 'resolve', ...(level === 'director' ? [] : ['escalate' as const]), 'cancel'];
  if (status === 'in_progress')
    return ['resolve', ...(level === 'director' ? [] : ['escalate' as const]), 'cancel'];
  if (status === 'resolved') return ['close'];
  return [];
}

/**
 * One inquiry or help request: who asked what, its clock, its level, every step so far, and
 * the next steps (受理, 办结, 关闭, 取消, 上报 with a reason, notes). Reloads on live changes.
 */
export function ItemDrawer({
  officeId,
  itemId,
  changes,
  onClose,
  onChanged,
}: {
  officeId: string;
  itemId: string | null;
  changes: number;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const now = useNow();
  const detail = useLoad(
    () => (itemId === null ? Promise.resolve(null) : getDeskItem(officeId, itemId)),
    `${officeId}|${itemId ?? ''}|${String(changes)}`,
  );
  const [asking, setAsking] = useState<TextStep | 'note' | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);

  const run = async (step: ItemStep | 'note', current: DeskItemDetail) => {
    setBusy(true);
    try {
      if (step === 'note') await noteDeskItem(officeId, current.item.id, text);
      else
        await stepDeskItem(officeId, current.item.id, step, {
          version: current.item.version,
          ...(isTextStep(step) ? { text } : {}),
        });
      void message.success(t(`desk.steps.${step}Done`));
      setAsking(null);
      setText('');
      onChanged();
      detail.reload();
    } catch (error) {
      void message.error(errorText(error));
      detail.reload();
    } finally {
      setBusy(false);
    }
  };

  const current = detail.state.status === 'ready' ? detail.state.value : null;
  return (
    <Drawer
      open={itemId !== null}
      onClose={onClose}
      size="large"
      title={current === null ? t('desk.detail.title') : current.item.subject}
    >
      {detail.state.status === 'loading' && <Spin />}
      {detail.state.status === 'failed' && (
        <Alert type="error" showIcon title={errorText(detail.state.error)} />
      )}
      {current !== null && (
        <Flex vertical gap={16}>
          <Flex gap={8} wrap>
            <ItemTags item={current.item} />
            <ItemClock item={current.item} now={now} />
          </Flex>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2 }}
            items={[
              {
                key: 'resident',
                label: t('desk.form.residentName'),
                children: current.item.residentName ?? '—',
              },
              { key: 'unit', label: t('desk.form.unit'), children: current.item.unit ?? '—' },
              { key: 'phone', label: t('desk.form.phone'), children: current.item.phone ?? '—' },
              {
                key: 'channel',
                label: t('desk.form.channel'),
                children: t(`desk.channels.${current.item.channel}`),
              },
              {
                key: 'owner',
                label: t('desk.detail.owner'),
                children: current.item.ownerName ?? '—',
              },
              {
                key: 'created',
                label: t('desk.detail.created'),
                children: `${dayjs(current.item.createdAt).format('YYYY-MM-DD HH:mm')} · ${current.item.createdByName}`,
              },
            ]}
          />
          <Flex gap={8} wrap>
            {stepsFor(current).map((step) => (
              <Button
                key={step}
                type={step === 'take' || step === 'resolve' ? 'primary' : 'default'}
                danger={step === 'escalate'}
                loading={busy && asking === null}
                onClick={() => {
                  if (isTextStep(step)) setAsking(step);
                  else void run(step, current);
                }}
              >
                {t(`desk.steps.${step}`)}
              </Button>
            ))}
            {current.item.status !== 'cancelled' && (
              <Button
                onClick={() => {
                  setAsking('note');
                }}
              >
                {t('desk.steps.note')}
              </Button>
            )}
          </Flex>
          <AttachmentLinks officeId={officeId} files={current.attachments} />
          {current.logEntries.length > 0 && (
            <>
              <Typography.Title level={5}>{t('desk.detail.logEntries')}</Typography.Title>
              {current.logEntries.map((entry) => (
                <Typography.Paragraph key={entry.id} style={{ marginBottom: 4 }}>
                  {dayjs(entry.createdAt).format('MM-DD HH:mm')} · {entry.authorName} · {entry.text}
                </Typography.Paragraph>
              ))}
            </>
          )}
          <Typography.Title level={5}>{t('desk.detail.history')}</Typography.Title>
          <Timeline
            items={current.events.map((event) => ({
              key: event.seq,
              content: <EventLine event={event} />,
            }))}
          />
        </Flex>
      )}
      <Modal
        open={asking !== null}
        title={asking === null ? '' : t(`desk.steps.${asking}`)}
        okText={t('desk.steps.confirm')}
        okButtonProps={{ disabled: text.trim() === '', loading: busy }}
        onOk={() => {
          if (current !== null && asking !== null) void run(asking, current);
        }}
        onCancel={() => {
          setAsking(null);
          setText('');
        }}
      >
        <Input.TextArea
          aria-label={asking === null ? '' : t(`desk.steps.${asking}Prompt`)}
          placeholder={asking === null ? '' : t(`desk.steps.${asking}Prompt`)}
          rows={3}
          maxLength={2000}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
          }}
        />
      </Modal>
    </Drawer>
  );
}

function isLevel(value: unknown): value is DeskItem['level'] {
  return value === 'staff' || value === 'supervisor' || value === 'director';
}

/** One step of the history in words: who, when, what, and for escalations whom it reached. */
function EventLine({ event }: { event: DeskItemEvent }) {
  const { t } = useTranslation();
  const p = event.payload;
  const words = (value: unknown) => (typeof value === 'string' ? value : '');
  const who = event.actorName ?? t('desk.detail.system');
  const reason = words(p.reason);
  const reasonText = reason === '' ? '' : t(`desk.reasons.${reason}`, { defaultValue: reason });
  const text =
    event.kind === 'escalated'
      ? t(p.vacant === true ? 'desk.events.escalatedVacant' : 'desk.events.escalated', {
          level: isLevel(p.to) ? t(`desk.levels.${p.to}`) : '',
          reason: reasonText,
        })
      : event.kind === 'overdue'
        ? t('desk.events.overdue', { reason: reasonText })
        : t(`desk.events.${event.kind}`);
  const extra = words(p.text);
  return (
    <Flex vertical>
      <Typography.Text>
        {dayjs(event.at).format('MM-DD HH:mm')} · {who} · {text}
      </Typography.Text>
      {extra !== '' && <Typography.Text type="secondary">{extra}</Typography.Text>}
      {event.kind === 'escalated' && p.auto === true && (
        <Tag color="orange">{t('desk.events.auto')}</Tag>
      )}
    </Flex>
  );
}
