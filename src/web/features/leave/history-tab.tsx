import { useState } from 'react';
import { Alert, Card, DatePicker, Empty, Flex, List, Select, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { RosterMonthView } from '../../api/duties.api.ts';
import { listLeaveRequests, listSwapRequests } from '../../api/leave.api.ts';
import { getPersonRosterMonth, listRosterVersions } from '../../api/rosters.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { useRosterTexts } from '../roster/roster-texts.ts';
import { peopleOf, useLoad } from './leave-data.ts';
import { statusColours, type LeaveTexts } from './leave-texts.ts';
import { RequestList } from './my-leave-tab.tsx';

const versionKinds = ['publish', 'leave', 'swap', 'emergency'] as const;

/**
 * 记录: per person and month, every leave request and swap with its decision, and the roster
 * versions they made (ROSTER-2: each change a version with who and why).
 */
export function HistoryTab({
  officeId,
  texts,
  rosters,
  initialMonth,
  timeZone,
  refresh,
}: {
  officeId: string;
  texts: LeaveTexts;
  rosters: Map<string, RosterMonthView>;
  initialMonth: string;
  timeZone: string;
  refresh: number;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const rosterTexts = useRosterTexts();
  const [month, setMonth] = useState(initialMonth);
  const [userId, setUserId] = useState<string | undefined>(undefined);
  const key = `${officeId}|${month}|${userId ?? ''}|${String(refresh)}`;
  const requests = useLoad(
    () => listLeaveRequests(officeId, { month, ...(userId === undefined ? {} : { userId }) }),
    key,
  );
  const swaps = useLoad(() => listSwapRequests(officeId), key);
  const versions = useLoad(async () => (await listRosterVersions(officeId, month)).versions, key);
  // planned (first published) against actual duties, for the person chosen
  const personMonth = useLoad(
    () =>
      userId === undefined
        ? Promise.resolve(null)
        : getPersonRosterMonth(officeId, month, userId).catch(() => null),
    key,
  );
  const monthSwaps =
    swaps.state.status === 'ready'
      ? swaps.state.value.filter(
          (swap) =>
            (swap.give.date.startsWith(month) || (swap.take?.date.startsWith(month) ?? false)) &&
            (userId === undefined || swap.proposerId === userId || swap.counterpartId === userId),
        )
      : [];
  const kindName = (kind: string) =>
    (versionKinds as readonly string[]).includes(kind)
      ? t(`leave.history.versionKinds.${kind as (typeof versionKinds)[number]}`)
      : kind;

  return (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap>
        <DatePicker
          picker="month"
          aria-label={t('leave.history.month')}
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(value) => {
            if (value !== null) setMonth(value.format('YYYY-MM'));
          }}
        />
        <Select
          aria-label={t('leave.history.person')}
          style={{ minWidth: 160 }}
          allowClear
          placeholder={t('leave.history.everyone')}
          value={userId}
          onChange={(value: string | undefined) => {
            setUserId(value);
          }}
          options={peopleOf(rosters.values()).map((person) => ({
            value: person.userId,
            label: person.name,
          }))}
        />
      </Flex>
      <Card title={t('leave.history.requests')}>
        <RequestList load={requests.state} texts={texts} showRequester />
      </Card>
      <Card title={t('leave.history.swaps')}>
        {monthSwaps.length === 0 ? (
          <Empty description={t('leave.history.none')} />
        ) : (
          <List
            dataSource={monthSwaps}
            rowKey="id"
            renderItem={(swap) => (
              <List.Item>
                <Flex gap={8} wrap align="center">
                  <Tag color={statusColours[swap.status]}>{t(`leave.status.${swap.status}`)}</Tag>
                  <Typography.Text>
                    {swap.take
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
                        })}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
      {personMonth.state.status === 'ready' && personMonth.state.value !== null && (
        <Card
          title={t('leave.history.plannedActual', { name: personMonth.state.value.displayName })}
        >
          <Flex vertical gap={8}>
            <Typography.Text>
              {t('leave.history.plannedCount', {
                planned: personMonth.state.value.planned.filter((c) => c !== null).length,
                actual: personMonth.state.value.actual.filter((c) => c !== null).length,
              })}
            </Typography.Text>
            {personMonth.state.value.changes.length === 0 ? (
              <Typography.Text type="secondary">{t('leave.history.asPlanned')}</Typography.Text>
            ) : (
              <List
                aria-label={t('leave.history.plannedActual', {
                  name: personMonth.state.value.displayName,
                })}
                dataSource={personMonth.state.value.changes}
                rowKey="version"
                renderItem={(change) => {
                  const view =
                    personMonth.state.status === 'ready' ? personMonth.state.value : null;
                  const dayOf = (date: string) => view?.dates.indexOf(date) ?? -1;
                  return (
                    <List.Item>
                      <Flex vertical>
                        <Typography.Text>
                          {t('leave.history.versionLine', {
                            version: change.version,
                            kind: kindName(change.kind),
                            by: change.createdByName,
                            at: rosterTexts.instant(change.createdAt, timeZone),
                          })}
                        </Typography.Text>
                        {change.dates.map((date) => (
                          <Typography.Text key={date} type="secondary">
                            {t('leave.history.changedDay', {
                              date: rosterTexts.date(date),
                              planned: view?.planned[dayOf(date)] ?? t('leave.history.off'),
                              actual: view?.actual[dayOf(date)] ?? t('leave.history.off'),
                            })}
                          </Typography.Text>
                        ))}
                      </Flex>
                    </List.Item>
                  );
                }}
              />
            )}
          </Flex>
        </Card>
      )}
      <Card title={t('leave.history.versions')}>
        {versions.state.status === 'loading' && <Spin />}
        {versions.state.status === 'failed' && (
          <Alert type="error" showIcon title={errorText(versions.state.error)} />
        )}
        {versions.state.status === 'ready' &&
          (versions.state.value.length === 0 ? (
            <Empty description={t('leave.history.none')} />
          ) : (
            <List
              aria-label={t('leave.history.versions')}
              dataSource={versions.state.value}
              rowKey="version"
              renderItem={(version) => (
                <List.Item>
                  <Flex vertical>
                    <Typography.Text>
                      {t('leave.history.versionLine', {
                        version: version.version,
                        kind: kindName(version.kind),
                        by: version.createdByName,
                        at: rosterTexts.instant(version.createdAt, timeZone),
                      })}
                    </Typography.Text>
                    {version.reason !== null && (
                      <Typography.Text type="secondary">{version.reason}</Typography.Text>
                    )}
                  </Flex>
                </List.Item>
              )}
            />
          ))}
      </Card>
    </Flex>
  );
}
