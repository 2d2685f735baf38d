import { Alert, Card, Collapse, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PersonTotals, RosterMonth, RosterViolation } from '../../api/rosters.api.ts';
import { hoursOf } from './roster-month.ts';
import { useRosterTexts } from './roster-texts.ts';

const totalKeys = ['shifts', 'minutes', 'evenings', 'weekends', 'holidays'] as const;

/** "张伟：连续上班天数超过上限（12月1日–12月7日）" — who, which rule, which days. */
export function useViolationText(month: RosterMonth): (violation: RosterViolation) => string {
  const { t } = useTranslation();
  const texts = useRosterTexts();
  const names = new Map(month.rows.map((row) => [row.userId, row.displayName]));
  return (violation) => {
    const rule = texts.ruleName(violation.rule);
    const name =
      violation.userId === null
        ? t('roster.explain.wholeRoster')
        : (names.get(violation.userId) ?? violation.userId);
    return violation.dates.length === 0
      ? t('roster.explain.violation', { name, rule })
      : t('roster.explain.violationOn', { name, rule, dates: texts.dates(violation.dates) });
  };
}

/** The rules the draft breaks, named in the user's language, at the top of the grid. */
export function ViolationsAlert({ month }: { month: RosterMonth }) {
  const { t } = useTranslation();
  const violationText = useViolationText(month);
  const violations = month.check?.hardViolations ?? [];
  if (violations.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={t('roster.explain.violationsTitle', { count: violations.length })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {violations.map((violation, index) => (
            <li key={index}>{violationText(violation)}</li>
          ))}
        </ul>
      }
    />
  );
}

function totalValue(totals: PersonTotals, key: (typeof totalKeys)[number]): number {
  return key === 'minutes' ? hoursOf(totals[key]) : totals[key];
}

/**
 * Why the roster is as it is (ROSTER-1): shifts short of people, wishes not met, and each
 * person's shifts, hours, evenings, weekends and holidays against the office average.
 */
export function RosterExplanation({ month }: { month: RosterMonth }) {
  const { t } = useTranslation();
  const texts = useRosterTexts();
  const check = month.check;
  if (check === null || month.rows.length === 0) return null;
  const names = new Map(month.rows.map((row) => [row.userId, row.displayName]));
  const shiftName = (code: string | null) =>
    month.shifts.find((shift) => shift.code === code)?.name ?? code ?? '';
  const short = check.cover.filter((entry) => entry.assigned < entry.required);
  const over = check.cover.filter((entry) => entry.assigned > entry.required);
  const averages = check.averages;

  type TotalsRow = { key: string; name: string; totals: PersonTotals; isAverage: boolean };
  const tableRows: TotalsRow[] = [
    ...month.rows.map((row) => ({
      key: row.userId,
      name: row.displayName,
      totals: row.totals,
      isAverage: false,
    })),
    { key: 'average', name: t('roster.explain.average'), totals: averages, isAverage: true },
  ];

  return (
    <Card
      size="small"
      title={t('roster.explain.title')}
      extra={
        <Typography.Text type="secondary">
          {t('roster.explain.objective', { objective: check.objective })}
        </Typography.Text>
      }
    >
      <Collapse
        defaultActiveKey={['totals', 'cover', 'wishes']}
        ghost
        items={[
          {
            key: 'cover',
            label: t('roster.explain.coverTitle', { count: short.length }),
            children:
              short.length === 0 && over.length === 0 ? (
                <Typography.Text type="success">{t('roster.explain.allCovered')}</Typography.Text>
              ) : (
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {short.map((entry) => (
                    <li key={`${entry.date}|${entry.shiftCode}`}>
                      {t('roster.explain.short', {
                        date: texts.date(entry.date),
                        shift: shiftName(entry.shiftCode),
                        required: entry.required,
                        assigned: entry.assigned,
                      })}
                    </li>
                  ))}
                  {over.map((entry) => (
                    <li key={`${entry.date}|${entry.shiftCode}`}>
                      {t('roster.explain.over', {
                        date: texts.date(entry.date),
                        shift: shiftName(entry.shiftCode),
                        required: entry.required,
                        assigned: entry.assigned,
                      })}
                    </li>
                  ))}
                </ul>
              ),
          },
          {
            key: 'wishes',
            label: t('roster.explain.wishesTitle', { count: check.brokenWishes.length }),
            children:
              check.brokenWishes.length === 0 ? (
                <Typography.Text type="success">{t('roster.explain.allWishesMet')}</Typography.Text>
              ) : (
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {check.brokenWishes.map((wish, index) => (
                    <li key={index}>
                      {wish.kind === 'wish-off'
                        ? t('roster.explain.wishOff', {
                            name: names.get(wish.userId) ?? wish.userId,
                            date: texts.date(wish.date),
                          })
                        : t('roster.explain.wishShift', {
                            name: names.get(wish.userId) ?? wish.userId,
                            date: texts.date(wish.date),
                            shift: shiftName(wish.shiftCode),
                          })}
                    </li>
                  ))}
                </ul>
              ),
          },
          {
            key: 'totals',
            label: t('roster.explain.totalsTitle'),
            children: (
              <Flex vertical gap={8}>
                <Typography.Text type="secondary">{t('roster.explain.totalsHint')}</Typography.Text>
                <Table<TotalsRow>
                  size="small"
                  pagination={false}
                  scroll={{ x: true }}
                  dataSource={tableRows}
                  rowKey="key"
                  columns={[
                    {
                      key: 'name',
                      title: t('roster.grid.person'),
                      render: (_, row) =>
                        row.isAverage ? (
                          <Typography.Text strong>{row.name}</Typography.Text>
                        ) : (
                          row.name
                        ),
                    },
                    ...totalKeys.map((key) => ({
                      key,
                      title: t(`roster.totals.${key === 'minutes' ? 'hours' : key}`),
                      align: 'right' as const,
                      render: (_: unknown, row: TotalsRow) => {
                        const value = totalValue(row.totals, key);
                        if (row.isAverage) return <Typography.Text strong>{value}</Typography.Text>;
                        const average = totalValue(averages, key);
                        const difference = Math.round((value - average) * 10) / 10;
                        return (
                          <Flex gap={6} justify="flex-end" align="center">
                            <span>{value}</span>
                            {difference !== 0 && (
                              <Tag
                                color={Math.abs(difference) >= 2 ? 'orange' : 'default'}
                                style={{ marginInlineEnd: 0 }}
                              >
                                {difference > 0 ? `+${String(difference)}` : String(difference)}
                              </Tag>
                            )}
                          </Flex>
                        );
                      },
                    })),
                  ]}
                />
              </Flex>
            ),
          },
        ]}
      />
    </Card>
  );
}
