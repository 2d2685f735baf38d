import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Input,
  Modal,
  Radio,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-client.ts';
import {
  approveLeave,
  getSubstituteSuggestions,
  listLeaveRequests,
  rejectLeave,
  type LeaveRequest,
  type SuggestedShift,
} from '../../api/leave.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { useRosterTexts } from '../roster/roster-texts.ts';
import { useLoad } from './leave-data.ts';
import type { LeaveTexts } from './leave-texts.ts';

/** The choice "leave this shift open": needs a reason, recorded (LEAVE-2). */
const leaveOpen = 'open';

/**
 * 待审批 for supervisors and directors: each pending request with its shifts and, per shift,
 * the suggested substitutes best first (LEAVE-2); approve with a substitute for every shift,
 * or reject with a reason.
 */
export function PendingLeaveTab({
  officeId,
  texts,
  onDecided,
}: {
  officeId: string;
  texts: LeaveTexts;
  onDecided: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const pending = useLoad(() => listLeaveRequests(officeId, { status: 'pending' }), officeId);
  const decided = () => {
    pending.reload();
    onDecided();
  };
  if (pending.state.status === 'loading') return <Spin />;
  if (pending.state.status === 'failed') {
    return <Alert type="error" showIcon title={errorText(pending.state.error)} />;
  }
  if (pending.state.value.length === 0) return <Empty description={t('leave.approve.none')} />;
  return (
    <Flex vertical gap={16}>
      {pending.state.value.map((request) => (
        <PendingRequestCard
          key={`${request.id}-${String(request.version)}`}
          officeId={officeId}
          request={request}
          texts={texts}
          onDecided={decided}
        />
      ))}
    </Flex>
  );
}

type Choice = { substituteUserId: string; overrideReason: string };

function PendingRequestCard({
  officeId,
  request,
  texts,
  onDecided,
}: {
  officeId: string;
  request: LeaveRequest;
  texts: LeaveTexts;
  onDecided: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const suggestions = useLoad(() => getSubstituteSuggestions(officeId, request.id), request.id);
  const [choices, setChoices] = useState<Map<string, Choice>>(new Map());
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [rejectReason, setRejectReason] = useState('');

  const shifts = suggestions.state.status === 'ready' ? suggestions.state.value.shifts : [];
  const keyOf = (shift: { date: string; shiftCode: string }) => `${shift.date}|${shift.shiftCode}`;
  // the best candidate is chosen until the supervisor picks another
  const choiceOf = (shift: SuggestedShift): Choice =>
    choices.get(keyOf(shift)) ?? {
      substituteUserId: shift.candidates[0]?.userId ?? leaveOpen,
      overrideReason: '',
    };
  const needsReason = (shift: SuggestedShift, choice: Choice) =>
    choice.substituteUserId === leaveOpen ||
    (shift.candidates.find((c) => c.userId === choice.substituteUserId)?.violations.length ?? 0) >
      0;
  const open = new Set(
    request.shifts.filter((shift) => shift.coveredByEmergency).map((shift) => keyOf(shift)),
  );

  const handleFailure = (error: unknown) => {
    if (isApiError(error) && error.code === 'CONFLICT') {
      void message.warning(t('leave.alreadyDecided'));
      onDecided();
      return;
    }
    setFailure(error);
  };

  const approve = async () => {
    setFailure(null);
    const substitutes = shifts
      .filter((shift) => !open.has(keyOf(shift)))
      .map((shift) => {
        const choice = choiceOf(shift);
        const reason = choice.overrideReason.trim();
        return {
          date: shift.date,
          shiftCode: shift.shiftCode,
          substituteUserId: choice.substituteUserId === leaveOpen ? null : choice.substituteUserId,
          ...(reason === '' ? {} : { overrideReason: reason }),
        };
      });
    if (
      shifts.some(
        (shift) =>
          needsReason(shift, choiceOf(shift)) && choiceOf(shift).overrideReason.trim() === '',
      )
    ) {
      setFailure(t('leave.approve.reasonMissing'));
      return;
    }
    setSaving(true);
    try {
      await approveLeave(officeId, request.id, { version: request.version, substitutes });
      void message.success(t('leave.approve.done'));
      onDecided();
    } catch (error) {
      handleFailure(error);
    } finally {
      setSaving(false);
    }
  };

  const reject = async () => {
    setSaving(true);
    try {
      await rejectLeave(officeId, request.id, request.version, rejectReason.trim());
      setRejecting(false);
      void message.success(t('leave.approve.rejected'));
      onDecided();
    } catch (error) {
      setRejecting(false);
      handleFailure(error);
    } finally {
      setSaving(false);
    }
  };

  const title = t('leave.approve.cardTitle', {
    name: request.displayName,
    type: t(`leave.types.${request.type}`),
  });
  return (
    <Card title={title} role="region" aria-label={title}>
      <Flex vertical gap={12}>
        <Typography.Text>
          {t('leave.approve.reasonLine', { reason: request.reason })}
        </Typography.Text>
        {suggestions.state.status === 'loading' && <Spin />}
        {suggestions.state.status === 'failed' && (
          <Alert type="error" showIcon title={errorText(suggestions.state.error)} />
        )}
        {shifts.map((shift) => (
          <ShiftChoice
            key={keyOf(shift)}
            shift={shift}
            texts={texts}
            coveredByEmergency={open.has(keyOf(shift))}
            choice={choiceOf(shift)}
            needsReason={needsReason(shift, choiceOf(shift))}
            onChange={(choice) => {
              setChoices(new Map(choices).set(keyOf(shift), choice));
            }}
          />
        ))}
        {failure !== null && (
          <Alert
            type="error"
            showIcon
            title={typeof failure === 'string' ? failure : errorText(failure)}
          />
        )}
        <Flex gap={8} wrap>
          <Button
            type="primary"
            loading={saving}
            disabled={suggestions.state.status !== 'ready'}
            onClick={() => void approve()}
          >
            {t('leave.approve.approve')}
          </Button>
          <Button
            danger
            onClick={() => {
              setRejecting(true);
            }}
          >
            {t('leave.approve.reject')}
          </Button>
        </Flex>
      </Flex>
      <Modal
        open={rejecting}
        title={t('leave.approve.rejectTitle', { name: request.displayName })}
        okText={t('leave.approve.reject')}
        okButtonProps={{ danger: true, disabled: rejectReason.trim() === '', loading: saving }}
        onOk={() => void reject()}
        onCancel={() => {
          setRejecting(false);
        }}
      >
        <Input.TextArea
          aria-label={t('leave.approve.rejectReason')}
          placeholder={t('leave.approve.rejectReason')}
          value={rejectReason}
          maxLength={500}
          onChange={(event) => {
            setRejectReason(event.target.value);
          }}
        />
      </Modal>
    </Card>
  );
}

/** One shift of the request: its candidates best first, a radio each, and the override reason. */
function ShiftChoice({
  shift,
  texts,
  coveredByEmergency,
  choice,
  needsReason,
  onChange,
}: {
  shift: SuggestedShift;
  texts: LeaveTexts;
  coveredByEmergency: boolean;
  choice: Choice;
  needsReason: boolean;
  onChange: (choice: Choice) => void;
}) {
  const { t } = useTranslation();
  const rosterTexts = useRosterTexts();
  const label = t('leave.approve.substituteFor', { duty: texts.duty(shift) });
  if (coveredByEmergency) {
    return (
      <Typography.Text>
        {texts.duty(shift)} — {t('leave.coveredByEmergency')}
      </Typography.Text>
    );
  }
  return (
    <fieldset style={{ border: '1px solid rgba(5,5,5,0.06)', borderRadius: 8, padding: 12 }}>
      <legend style={{ fontWeight: 600, fontSize: 14, width: 'auto', padding: '0 4px', margin: 0 }}>
        {label}
      </legend>
      <Radio.Group
        aria-label={label}
        value={choice.substituteUserId}
        onChange={(event) => {
          onChange({ ...choice, substituteUserId: String(event.target.value) });
        }}
      >
        <Flex vertical gap={6}>
          {shift.candidates.map((candidate, index) => (
            <Radio key={candidate.userId} value={candidate.userId}>
              <Flex gap={6} wrap align="center">
                <Typography.Text strong={index === 0}>{candidate.displayName}</Typography.Text>
                {index === 0 && candidate.violations.length === 0 && (
                  <Tag color="success">{t('leave.approve.best')}</Tag>
                )}
                <Typography.Text type="secondary">
                  {t('leave.approve.totals', {
                    hours: texts.hours(candidate.totals.minutes),
                    evenings: candidate.totals.evenings,
                  })}
                </Typography.Text>
                {candidate.violations.map((violation) => (
                  <Tag key={violation.rule} color="error">
                    {rosterTexts.ruleName(violation.rule)}
                  </Tag>
                ))}
              </Flex>
            </Radio>
          ))}
          <Radio value={leaveOpen}>{t('leave.approve.leaveOpen')}</Radio>
        </Flex>
      </Radio.Group>
      {needsReason && (
        <Input
          style={{ marginTop: 8 }}
          aria-label={t('leave.approve.overrideReason')}
          placeholder={t('leave.approve.overrideReason')}
          value={choice.overrideReason}
          maxLength={500}
          onChange={(event) => {
            onChange({ ...choice, overrideReason: event.target.value });
          }}
        />
      )}
    </fieldset>
  );
}
