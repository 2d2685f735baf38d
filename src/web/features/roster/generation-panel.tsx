import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Flex, Progress, Select, Statistic, Typography } from 'antd';
import { PauseCircleOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { RosterGeneration } from '../../api/rosters.api.ts';

export const timeLimitChoices = [10, 30, 60, 120, 300] as const;

export type GenerationRequest = { timeLimitSeconds: number; keepPinned: boolean };

/** The gap to the proven bound, as a percentage with one decimal. */
function gapText(gap: number | null): string {
  return gap === null ? '—' : `${String(Math.round(gap * 1000) / 10)}%`;
}

/**
 * 生成排班 (ROSTER-1): the supervisor runs the optimiser on the month's draft with a time limit,
 * keeping the cells pinned by hand or not, watches its progress (best objective, gap to the
 * bound, elapsed time) and may stop it early, keeping the best roster found so far.
 */
export function GenerationPanel({
  generation,
  pinnedCount,
  hasDraft,
  starting,
  stopping,
  onStart,
  onStop,
}: {
  generation: RosterGeneration | null;
  pinnedCount: number;
  hasDraft: boolean;
  starting: boolean;
  stopping: boolean;
  onStart: (request: GenerationRequest) => void;
  onStop: (generationId: string) => void;
}) {
  const { t } = useTranslation();
  const [timeLimitSeconds, setTimeLimitSeconds] = useState<number>(30);
  const [keepPinned, setKeepPinned] = useState(true);
  const running = generation?.status === 'running';

  if (running) {
    const percent = Math.min(
      99,
      Math.round((generation.elapsedSeconds / Math.max(1, generation.timeLimitSeconds)) * 100),
    );
    return (
      <Card size="small" title={t('roster.generation.runningTitle')}>
        <Flex vertical gap={12} role="status" aria-live="polite">
          <Progress
            percent={percent}
            status="active"
            aria-label={t('roster.generation.progressLabel')}
            format={() =>
              t('roster.generation.elapsedOf', {
                elapsed: Math.round(generation.elapsedSeconds),
                limit: generation.timeLimitSeconds,
              })
            }
          />
          <Flex gap={32} wrap>
            <Statistic
              title={t('roster.generation.objective')}
              value={generation.objective ?? '—'}
            />
            <Statistic title={t('roster.generation.gap')} value={gapText(generation.gap)} />
            <Statistic
              title={t('roster.generation.elapsed')}
              value={t('roster.generation.seconds', {
                seconds: Math.round(generation.elapsedSeconds),
              })}
            />
          </Flex>
          <Typography.Text type="secondary">{t('roster.generation.runningHint')}</Typography.Text>
          <div>
            <Button
              danger
              icon={<PauseCircleOutlined aria-hidden />}
              loading={stopping}
              onClick={() => {
                onStop(generation.id);
              }}
            >
              {t('roster.generation.stop')}
            </Button>
          </div>
        </Flex>
      </Card>
    );
  }

  return (
    <Card size="small" title={t('roster.generation.title')}>
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('roster.generation.hint')}</Typography.Text>
        <Flex gap={16} wrap align="center">
          <Flex gap={8} align="center">
            <label htmlFor="roster-time-limit">{t('roster.generation.timeLimit')}</label>
            <Select<number>
              id="roster-time-limit"
              value={timeLimitSeconds}
              onChange={setTimeLimitSeconds}
              style={{ width: 120 }}
              options={timeLimitChoices.map((seconds) => ({
                value: seconds,
                label: t('roster.generation.seconds', { seconds }),
              }))}
            />
          </Flex>
          <Checkbox
            checked={keepPinned}
            onChange={(event) => {
              setKeepPinned(event.target.checked);
            }}
          >
            {t('roster.generation.keepPinned', { count: pinnedCount })}
          </Checkbox>
        </Flex>
        <Flex gap={8} wrap>
          <Button
            type="primary"
            icon={<ThunderboltOutlined aria-hidden />}
            loading={starting}
            onClick={() => {
              onStart({ timeLimitSeconds, keepPinned });
            }}
          >
            {hasDraft ? t('roster.generation.regenerate') : t('roster.generation.start')}
          </Button>
          {hasDraft && (
            <Button
              disabled={pinnedCount === 0 || starting}
              onClick={() => {
                onStart({ timeLimitSeconds, keepPinned: true });
              }}
            >
              {t('roster.generation.reoptimise')}
            </Button>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}

/** The server's note on a run, by what it says (its words are English, for the log). */
function messageKind(message: string): 'notApplied' | 'noRoster' | 'failed' {
  if (message.includes('draft changed')) return 'notApplied';
  if (message.includes('no roster was found')) return 'noRoster';
  return 'failed';
}

/** What the last generation came to: done, stopped early, impossible, failed or abandoned. */
export function GenerationResult({
  generation,
  conflictText,
  onClose,
}: {
  generation: RosterGeneration;
  conflictText: (conflict: RosterGeneration['conflicts'][number]) => string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const summary = t('roster.generation.summary', {
    objective: generation.objective ?? '—',
    gap: gapText(generation.gap),
    seconds: Math.round(generation.elapsedSeconds),
  });
  const type =
    generation.status === 'done' || generation.status === 'stopped'
      ? generation.message === null
        ? 'success'
        : 'warning'
      : 'error';
  return (
    <Alert
      type={type}
      showIcon
      closable={{ onClose }}
      title={t(`roster.generation.status.${generation.status}`)}
      description={
        <Flex vertical gap={4}>
          {generation.objective !== null && <span>{summary}</span>}
          {generation.message !== null && (
            <span>{t(`roster.generation.messages.${messageKind(generation.message)}`)}</span>
          )}
          {generation.conflicts.length > 0 && (
            <>
              <Typography.Text strong>{t('roster.generation.conflictsTitle')}</Typography.Text>
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {generation.conflicts.map((conflict, index) => (
                  <li key={index}>{conflictText(conflict)}</li>
                ))}
              </ul>
            </>
          )}
        </Flex>
      }
    />
  );
}
