import { useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Result, Row, Steps, Tag, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OfficeRole } from '../../../shared/roles.ts';
import { checkOut } from '../../api/duty.api.ts';
import type { Handover } from '../../api/handover.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { LateTag, useOfficeTime } from '../duty-log/on-duty-panel.tsx';
import { handoverRecordPath } from './handover-paths.ts';
import { useOfficeDateTime } from './handover-texts.ts';
import { AreaCard, CountCard, FollowUpsCard, ReadLogCard } from './incoming-cards.tsx';
import { BlockingCard, LogCompleteCard, TidyCard, UnfinishedCard } from './outgoing-cards.tsx';
import { NonconformancesCard } from './nonconformances-card.tsx';
import { ShiftPatrolsCard } from './shift-patrols-card.tsx';
import { SignCard } from './sign-card.tsx';
import { StepCard } from './step-card.tsx';
import { StepRefusal, useHandoverStep, type HandoverStepContext } from './use-handover-step.tsx';

export const statusColour = {
  open: 'processing',
  'outgoing-signed': 'gold',
  sealed: 'green',
} as const;

type Person = NonNullable<Handover['incoming']>;

/** A side's person: name, shift, check-in; for the incoming person the lateness of HO-IN-1. */
function PersonLine({
  label,
  person,
  timeZone,
  showLateness,
}: {
  label: string;
  person: Person;
  timeZone: string;
  showLateness: boolean;
}) {
  const { t } = useTranslation();
  const time = useOfficeTime(timeZone);
  return (
    <Flex gap={8} wrap align="center">
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Typography.Text strong>{person.displayName}</Typography.Text>
      <Tag>
        {t('handover.people.shift', {
          shift: person.shiftName,
          start: time(person.startsAt),
          end: time(person.endsAt),
        })}
      </Tag>
      <Typography.Text type="secondary">
        {t('handover.people.arrived', { time: time(person.checkedInAt) })}
      </Typography.Text>
      {showLateness && (
        <>
          <LateTag minutes={person.lateMinutes} />
          <Tag color="blue">HO-IN-1</Tag>
        </>
      )}
    </Flex>
  );
}

/** The incoming person joins the handover (checked in at the post; not the outgoing person). */
function JoinCard(props: HandoverStepContext & { canJoin: boolean }) {
  const { t } = useTranslation();
  const step = useHandoverStep(props);
  return (
    <StepCard
      id="handover-join"
      title={t('handover.join.title')}
      rules={['HO-IN-1', 'HO-IN-5']}
      hint={t('handover.join.hint')}
      done={false}
    >
      {props.canJoin ? (
        <Button type="primary" loading={step.busy} onClick={() => void step.run({ kind: 'join' })}>
          {t('handover.join.button')}
        </Button>
      ) : (
        <Typography.Text type="secondary">{t('handover.join.waiting')}</Typography.Text>
      )}
      <StepRefusal failure={step.failure} handover={props.handover} />
    </StepCard>
  );
}

