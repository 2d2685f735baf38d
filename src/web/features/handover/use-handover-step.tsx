import { useState } from 'react';
import { Alert, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-client.ts';
import {
  stepHandover,
  unmetOfError,
  type Handover,
  type HandoverAction,
} from '../../api/handover.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { unmetText } from './handover-texts.ts';

/** What a card of the checklist needs to take a step on the handover it shows. */
export type HandoverStepContext = {
  officeId: string;
  handover: Handover;
  /** the new state after a step; undefined: reload it (a conflict with another device) */
  onChanged: (next?: Handover) => void;
};

/**
 * Takes one action on the version shown; keeps the refusal (with its rule and unmet list) for
 * the card to show where the person acted. A stale version (409) reloads the handover.
 */
export function useHandoverStep({ officeId, handover, onChanged }: HandoverStepContext) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const run = async (action: HandoverAction): Promise<boolean> => {
    setBusy(true);
    setFailure(null);
    try {
      onChanged(await stepHandover(officeId, handover.id, handover.version, action));
      return true;
    } catch (error) {
      setFailure(error);
      if (isApiError(error) && error.status === 409) onChanged();
      return false;
    } finally {
      setBusy(false);
    }
  };
  const clear = () => {
    setFailure(null);
  };
  return { busy, failure, run, clear };
}

/** A refusal: its code and rule in words, and each unmet condition it listed with its rule. */
export function StepRefusal({ failure, handover }: { failure: unknown; handover: Handover }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (failure === null) return null;
  const unmet = unmetOfError(failure);
  const stale = isApiError(failure) && failure.code === 'VERSION_CONFLICT';
  return (
    <Alert
      type={stale ? 'warning' : 'error'}
      showIcon
      role="alert"
      title={stale ? t('handover.reloaded') : t('handover.refused', { reason: errorText(failure) })}
      description={
        unmet.length === 0 ? undefined : (
          <Flex vertical gap={4}>
            {unmet.map((u) => (
              <Typography.Text key={`${u.rule}|${u.key}`}>
                <Tag color="red">{u.rule}</Tag>
                {unmetText(t, u, handover)}
              </Typography.Text>
            ))}
          </Flex>
        )
      }
    />
  );
}
