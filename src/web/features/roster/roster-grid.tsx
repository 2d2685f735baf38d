import { useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { Dropdown, Tooltip } from 'antd';
import type { MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RosterMonth } from '../../api/rosters.api.ts';
import {
  coverDifferences,
  headCounts,
  hoursOf,
  indexViolations,
  nextShiftCode,
  shiftColour,
  shiftOfKey,
} from './roster-month.ts';
import { useRosterTexts } from './roster-texts.ts';
import './roster.css';

const offKey = '__off__';

export type GridEdit = { userId: string; date: string; shiftCode: string | null };

type Position = { row: number; day: number };

/**
 * The month grid 《值班安排表》: people × days, shift codes coloured by shift, weekends and
 * holidays marked, totals per person and head counts per day and shift. When `onEdit` is given
 * (the supervisor's draft) a click or Enter opens a shift picker, letters set a shift, Delete,
 * Backspace or 0 a day off, arrows move; every cell that breaks a hard rule is outlined with
 * the rule named (ROSTER-1).
 */
export function RosterGrid({
  month,
  onEdit,
  busy = false,
  showViolations = onEdit !== undefined,
  caption,
}: {
  month: RosterMonth;
  onEdit?: ((edit: GridEdit) => void) | undefined;
  busy?: boolean;
  /** outline the cells breaking a hard rule; by default while editing the draft */
  showViolations?: boolean;
  caption?: ReactNode;
}) {
  const { t } = useTranslation();
  const texts = useRosterTexts();
  const tableRef = useRef<HTMLTableElement>(null);
  const [active, setActive] = useState<Position | null>(null);
  const [pickerOpen, setPickerOpen] = useState(false);
  const editable = onEdit !== undefined;
  const { rows, days, shifts } = month;

  const violations = useMemo(
    () => indexViolations(showViolations ? (month.check?.hardViolations ?? []) : []),
    [month.check, showViolations],
  );
  const counts = useMemo(() => headCounts(month), [month]);
  const cover = useMemo(() => coverDifferences(month.check), [month.check]);
  const weekdayNames = t('roster.grid.weekdays').split(',');

  const focusCell = (position: Position) => {
    setActive(position);
    tableRef.current
      ?.querySelector<HTMLElement>(`[data-row="${position.row}"][data-day="${position.day}"]`)
      ?.focus();
  };

  const edit = (position: Position, shiftCode: string | null) => {
    const row = rows[position.row];
    const day = days[position.day];
    if (onEdit === undefined || row === undefined || day === undefined || busy) return;
    if ((row.cells[position.day] ?? null) === shiftCode) return;
    onEdit({ userId: row.userId, date: day.date, shiftCode });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableCellElement>, position: Position) => {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const move = moves[event.key];
    if (move !== undefined) {
      event.preventDefault();
      setPickerOpen(false);
      focusCell({
        row: Math.min(rows.length - 1, Math.max(0, position.row + move[0])),
        day: Math.min(days.length - 1, Math.max(0, position.day + move[1])),
      });
      return;
    }
    if (!editable) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      setActive(position);
      setPickerOpen((open) => !open);
    } else if (event.key === ' ') {
      // Space cycles off → first shift → … → off
      event.preventDefault();
      setPickerOpen(false);
      edit(position, nextShiftCode(shifts, rows[position.row]?.cells[position.day] ?? null));
    } else if (event.key === 'Escape') {
      setPickerOpen(false);
    } else if (event.key === 'Delete' || event.key === 'Backspace' || event.key === '0') {
      event.preventDefault();
      setPickerOpen(false);
      edit(position, null);
    } else if (!event.ctrlKey && !event.metaKey && !event.altKey) {
      const code = shiftOfKey(shifts, event.key);
      if (code !== undefined) {
        event.preventDefault();
        setPickerOpen(false);
        edit(position, code);
      }
    }
  };

  const pickerItems: MenuProps['items'] = [
    ...shifts.map((shift) => ({
      key: shift.code,
      label: (
        <span>
          <span className="roster-swatch" style={{ background: shiftColour(shifts, shift.code) }}>
            {shift.code}
          </span>{' '}
          {shift.name} {shift.startTime}–{shift.endTime}
        </span>
      ),
    })),
    { key: offKey, label: t('roster.grid.setOff') },
  ];

  const rowTotalsHeaders = [
    t('roster.totals.shifts'),
    t('roster.totals.hours'),
    t('roster.totals.evenings'),
    t('roster.totals.weekends'),
    t('roster.totals.holidays'),
  ];

  return (
    <div className="roster-grid-wrap">
      <table
        ref={tableRef}
        className={`roster-grid${busy ? ' is-busy' : ''}`}
        role="grid"
        aria-readonly={!editable}
        aria-busy={busy}
        aria-label={t('roster.grid.label', { month: texts.month(month.month) })}
      >
        {caption !== undefined && <caption className="roster-caption">{caption}</caption>}
        <thead>
          <tr>
            <th scope="col" className="roster-name">
              {t('roster.grid.person')}
            </th>
            {days.map((day) => (
              <th
                key={day.date}
                scope="col"
                className={`roster-day is-${day.kind}`}
                title={day.holidayName ?? undefined}
                aria-label={texts.date(day.date)}
              >
                <div>{Number(day.date.slice(8, 10))}</div>
                <div className="roster-weekday">
                  {day.kind === 'holiday'
                    ? t('roster.grid.holidayMark')
                    : day.kind === 'adjusted-workday'
                      ? t('roster.grid.adjustedMark')
                      : weekdayNames[day.weekday]}
                </div>
              </th>
            ))}
            {rowTotalsHeaders.map((header) => (
              <th key={header} scope="col" className="roster-total">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, rowIndex) => {
            const rowViolations = violations.ofRow(row.userId);
            return (
              <tr key={row.userId}>
                <th
                  scope="row"
                  className={`roster-name${rowViolations.length > 0 ? ' has-violation' : ''}`}
                >
                  {row.displayName}
                </th>
                {days.map((day, dayIndex) => {
                  const code = row.cells[dayIndex] ?? null;
                  const pinned = row.pinned[dayIndex] === true;
                  const broken = violations.ofCell(row.userId, day.date);
                  const isActive = active?.row === rowIndex && active.day === dayIndex;
                  const firstCell = active === null && rowIndex === 0 && dayIndex === 0;
                  const shiftName = shifts.find((shift) => shift.code === code)?.name;
                  const ruleText = broken.map((v) => texts.ruleName(v.rule)).join('；');
                  let content: ReactNode = <span className="roster-code">{code ?? ''}</span>;
                  if (broken.length > 0) {
                    content = (
                      <Tooltip title={t('roster.grid.breaks', { rules: ruleText })}>
                        {content}
                      </Tooltip>
                    );
                  }
                  if (editable) {
                    // every editable cell carries its picker, so the click that opens it is
                    // the picker's own (a picker mounted by that click would close at once)
                    content = (
                      <Dropdown
                        open={pickerOpen && isActive}
                        onOpenChange={(open) => {
                          if (open) setActive({ row: rowIndex, day: dayIndex });
                          setPickerOpen(open);
                        }}
                        trigger={['click']}
                        menu={{
                          items: pickerItems,
                          selectable: true,
                          selectedKeys: [code ?? offKey],
                          onClick: ({ key }) => {
                            setPickerOpen(false);
                            edit({ row: rowIndex, day: dayIndex }, key === offKey ? null : key);
                          },
                        }}
                      >
                        {content}
                      </Dropdown>
                    );
                  }
                  const label = [
                    t('roster.grid.cellLabel', {
                      name: row.displayName,
                      date: texts.date(day.date),
                    }),
                    shiftName ?? t('roster.grid.off'),
                    pinned ? t('roster.grid.pinned') : '',
                    broken.length > 0 ? t('roster.grid.breaks', { rules: ruleText }) : '',
                  ]
                    .filter((part) => part !== '')
                    .join('，');
                  return (
                    <td
                      key={day.date}
                      role="gridcell"
                      data-row={rowIndex}
                      data-day={dayIndex}
                      data-date={day.date}
                      data-user={row.userId}
                      tabIndex={isActive || firstCell ? 0 : -1}
                      aria-label={label}
                      aria-selected={isActive}
                      className={[
                        'roster-cell',
                        `is-${day.kind}`,
                        broken.length > 0 ? 'has-violation' : '',
                        editable ? 'is-editable' : '',
                      ]
                        .filter((name) => name !== '')
                        .join(' ')}
                      style={{ background: code === null ? undefined : shiftColour(shifts, code) }}
                      onFocus={() => {
                        if (!isActive) setActive({ row: rowIndex, day: dayIndex });
                      }}
                      onClick={() => {
                        setActive({ row: rowIndex, day: dayIndex });
                      }}
                      onKeyDown={(event) => {
                        onKeyDown(event, { row: rowIndex, day: dayIndex });
                      }}
                    >
                      {content}
                      {pinned && (
                        <span className="roster-pin" aria-hidden>
                          •
                        </span>
                      )}
                    </td>
                  );
                })}
                <td className="roster-total">{row.totals.shifts}</td>
                <td className="roster-total">{hoursOf(row.totals.minutes)}</td>
                <td className="roster-total">{row.totals.evenings}</td>
                <td className="roster-total">{row.totals.weekends}</td>
                <td className="roster-total">{row.totals.holidays}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          {shifts.map((shift, shiftIndex) => (
            <tr key={shift.code}>
              <th scope="row" className="roster-name roster-count-name">
                {t('roster.grid.headCount', { shift: shift.name })}
              </th>
              {days.map((day, dayIndex) => {
                const difference = cover.get(`${day.date}|${shift.code}`) ?? 0;
                const count = counts[shiftIndex]?.[dayIndex] ?? 0;
                return (
                  <td
                    key={day.date}
                    className={`roster-count${difference < 0 ? ' is-short' : difference > 0 ? ' is-over' : ''}`}
                    title={
                      difference < 0
                        ? t('roster.grid.short', { count: -difference })
                        : difference > 0
                          ? t('roster.grid.over', { count: difference })
                          : undefined
                    }
                  >
                    {count}
                  </td>
                );
              })}
              <td className="roster-total" colSpan={5} />
            </tr>
          ))}
        </tfoot>
      </table>
    </div>
  );
}

/** The shifts with their colours and times, and what the marks mean. */
export function RosterLegend({ month }: { month: RosterMonth }) {
  const { t } = useTranslation();
  return (
    <div className="roster-legend" aria-label={t('roster.grid.legend')}>
      {month.shifts.map((shift) => (
        <span key={shift.code} className="roster-legend-item">
          <span
            className="roster-swatch"
            style={{ background: shiftColour(month.shifts, shift.code) }}
          >
            {shift.code}
          </span>
          {shift.name} {shift.startTime}–{shift.endTime}
        </span>
      ))}
      <span className="roster-legend-item">
        <span className="roster-swatch is-off" />
        {t('roster.grid.off')}
      </span>
      <span className="roster-legend-item">
        <span className="roster-swatch is-holiday">{t('roster.grid.holidayMark')}</span>
        {t('roster.grid.holiday')}
      </span>
      <span className="roster-legend-item">
        <span className="roster-swatch is-adjusted-workday">{t('roster.grid.adjustedMark')}</span>
        {t('roster.grid.adjustedWorkday')}
      </span>
    </div>
  );
}