/** Where the handover stands, as the steps of the regulation in their order. */
/** HO-OUT-3: once both signed (or signed alone at a gap) the outgoing person checks out here. */
function CheckOutButton({ officeId, onDone }: { officeId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const leave = async () => {
    setBusy(true);
    try {
      await checkOut(officeId);
      void message.success(t('handover.checkOut.done'));
      setDone(true);
      onDone();
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  if (done) return <Typography.Text type="success">{t('handover.checkOut.done')}</Typography.Text>;
  return (
    <Flex vertical gap={4} align="center">
      <Typography.Text type="secondary">{t('handover.checkOut.hint')}</Typography.Text>
      <Button loading={busy} onClick={() => void leave()}>
        {t('handover.checkOut.button')}
      </Button>
    </Flex>
  );
}

type OverviewKey = 'outgoing' | 'join' | 'count' | 'readLog' | 'area' | 'sign';

function overviewOf(handover: Handover): { key: OverviewKey; done: boolean }[] {
  const c = handover.checklist;
  const read = new Set(c.readEntryIds);
  return [
    {
      key: 'outgoing',
      done: handover.signatures.outgoing !== null || handover.unmet.outgoing.length === 0,
    },
    { key: 'join', done: handover.incoming !== null },
    { key: 'count', done: c.countedAt !== null },
    {
      key: 'readLog',
      done:
        handover.logEntries.every((entry) => read.has(entry.id)) &&
        (c.unfinished === null
          ? false
          : c.unfinished.length === 0 || c.followUpsAcceptedAt !== null),
    },
    { key: 'area', done: c.areaCheckedAt !== null },
    { key: 'sign', done: handover.status === 'sealed' },
  ];
}

/**
 * One handover as a checklist both people work through on one screen or each on their own
 * device: the outgoing side's cards (HO-OUT-1, 2, 4), the incoming side's (HO-IN-2, 3, 4),
 * the explanations next to what was found, what each signature still lacks with its rule, the
 * two signatures and the seal. Each person can act only on their own side's steps; a
 * supervisor or director can grant an exception (HO-OUT-4).
 */
export function HandoverWorkspace({
  officeId,
  timeZone,
  handover: loaded,
  userId,
  role,
  canJoin,
  onReload,
}: {
  officeId: string;
  timeZone: string;
  handover: Handover;
  userId: string;
  role: OfficeRole | undefined;
  /** the desk offers it to the caller to take over (checked in at its post) */
  canJoin: boolean;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const at = useOfficeDateTime(timeZone);
  // the answer of our own step is shown at once; a newer load (live update) replaces it
  const [latest, setLatest] = useState<Handover | null>(null);
  const handover = latest !== null && latest.version >= loaded.version ? latest : loaded;
  const context: HandoverStepContext = {
    officeId,
    handover,
    onChanged: (next) => {
      if (next === undefined) onReload();
      else setLatest(next);
    },
  };
  const isOutgoing = handover.outgoing.userId === userId;
  const isIncoming = handover.incoming?.userId === userId;
  const mayGrant = role === 'supervisor' || role === 'director';
  const open = handover.status === 'open';
  const sealed = handover.status === 'sealed';
  // after a gap the explanations follow the seal: they go back to the outgoing person and the
  // supervisor (REGULATION.md, "gaps between shifts")
  const canExplain = (isOutgoing || (!open && mayGrant)) && (!sealed || handover.gap);
  const incomingProps = {
    ...context,
    timeZone,
    canAct: isIncoming && !sealed,
    canExplain,
  };
  const outgoingProps = { ...context, timeZone, canAct: isOutgoing && open };
  const overview = overviewOf(handover);
  const current = overview.findIndex((step) => !step.done);

  return (
    <Flex vertical gap={16} aria-label={t('handover.title')} role="region">
      <Card size="small">
        <Flex vertical gap={8}>
          <Flex gap={8} wrap align="center" justify="space-between">
            <Flex gap={8} wrap align="center">
              <Typography.Title level={4} style={{ margin: 0 }}>
                {handover.postName}
              </Typography.Title>
              <Tag color={statusColour[handover.status]}>
                {t(`handover.status.${handover.status}`)}
              </Tag>
              <Typography.Text type="secondary">{at(handover.openedAt)}</Typography.Text>
            </Flex>
            <Link to={handoverRecordPath(handover.id)}>
              {t('handover.sealed.record')} <ArrowRightOutlined aria-hidden />
            </Link>
          </Flex>
          <PersonLine
            label={t('handover.people.outgoing')}
            person={handover.outgoing}
            timeZone={timeZone}
            showLateness={false}
          />
          {handover.incoming === null ? (
            <Flex gap={8}>
              <Typography.Text type="secondary">{t('handover.people.incoming')}</Typography.Text>
              <Typography.Text>{t('handover.people.nobody')}</Typography.Text>
            </Flex>
          ) : (
            <PersonLine
              label={t('handover.people.incoming')}
              person={handover.incoming}
              timeZone={timeZone}
              showLateness
            />
          )}
          {handover.gap && <Alert type="info" showIcon title={t('handover.gap')} />}
          {handover.gap && !sealed && isOutgoing && (
            <CheckOutButton officeId={officeId} onDone={onReload} />
          )}
          <Steps
            size="small"
            responsive
            current={current === -1 ? overview.length : current}
            items={overview.map((step, index) => ({
              title: t(`handover.overview.${step.key}`),
              status: step.done ? 'finish' : index === current ? 'process' : 'wait',
            }))}
          />
        </Flex>
      </Card>

      {sealed && (
        <Result
          status="success"
          title={t('handover.sealed.title')}
          subTitle={t('handover.sealed.subTitle', {
            time: at(handover.sealedAt ?? handover.openedAt),
          })}
          extra={
            <Flex vertical gap={16} align="center">
              <Link to={handoverRecordPath(handover.id)}>
                <Button type="primary">{t('handover.sealed.record')}</Button>
              </Link>
              {isOutgoing && <CheckOutButton officeId={officeId} onDone={onReload} />}
            </Flex>
          }
        />
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Flex vertical gap={16}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('handover.people.outgoing')} · {handover.outgoing.displayName}
            </Typography.Title>
            <TidyCard {...outgoingProps} />
            <LogCompleteCard {...outgoingProps} />
            <UnfinishedCard {...outgoingProps} />
            <BlockingCard {...context} timeZone={timeZone} mayGrant={mayGrant} />
          </Flex>
        </Col>
        <Col xs={24} lg={12}>
          <Flex vertical gap={16}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('handover.people.incoming')}
              {handover.incoming === null ? '' : ` · ${handover.incoming.displayName}`}
            </Typography.Title>
            {handover.incoming === null && !sealed && (
              <JoinCard {...context} canJoin={canJoin && !isOutgoing} />
            )}
            {handover.incoming !== null && (
              <>
                <CountCard {...incomingProps} />
                <ReadLogCard {...incomingProps} />
                <FollowUpsCard {...incomingProps} />
                <AreaCard {...incomingProps} />
              </>
            )}
          </Flex>
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <ShiftPatrolsCard handover={handover} timeZone={timeZone} />
        </Col>
        <Col xs={24} lg={12}>
          <NonconformancesCard handover={handover} timeZone={timeZone} />
        </Col>
      </Row>

      <SignCard {...context} timeZone={timeZone} isParticipant={isOutgoing || isIncoming} />
    </Flex>
  );
}
