import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  List,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  getHandover,
  verifyHandover,
  type Handover,
  type HandoverVerification,
} from '../../api/handover.api.ts';
import { useOfficeEvents } from '../../api/live-updates.ts';
import { useLoad } from '../../api/use-load.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { LateTag } from '../duty-log/on-duty-panel.tsx';
import { useOffices } from '../shell/office-context.tsx';
import { PrintToolbar } from '../shell/print-toolbar.tsx';
import { stepText, useOfficeDateTime } from './handover-texts.ts';
import { handoverRecordsPath, handoverWorkPath } from './handover-paths.ts';
import { statusColour } from './handover-workspace.tsx';
import { NonconformanceList } from './nonconformances-card.tsx';
import { ShiftPatrolsList } from './shift-patrols-card.tsx';
import { FollowUpLine } from './outgoing-cards.tsx';
import './handover.css';

type Person = NonNullable<Handover['incoming']>;

function PersonText({ person, timeZone }: { person: Person; timeZone: string }) {
  const { t } = useTranslation();
  const at = useOfficeDateTime(timeZone);
  return (
    <Flex vertical gap={2}>
      <Typography.Text strong>{person.displayName}</Typography.Text>
      <Typography.Text>
        {t('handover.people.shift', {
          shift: person.shiftName,
          start: at(person.startsAt),
          end: at(person.endsAt),
        })}
      </Typography.Text>
      <Typography.Text>
        {t('handover.people.arrived', { time: at(person.checkedInAt) })}
      </Typography.Text>
    </Flex>
  );
}

/** GET …/verify: each signed hash recomputed from the stored log and record, and the audit's. */
function VerificationCard({
  verification,
  handover,
}: {
  verification: HandoverVerification;
  handover: Handover;
}) {
  const { t } = useTranslation();
  const signed = verification.signatures.length > 0;
  return (
    <Card size="small" title={t('handover.record.verification')}>
      {!signed ? (
        <Typography.Text type="secondary">{t('handover.record.notSigned')}</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          <Alert
            type={verification.ok ? 'success' : 'error'}
            showIcon
            title={
              verification.ok ? t('handover.record.verifyOk') : t('handover.record.verifyFailed')
            }
          />
          {verification.signatures.map((s) => (
            <Descriptions
              key={s.side}
              size="small"
              column={1}
              bordered
              title={
                <Flex gap={8} align="center">
                  {t(`handover.sign.${s.side}`)}
                  <Tag color={s.ok ? 'green' : 'red'}>
                    {s.ok ? t('handover.records.yes') : t('handover.records.no')}
                  </Tag>
                </Flex>
              }
              items={[
                {
                  key: 'stored',
                  label: t('handover.record.stored'),
                  children: <span className="record-hash">{s.stored}</span>,
                },
                {
                  key: 'computed',
                  label: t('handover.record.computed'),
                  children: <span className="record-hash">{s.computed}</span>,
                },
                {
                  key: 'audited',
                  label: t('handover.record.audited'),
                  children: <span className="record-hash">{s.audited ?? '—'}</span>,
                },
              ]}
            />
          ))}
        </Flex>
      )}
      {handover.status !== 'sealed' && verification.signatures.length > 0 && (
        <Typography.Text type="secondary">
          {t(`handover.status.${handover.status}`)}
        </Typography.Text>
      )}
    </Card>
  );
}

