import { useEffect, useMemo, useState } from 'react';
import { Alert, Card, Flex, Select, Spin, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  getRosterVersion,
  listRosterVersions,
  type RosterMonth,
  type RosterVersion,
  type RosterVersionSummary,
} from '../../api/rosters.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { diffRows, shiftColour } from './roster-month.ts';
import { useRosterTexts } from './roster-texts.ts';

/** "current": the cells the page shows now (the draft, or the published roster). */
type Side = number | 'current';
type VersionRows = RosterVersion['rows'];

type Load =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'ready'; versions: RosterVersionSummary[] };

/**
 * Every published version of the month with who, when and why (ROSTER-2), and a comparison
 * of any two of them (or one with the cells shown now), the changed cells highlighted.
 */
export function VersionsPanel({ officeId, month }: { officeId: string; month: RosterMonth }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const texts = useRosterTexts();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [from, setFrom] = useState<Side | null>(null);
  const [to, setTo] = useState<Side>('current');
  const [loaded, setLoaded] = useState<Map<number, VersionRows>>(new Map());
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    let cancelled = false;
    listRosterVersions(officeId, month.month).then(
      ({ versions }) => {
        if (!cancelled) setLoad({ status: 'ready', versions });
      },
      (error: unknown) => {
        if (!cancelled) setLoad({ status: 'failed', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [officeId, month.month, month.publishedVersion]);

  const versions = load.status === 'ready' ? load.versions : [];
  const fromSide: Side | null = from ?? versions.at(-1)?.version ?? null;

  useEffect(() => {
    let cancelled = false;
    for (const side of [fromSide, to]) {
      if (typeof side !== 'number' || loaded.has(side)) continue;
      getRosterVersion(officeId, month.month, side).then(
        (version) => {
          if (!cancelled) setLoaded((current) => new Map(current).set(side, version.rows));
        },
        (error: unknown) => {
          if (!cancelled) setFailure(error);
        },
      );
    }
    return () => {
      cancelled = true;
    };
  }, [officeId, month.month, fromSide, to, loaded]);

  const rowsOf = (side: Side | null): VersionRows | undefined =>
    side === null ? undefined : side === 'current' ? month.rows : loaded.get(side);
  const before = rowsOf(fromSide);
  const after = rowsOf(to);
  const differences = useMemo(
    () => (before === undefined || after === undefined ? [] : diffRows(before, after)),
    [before, after],
  );

  if (load.status === 'loading') return <Spin description={t('app.loading')} />;
  if (load.status === 'failed') {
    return <Alert type="error" showIcon title={errorText(load.error)} />;
  }
  if (versions.length === 0) {
    return <Typography.Text type="secondary">{t('roster.versions.none')}</Typography.Text>;
  }

  const sideOptions = [
    ...versions.map((version) => ({
      value: version.version,
      label: t('roster.versions.version', { version: version.version }),
    })),
    { value: 'current' as const, label: t('roster.versions.current') },
  ];
  const changed = new Set(differences.map((d) => `${d.userId}|${String(d.day)}`));

  return (
    <Flex vertical gap={16}>
      <Table<RosterVersionSummary>
        size="small"
        pagination={false}
        rowKey="version"
        scroll={{ x: true }}
        dataSource={versions}
        columns={[
          {
            key: 'version',
            title: t('roster.versions.versionColumn'),
            render: (_, v) => t('roster.versions.version', { version: v.version }),
          },
          {
            key: 'kind',
            title: t('roster.versions.kind'),
            render: (_, v) =>
              v.kind === 'publish'
                ? t('roster.versions.kindPublish')
                : t('roster.versions.kindChange'),
          },
          {
            key: 'at',
            title: t('roster.versions.at'),
            render: (_, v) => texts.instant(v.createdAt, month.timeZone),
          },
          { key: 'by', title: t('roster.versions.by'), dataIndex: 'createdByName' },
          {
            key: 'reason',
            title: t('roster.versions.reason'),
            render: (_, v) => (
              <Flex gap={4} wrap>
                {v.late && <Tag color="red">{t('roster.status.late')}</Tag>}
                {v.reason ?? '—'}
              </Flex>
            ),
          },
        ]}
      />
      <Card size="small" title={t('roster.versions.compareTitle')}>
        <Flex vertical gap={12}>
          <Flex gap={8} align="center" wrap>
            <Select<Side>
              aria-label={t('roster.versions.compareFrom')}
              value={fromSide ?? undefined}
              onChange={setFrom}
              options={sideOptions}
              style={{ width: 140 }}
            />
            <span>→</span>
            <Select<Side>
              aria-label={t('roster.versions.compareTo')}
              value={to}
              onChange={setTo}
              options={sideOptions}
              style={{ width: 140 }}
            />
            <Typography.Text type={differences.length > 0 ? 'warning' : 'secondary'}>
              {before === undefined || after === undefined
                ? t('app.loading')
                : t('roster.versions.changes', { count: differences.length })}
            </Typography.Text>
          </Flex>
          {failure !== null && <Alert type="error" showIcon title={errorText(failure)} />}
          {after !== undefined && before !== undefined && (
            <div className="roster-grid-wrap">
              <table className="roster-grid" aria-label={t('roster.versions.compareTitle')}>
                <thead>
                  <tr>
                    <th scope="col" className="roster-name">
                      {t('roster.grid.person')}
                    </th>
                    {month.days.map((day) => (
                      <th key={day.date} scope="col" className={`roster-day is-${day.kind}`}>
                        {Number(day.date.slice(8, 10))}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {after.map((row) => {
                    const old = before.find((candidate) => candidate.userId === row.userId);
                    return (
                      <tr key={row.userId}>
                        <th scope="row" className="roster-name">
                          {row.displayName}
                        </th>
                        {month.days.map((day, index) => {
                          const code = row.cells[index] ?? null;
                          const isChanged = changed.has(`${row.userId}|${String(index)}`);
                          const was = old?.cells[index] ?? null;
                          return (
                            <td
                              key={day.date}
                              className={`roster-cell is-${day.kind}${isChanged ? ' roster-changed' : ''}`}
                              style={{
                                background:
                                  code === null ? undefined : shiftColour(month.shifts, code),
                              }}
                              title={
                                isChanged
                                  ? t('roster.versions.cellChanged', {
                                      before: was ?? t('roster.grid.off'),
                                      after: code ?? t('roster.grid.off'),
                                    })
                                  : undefined
                              }
                            >
                              {code ?? ''}
                            </td>
                          );
                        })}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </Flex>
      </Card>
    </Flex>
  );
}
