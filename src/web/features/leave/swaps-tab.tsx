import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Select,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-client.ts';
import type { RosterMonthView } from '../../api/duties.api.ts';
import {
  actOnSwap,
  listSwapRequests,
  proposeSwap,
  type SwapAction,
  type SwapRequest,
} from '../../api/leave.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { useMe } from '../auth/session-context.tsx';
import { dutiesOf, peopleOf, useLoad, type DutyRef } from './leave-data.ts';
import { statusColours, type LeaveTexts } from './leave-texts.ts';

type ProposeValues = { give: string; counterpartId: string; take: string; reason: string };

/** The take field's value for a give-away. */
const giveAway = 'none';

const keyOf = (duty: DutyRef) => `${duty.date}|${duty.shiftCode}`;

function dutyOfKey(key: string): DutyRef {
  const [date = '', shiftCode = ''] = key.split('|');
  return { date, shiftCode };
}

/**
 * 调班 (LEAVE-3). Staff propose a swap of one of their coming duties for a colleague's (or give
 * it away), answer swaps proposed to them and follow their own; supervisors approve or reject
 * the swaps a colleague accepted. The roster changes only on approval.
 */
export function SwapsTab({
  officeId,
  texts,
  rosters,
  today,
  decider,
  onDecided,
}: {
  officeId: string;
  texts: LeaveTexts;
  rosters: Map<string, RosterMonthView>;
  today: string;
  decider: boolean;
  onDecided?: () => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const swaps = useLoad(() => listSwapRequests(officeId), officeId);
  const reload = () => {
    swaps.reload();
    onDecided?.();
  };
  const myId = me.user.id;
  const all = swaps.state.status === 'ready' ? swaps.state.value : [];
  const toMe = all.filter((swap) => swap.counterpartId === myId && swap.status === 'proposed');
  const mine = all.filter((swap) => !toMe.includes(swap));

  return (
    <Flex vertical gap={16}>
      {!decider && (
        <ProposeSwapCard
          officeId={officeId}
          texts={texts}
          rosters={rosters}
          today={today}
          onProposed={reload}
        />
      )}
      {swaps.state.status === 'loading' && <Spin />}
      {swaps.state.status === 'failed' && <SwapLoadFailure error={swaps.state.error} />}
      {!decider && toMe.length > 0 && (
        <Card title={t('leave.swap.toMe')}>
          <SwapList officeId={officeId} swaps={toMe} texts={texts} onChanged={reload} />
        </Card>
      )}
      {swaps.state.status === 'ready' && (
        <Card title={decider ? t('leave.swap.all') : t('leave.swap.mine')}>
          <SwapList
            officeId={officeId}
            swaps={decider ? all : mine}
            texts={texts}
            onChanged={reload}
            decider={decider}
          />
        </Card>
      )}
    </Flex>
  );
}

function SwapLoadFailure({ error }: { error: unknown }) {
  const errorText = useErrorText();
  return <Alert type="error" showIcon title={errorText(error)} />;
}

function ProposeSwapCard({
  officeId,
  texts,
  rosters,
  today,
  onProposed,
}: {
  officeId: string;
  texts: LeaveTexts;
  rosters: Map<string, RosterMonthView>;
  today: string;
  onProposed: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useMe();
  const [form] = Form.useForm<ProposeValues>();
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const counterpartId = Form.useWatch('counterpartId', form) as string | undefined;
  // tomorrow on: a duty of today may have started already (the server refuses it anyway)
  const myDuties = dutiesOf(rosters.values(), me.user.id, today).filter((d) => d.date > today);
  const colleagues = peopleOf(rosters.values()).filter((person) => person.userId !== me.user.id);
  const theirDuties =
    counterpartId === undefined
      ? []
      : dutiesOf(rosters.values(), counterpartId, today).filter((d) => d.date > today);

  const submit = async (values: ProposeValues) => {
    setFailure(null);
    setSaving(true);
    try {
      await proposeSwap(officeId, {
        counterpartId: values.counterpartId,
        give: dutyOfKey(values.give),
        ...(values.take === giveAway ? {} : { take: dutyOfKey(values.take) }),
        reason: values.reason,
      });
      void message.success(t('leave.swap.sent'));
      form.resetFields();
      onProposed();
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('leave.swap.title')}>
      {myDuties.length === 0 ? (
        <Typography.Text type="secondary">{t('leave.swap.noDuties')}</Typography.Text>
      ) : (
        <Form<ProposeValues>
          name="swap-proposal"
          form={form}
          layout="vertical"
          initialValues={{ take: giveAway, reason: '' }}
          onFinish={(values) => void submit(values)}
          style={{ maxWidth: 480 }}
        >
          <Form.Item name="give" label={t('leave.swap.give')} rules={[{ required: true }]}>
            <Select
              options={myDuties.map((duty) => ({ value: keyOf(duty), label: texts.duty(duty) }))}
            />
          </Form.Item>
          <Form.Item
            name="counterpartId"
            label={t('leave.swap.colleague')}
            rules={[{ required: true }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={colleagues.map((person) => ({ value: person.userId, label: person.name }))}
              onChange={() => {
                form.setFieldValue('take', giveAway);
              }}
            />
          </Form.Item>
          <Form.Item name="take" label={t('leave.swap.take')}>
            <Select
              options={[
                { value: giveAway, label: t('leave.swap.giveAway') },
                ...theirDuties.map((duty) => ({ value: keyOf(duty), label: texts.duty(duty) })),
              ]}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('leave.swap.reason')}
            rules={[{ required: true, whitespace: true, message: t('leave.reasonRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          {failure !== null && (
            <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(failure)} />
          )}
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('leave.swap.submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

/** Swaps with their status and the steps open to the signed-in person. */
function SwapList({
  officeId,
  swaps,
  texts,
  onChanged,
  decider = false,
}: {
  officeId: string;
  swaps: SwapRequest[];
  texts: LeaveTexts;
  onChanged: () => void;
  decider?: boolean;
}) {
  const { t } = useTranslation();
  if (swaps.length === 0) return <Empty description={t('leave.swap.none')} />;
  return (
    <List
      dataSource={swaps}
      rowKey="id"
      renderItem={(swap) => (
        <List.Item>
          <SwapItem
            officeId={officeId}
            swap={swap}
            texts={texts}
            onChanged={onChanged}
            decider={decider}
          />
        </List.Item>
      )}
    />
  );
}

function SwapItem({
  officeId,
  swap,
  texts,
  onChanged,
  decider,
}: {
  officeId: string;
  swap: SwapRequest;
  texts: LeaveTexts;
  onChanged: () => void;
  decider: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useMe();
  const [reason, setReason] = useState('');
  const [askReason, setAskReason] = useState<'reject' | 'override' | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const act = async (action: SwapAction) => {
    setBusy(true);
    setFailure(null);
    const text = reason.trim();
    try {
      await actOnSwap(officeId, swap.id, action, {
        version: swap.version,
        ...(action === 'reject' || action === 'decline'
          ? text === ''
            ? {}
            : { reason: text }
          : {}),
        ...(action === 'approve' && askReason === 'override' && text !== ''
          ? { overrideReason: text }
          : {}),
      });
      void message.success(t('leave.swap.done'));
      onChanged();
    } catch (error) {
      if (isApiError(error) && error.code === 'CONFLICT') {
        void message.warning(t('leave.alreadyDecided'));
        onChanged();
        return;
      }
      if (isApiError(error) && error.code === 'RULE_VIOLATION' && action === 'approve') {
        setAskReason('override');
      }
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const summary = swap.take
    ? t('leave.swap.summary', {
        proposer: swap.proposerName,
        give: texts.duty(swap.give),
        counterpart: swap.counterpartName,
        take: texts.duty(swap.take),
      })
    : t('leave.swap.summaryGiveAway', {
        proposer: swap.proposerName,
        give: texts.duty(swap.give),
        counterpart: swap.counterpartName,
      });

  const buttons: { action: SwapAction; danger?: boolean; primary?: boolean }[] = [];
  if (!decider && swap.counterpartId === me.user.id && swap.status === 'proposed') {
    buttons.push({ action: 'accept', primary: true }, { action: 'decline', danger: true });
  }
  if (
    !decider &&
    swap.proposerId === me.user.id &&
    ['proposed', 'accepted'].includes(swap.status)
  ) {
    buttons.push({ action: 'cancel' });
  }
  const canDecide =
    decider &&
    swap.status === 'accepted' &&
    swap.proposerId !== me.user.id &&
    swap.counterpartId !== me.user.id;
  if (canDecide)
    buttons.push({ action: 'approve', primary: true }, { action: 'reject', danger: true });

  return (
    <Flex vertical gap={6} style={{ width: '100%' }}>
      <Flex gap={8} wrap align="center">
        <Tag color={statusColours[swap.status]}>{t(`leave.status.${swap.status}`)}</Tag>
        <Typography.Text>{summary}</Typography.Text>
      </Flex>
      <Typography.Text type="secondary">{swap.reason}</Typography.Text>
      {swap.decisionReason !== null && (
        <Typography.Text type="secondary">{swap.decisionReason}</Typography.Text>
      )}
      {askReason !== null && (
        <Input
          aria-label={
            askReason === 'reject' ? t('leave.swap.rejectReason') : t('leave.swap.overrideReason')
          }
          placeholder={
            askReason === 'reject' ? t('leave.swap.rejectReason') : t('leave.swap.overrideReason')
          }
          value={reason}
          maxLength={500}
          onChange={(event) => {
            setReason(event.target.value);
          }}
        />
      )}
      {failure !== null && <Alert type="error" showIcon title={errorText(failure)} />}
      {buttons.length > 0 && (
        <Flex gap={8} wrap>
          {buttons.map(({ action, danger, primary }) => (
            <Button
              key={action}
              size="small"
              danger={danger === true}
              type={primary === true ? 'primary' : 'default'}
              loading={busy}
              disabled={action === 'reject' && askReason === 'reject' && reason.trim() === ''}
              onClick={() => {
                if (action === 'reject' && askReason !== 'reject') {
                  setAskReason('reject');
                  return;
                }
                void act(action);
              }}
            >
              {t(`leave.swap.${action}`)}
            </Button>
          ))}
        </Flex>
      )}
    </Flex>
  );
}