/** The record itself: people, times, every checklist result, the steps, the signatures. */
function HandoverRecord({
  officeId,
  officeName,
  timeZone,
  handover,
  verification,
}: {
  officeId: string;
  officeName: string;
  timeZone: string;
  handover: Handover;
  verification: HandoverVerification | null;
}) {
  const { t } = useTranslation();
  const at = useOfficeDateTime(timeZone);
  const c = handover.checklist;
  const when = (instant: string | null) => (instant === null ? '—' : at(instant));
  const read = new Set(c.readEntryIds);
  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={4} align="center">
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('handover.record.title')}
        </Typography.Title>
        <Typography.Text>
          {officeName} · {handover.postName} ·{' '}
          <Tag color={statusColour[handover.status]}>{t(`handover.status.${handover.status}`)}</Tag>
          {handover.gap && <Tag>{t('handover.records.gap')}</Tag>}
        </Typography.Text>
      </Flex>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'outgoing',
            label: t('handover.people.outgoing'),
            children: <PersonText person={handover.outgoing} timeZone={timeZone} />,
          },
          {
            key: 'incoming',
            label: t('handover.people.incoming'),
            children:
              handover.incoming === null ? (
                t('handover.people.nobody')
              ) : (
                <Flex vertical gap={4}>
                  <PersonText person={handover.incoming} timeZone={timeZone} />
                  <span>
                    <LateTag minutes={handover.incoming.lateMinutes} /> <Tag>HO-IN-1</Tag>
                  </span>
                </Flex>
              ),
          },
          { key: 'opened', label: t('handover.record.openedAt'), children: at(handover.openedAt) },
          {
            key: 'sealed',
            label: t('handover.record.sealedAt'),
            children: when(handover.sealedAt),
          },
          {
            key: 'log',
            label: t('handover.record.logPeriod'),
            span: 'filled',
            children: t('handover.record.logPeriodText', {
              from: at(handover.logFrom),
              to: when(handover.logTo),
              count: handover.logEntries.length,
            }),
          },
        ]}
      />

      <Card size="small" title={t('handover.record.checklist')}>
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            {
              key: 'tidy',
              label: (
                <>
                  {t('handover.tidy.title')} <Tag>HO-OUT-1</Tag>
                </>
              ),
              children: when(c.tidiedAt),
            },
            {
              key: 'log',
              label: (
                <>
                  {t('handover.log.title')} <Tag>HO-OUT-2</Tag>
                </>
              ),
              children: when(c.logCompletedAt),
            },
            {
              key: 'unfinished',
              label: (
                <>
                  {t('handover.unfinished.title')} <Tag>HO-OUT-2</Tag>
                </>
              ),
              children:
                c.unfinished === null ? (
                  t('handover.unfinished.notYet')
                ) : c.unfinished.length === 0 ? (
                  t('handover.unfinished.none')
                ) : (
                  <List
                    size="small"
                    dataSource={c.unfinished}
                    renderItem={(note, index) => (
                      <List.Item>
                        <FollowUpLine
                          note={note}
                          itemId={c.followUpItemIds[index] ?? note.deskItemId}
                        />
                      </List.Item>
                    )}
                  />
                ),
            },
            {
              key: 'blocking',
              label: (
                <>
                  {t('handover.blocking.title')} <Tag>HO-OUT-4</Tag>
                </>
              ),
              children: (
                <Flex vertical gap={4}>
                  {handover.blocking.length === 0 && t('handover.blocking.none')}
                  {handover.blocking.map((item) => (
                    <span key={item.id}>
                      {item.subject} <Tag>{t(`desk.priorities.${item.priority}`)}</Tag>
                      {item.excepted && <Tag color="purple">{t('handover.blocking.excepted')}</Tag>}
                    </span>
                  ))}
                  {c.exceptions.map((e) => (
                    <Typography.Text key={`${e.at}|${e.byName}`} type="warning">
                      {t('handover.blocking.granted', {
                        name: e.byName,
                        time: at(e.at),
                        reason: e.reason,
                      })}
                    </Typography.Text>
                  ))}
                </Flex>
              ),
            },
            {
              key: 'patrols',
              label: t('handover.patrols.title'),
              children: <ShiftPatrolsList patrols={handover.patrols} timeZone={timeZone} />,
            },
            {
              key: 'nonconformances',
              label: t('handover.nonconformances.title', {
                count: handover.nonconformances.length,
              }),
              children: <NonconformanceList handover={handover} timeZone={timeZone} />,
            },
            {
              key: 'count',
              label: (
                <>
                  {t('handover.count.title')} <Tag>HO-IN-2</Tag>
                </>
              ),
              children:
                c.countedAt === null ? (
                  t('handover.count.notYet')
                ) : (
                  <Flex vertical gap={4}>
                    <span>
                      {t('handover.count.countedAt', {
                        time: at(c.countedAt),
                        version: c.inventoryVersion ?? 0,
                      })}
                    </span>
                    {c.discrepancies.length === 0 && t('handover.count.allOk')}
                    {c.discrepancies.map((d) => (
                      <span key={d.itemId}>
                        {t('handover.count.discrepancy', {
                          name: d.name,
                          expected: d.expected,
                          counted: d.counted,
                        })}
                        {d.condition === 'damaged' && (
                          <Tag color="orange">{t('handover.count.conditions.damaged')}</Tag>
                        )}
                        {d.note !== null && ` (${d.note})`}
                        <br />
                        {d.explanation === null ? (
                          <Tag color="red">{t('handover.explain.pending')}</Tag>
                        ) : (
                          <>
                            <Tag color="green">{t('handover.explain.label')}</Tag>
                            {d.explanation}
                          </>
                        )}
                      </span>
                    ))}
                  </Flex>
                ),
            },
            {
              key: 'read',
              label: (
                <>
                  {t('handover.readLog.title')} <Tag>HO-IN-3</Tag>
                </>
              ),
              children: t('handover.readLog.progress', {
                read: handover.logEntries.filter((e) => read.has(e.id)).length,
                total: handover.logEntries.length,
              }),
            },
            {
              key: 'followUps',
              label: (
                <>
                  {t('handover.followUps.title')} <Tag>HO-IN-3</Tag>
                </>
              ),
              children: when(c.followUpsAcceptedAt),
            },
            {
              key: 'area',
              label: (
                <>
                  {t('handover.area.title')} <Tag>HO-IN-4</Tag>
                </>
              ),
              children:
                c.areaCheckedAt === null ? (
                  t('handover.area.notYet')
                ) : (
                  <Flex vertical gap={4}>
                    <span>{t('handover.area.checkedAt', { time: at(c.areaCheckedAt) })}</span>
                    {c.anomalies.length === 0 && t('handover.area.noneFound')}
                    {c.anomalies.map((a) => (
                      <span key={a.id}>
                        {a.text}
                        <br />
                        {a.explanation === null ? (
                          <Tag color="red">{t('handover.explain.pending')}</Tag>
                        ) : (
                          <>
                            <Tag color="green">{t('handover.explain.label')}</Tag>
                            {a.explanation}
                          </>
                        )}
                      </span>
                    ))}
                  </Flex>
                ),
            },
          ]}
        />
      </Card>

      <Card size="small" title={t('handover.record.steps')}>
        <Table
          size="small"
          rowKey="seq"
          pagination={false}
          dataSource={handover.steps}
          columns={[
            {
              key: 'time',
              title: t('handover.record.time'),
              render: (_: unknown, s: Handover['steps'][number]) => at(s.at),
            },
            {
              key: 'who',
              title: t('handover.record.who'),
              render: (_: unknown, s: Handover['steps'][number]) => s.actorName ?? '—',
            },
            {
              key: 'what',
              title: t('handover.record.what'),
              render: (_: unknown, s: Handover['steps'][number]) => stepText(t, s, handover),
            },
          ]}
        />
      </Card>

      <Card size="small" title={t('handover.record.signatures')}>
        <Descriptions
          size="small"
          bordered
          column={1}
          items={(['outgoing', 'incoming'] as const).map((side) => {
            const signature = handover.signatures[side];
            return {
              key: side,
              label: t(`handover.sign.${side}`),
              children:
                signature === null ? (
                  t('handover.sign.notYet')
                ) : (
                  <Flex vertical gap={2}>
                    <span>
                      {t('handover.sign.signedAt', {
                        name: signature.displayName,
                        time: at(signature.at),
                      })}
                    </span>
                    <span className="record-hash">
                      {t('handover.sign.hash')} sha-256: {signature.hash}
                    </span>
                  </Flex>
                ),
            };
          })}
        />
      </Card>
      {verification !== null && (
        <VerificationCard verification={verification} handover={handover} />
      )}
      <Typography.Text type="secondary" style={{ fontSize: 11 }}>
        {officeId}/{handover.id}
      </Typography.Text>
    </Flex>
  );
}

/**
 * 交接班记录 of one handover, printable (打印/导出PDF through the browser's print dialog, the
 * app's frame hidden by print CSS), with the hash verification of its signatures.
 */
export function HandoverRecordPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const { office } = useOffices();
  const { handoverId = '' } = useParams();
  const officeId = office?.id ?? null;
  const load = useLoad(
    async () => {
      if (officeId === null) return null;
      const [handover, verification] = await Promise.all([
        getHandover(officeId, handoverId),
        verifyHandover(officeId, handoverId),
      ]);
      return { handover, verification };
    },
    `${officeId ?? ''}|${handoverId}`,
  );
  useOfficeEvents(officeId, ['handovers'], load.reload);

  if (office === undefined || officeId === null)
    return <Empty description={t('handover.noOffice')} />;
  return (
    <div className="handover-record" style={{ maxWidth: 960 }}>
      <PrintToolbar
        backLabel={t('handover.record.back')}
        onBack={() => void navigate(handoverRecordsPath)}
        printLabel={t('handover.record.print')}
      >
        {load.state.status === 'ready' && load.state.value?.handover.status !== 'sealed' && (
          <Link to={handoverWorkPath(handoverId)}>
            <Button>{t('handover.record.work')}</Button>
          </Link>
        )}
      </PrintToolbar>
      {load.state.status === 'loading' && <Spin />}
      {load.state.status === 'failed' && (
        <Alert type="error" showIcon title={errorText(load.state.error)} />
      )}
      {load.state.status === 'ready' && load.state.value !== null && (
        <HandoverRecord
          officeId={officeId}
          officeName={office.name}
          timeZone={office.timeZone}
          handover={load.state.value.handover}
          verification={load.state.value.verification}
        />
      )}
    </div>
  );
}
