import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Flex, Input, Modal, Radio, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-client.ts';
import {
  saveMyWishes,
  type RosterDay,
  type RosterMonthView,
  type RosterShift,
  type WishInput,
  type WishKind,
  type WishList,
} from '../../api/duties.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { weekdayKeys } from '../duties/duty-calendar.tsx';
import { monthWeeks } from '../duties/duty-schedule.ts';
import { useDateLabels } from '../duties/use-date-labels.ts';
import {
  marksOf,
  refusedDatesOf,
  sameMarks,
  wishColors,
  wishInputsOf,
  wishKinds,
  type DayMark,
} from './wish-marks.ts';

type EditorProps = {
  officeId: string;
  month: string;
  roster: RosterMonthView;
  wishList: WishList;
  readOnly: boolean;
  onSaved: (wishes: WishList) => void;
  /** the server says the wishes closed meanwhile: reload to show it */
  onClosed: () => void;
};

/** The text of a mark: 不能上班, 希望休息 or 希望上早班. */
export function useMarkLabel(shifts: readonly RosterShift[]) {
  const { t } = useTranslation();
  return (mark: { kind: WishKind; shiftCode?: string | null }) => {
    if (mark.kind !== 'wish-shift') return t(`wishes.kinds.${mark.kind}`);
    const shift = shifts.find((candidate) => candidate.code === mark.shiftCode);
    return t('wishes.wishShiftLabel', { shift: shift?.name ?? mark.shiftCode ?? '' });
  };
}

/**
 * A staff member's wishes for the month on a Monday-first calendar; each day is a button that
 * opens a small dialog (keyboard: Tab to the day, Enter). The whole list is saved at once.
 */
export function WishesEditor({
  officeId,
  month,
  roster,
  wishList,
  readOnly,
  onSaved,
  onClosed,
}: EditorProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const labels = useDateLabels();
  const markLabel = useMarkLabel(roster.shifts);
  const saved = useMemo(() => marksOf(wishList.wishes), [wishList]);
  const [marks, setMarks] = useState<Map<string, DayMark>>(() => new Map(saved));
  const [editing, setEditing] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [refused, setRefused] = useState<Map<string, string[]>>(new Map());
  const dirty = !sameMarks(saved, marks);
  const daysByDate = new Map(roster.days.map((day) => [day.date, day]));

  const closedText =
    roster.status === 'published'
      ? t('wishes.publishedMessage', { month: labels.month(month) })
      : t('wishes.closedMessage', {
          month: labels.month(month),
          date: wishList.deadlines.wishesCutoff,
        });

  const setMark = (date: string, mark: DayMark | null) => {
    setMarks((current) => {
      const next = new Map(current);
      if (mark === null) next.delete(date);
      else next.set(date, mark);
      return next;
    });
    setRefused((current) => {
      if (!current.has(date)) return current;
      const next = new Map(current);
      next.delete(date);
      return next;
    });
  };

  const save = async () => {
    const sent: WishInput[] = wishInputsOf(marks);
    setSaving(true);
    setFailure(null);
    setRefused(new Map());
    try {
      const result = await saveMyWishes(officeId, month, sent);
      void message.success(t('wishes.saved'));
      onSaved(result);
    } catch (error) {
      setFailure(error);
      if (isApiError(error)) {
        setRefused(refusedDatesOf(sent, error.details));
        if (error.code === 'RULE_VIOLATION') onClosed();
      }
    } finally {
      setSaving(false);
    }
  };

  const dayLabel = (date: string) => {
    const mark = marks.get(date);
    const base = { date: labels.date(date), weekday: labels.weekday(date) };
    return mark === undefined
      ? t('wishes.dayLabel', base)
      : t('wishes.dayLabelMarked', { ...base, mark: markLabel(mark) });
  };

  const marked = [...marks].sort(([a], [b]) => a.localeCompare(b));

  return (
    <Flex vertical gap={16}>
      {readOnly && <Alert type="warning" showIcon title={closedText} />}
      {failure !== null && (
        <Alert
          type="error"
          showIcon
          title={
            isApiError(failure) && failure.code === 'FORBIDDEN'
              ? t('wishes.notRostered')
              : errorText(failure)
          }
        />
      )}
      <Card size="small">
        {!readOnly && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {t('wishes.legend')}
          </Typography.Paragraph>
        )}
        <table
          aria-label={t('wishes.calendarLabel', { month: labels.month(month) })}
          style={{ width: '100%', tableLayout: 'fixed', borderCollapse: 'collapse' }}
        >
          <thead>
            <tr>
              {weekdayKeys.map((key) => (
                <th key={key} scope="col" style={{ fontWeight: 500, padding: 4, fontSize: 12 }}>
                  {t(`duties.weekdays.${key}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {monthWeeks(month).map((week) => (
              <tr key={week.find((date) => date !== null) ?? month}>
                {week.map((date, index) =>
                  date === null ? (
                    <td key={`blank-${String(index)}`} />
                  ) : (
                    <td key={date} style={{ padding: 2, verticalAlign: 'top' }}>
                      <DayCell
                        date={date}
                        day={daysByDate.get(date)}
                        mark={marks.get(date)}
                        markText={(mark) => markLabel(mark)}
                        label={dayLabel(date)}
                        refused={refused.has(date)}
                        readOnly={readOnly}
                        onOpen={() => {
                          setEditing(date);
                        }}
                      />
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card
        size="small"
        title={t('wishes.listTitle', { count: marked.length })}
        extra={
          !readOnly && (
            <Flex align="center" gap={8}>
              {dirty && <Tag color="warning">{t('wishes.unsaved')}</Tag>}
              <Button type="primary" loading={saving} disabled={!dirty} onClick={() => void save()}>
                {t('wishes.save')}
              </Button>
            </Flex>
          )
        }
      >
        {marked.length === 0 ? (
          <Typography.Text type="secondary">{t('wishes.listEmpty')}</Typography.Text>
        ) : (
          <ul
            aria-label={t('wishes.listTitle', { count: marked.length })}
            style={{ listStyle: 'none', margin: 0, padding: 0 }}
          >
            {marked.map(([date, mark]) => (
              <li
                key={date}
                style={{
                  display: 'flex',
                  flexWrap: 'wrap',
                  alignItems: 'center',
                  gap: 8,
                  padding: '6px 0',
                  borderBottom: '1px solid rgba(5, 5, 5, 0.06)',
                }}
              >
                <Typography.Text strong style={{ minWidth: 120 }}>
                  {labels.dateWithWeekday(date)}
                </Typography.Text>
                <Tag color={wishColors[mark.kind]}>{markLabel(mark)}</Tag>
                {mark.note !== undefined && <Typography.Text>{mark.note}</Typography.Text>}
                {(refused.get(date) ?? []).map((field) => (
                  <Typography.Text key={field} type="danger">
                    {field === 'shiftCode' ? t('wishes.refusedShift') : t('wishes.refusedDate')}
                  </Typography.Text>
                ))}
                {!readOnly && (
                  <Button
                    size="small"
                    type="link"
                    danger
                    style={{ marginInlineStart: 'auto' }}
                    aria-label={t('wishes.remove', { date: labels.date(date) })}
                    onClick={() => {
                      setMark(date, null);
                    }}
                  >
                    {t('wishes.clearDay')}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
      {editing !== null && (
        <DayDialog
          date={editing}
          shifts={roster.shifts}
          mark={marks.get(editing)}
          onApply={(mark) => {
            setMark(editing, mark);
            setEditing(null);
          }}
          onCancel={() => {
            setEditing(null);
          }}
        />
      )}
    </Flex>
  );
}

function DayCell({
  date,
  day,
  mark,
  markText,
  label,
  refused,
  readOnly,
  onOpen,
}: {
  date: string;
  day: RosterDay | undefined;
  mark: DayMark | undefined;
  markText: (mark: DayMark) => string;
  label: string;
  refused: boolean;
  readOnly: boolean;
  onOpen: () => void;
}) {
  const { t } = useTranslation();
  const offDay = day?.kind === 'holiday' || day?.kind === 'weekend';
  const content = (
    <>
      <Flex justify="space-between" align="center" gap={2}>
        <span style={{ fontWeight: 600, color: offDay ? '#cf1322' : undefined }}>
          {Number(date.slice(8))}
        </span>
        {day?.kind === 'holiday' && (
          <span title={day.holidayName ?? t('wishes.holiday')} style={{ fontSize: 10 }}>
            {t('wishes.holidayShort')}
          </span>
        )}
        {day?.kind === 'adjusted-workday' && (
          <span title={t('wishes.adjustedWorkday')} style={{ fontSize: 10 }}>
            {t('wishes.adjustedWorkdayShort')}
          </span>
        )}
      </Flex>
      {mark !== undefined && (
        <Tag
          color={wishColors[mark.kind]}
          style={{
            marginInlineEnd: 0,
            marginTop: 2,
            whiteSpace: 'normal',
            fontSize: 11,
            lineHeight: '16px',
            paddingInline: 2,
          }}
        >
          {markText(mark)}
        </Tag>
      )}
    </>
  );
  const style = {
    display: 'block',
    width: '100%',
    minHeight: 56,
    padding: 4,
    textAlign: 'start' as const,
    border: `1px solid ${refused ? '#ff4d4f' : 'rgba(5, 5, 5, 0.12)'}`,
    borderRadius: 6,
    background: offDay ? '#fafafa' : '#fff',
    font: 'inherit',
  };
  if (readOnly) {
    return (
      <div aria-label={label} role="group" style={style}>
        {content}
      </div>
    );
  }
  return (
    <button
      type="button"
      aria-label={label}
      onClick={onOpen}
      style={{ ...style, cursor: 'pointer' }}
    >
      {content}
    </button>
  );
}

/** The dialog of one day: no mark, 不能上班, 希望休息 or 希望上某班, and a note. */
function DayDialog({
  date,
  shifts,
  mark,
  onApply,
  onCancel,
}: {
  date: string;
  shifts: readonly RosterShift[];
  mark: DayMark | undefined;
  onApply: (mark: DayMark | null) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const labels = useDateLabels();
  const [kind, setKind] = useState<WishKind | 'none'>(mark?.kind ?? 'none');
  const [shiftCode, setShiftCode] = useState<string | undefined>(mark?.shiftCode);
  const [note, setNote] = useState(mark?.note ?? '');
  const [missingShift, setMissingShift] = useState(false);

  const apply = () => {
    if (kind === 'none') {
      onApply(null);
      return;
    }
    if (kind === 'wish-shift' && shiftCode === undefined) {
      setMissingShift(true);
      return;
    }
    const trimmed = note.trim();
    onApply({
      kind,
      ...(kind === 'wish-shift' && shiftCode !== undefined ? { shiftCode } : {}),
      ...(trimmed === '' ? {} : { note: trimmed }),
    });
  };

  return (
    <Modal
      open
      title={t('wishes.editTitle', { date: labels.date(date), weekday: labels.weekday(date) })}
      okText={t('wishes.apply')}
      cancelText={t('common.cancel')}
      onOk={apply}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <div>
          <Typography.Text strong id="wish-kind-label">
            {t('wishes.kind')}
          </Typography.Text>
          <Radio.Group
            aria-labelledby="wish-kind-label"
            value={kind}
            onChange={(event) => {
              setKind(event.target.value as WishKind | 'none');
              setMissingShift(false);
            }}
            style={{ display: 'flex', flexDirection: 'column', gap: 8, marginTop: 8 }}
            options={[
              { value: 'none', label: t('wishes.kinds.none') },
              ...wishKinds.map((value) => ({ value, label: t(`wishes.kinds.${value}`) })),
            ]}
          />
        </div>
        {kind === 'wish-shift' && (
          <div>
            <Typography.Text strong id="wish-shift-label">
              {t('wishes.shift')}
            </Typography.Text>
            <Radio.Group
              aria-labelledby="wish-shift-label"
              value={shiftCode}
              onChange={(event) => {
                setShiftCode(event.target.value as string);
                setMissingShift(false);
              }}
              style={{ display: 'flex', flexDirection: 'column', gap: 8, marginTop: 8 }}
              options={shifts.map((shift) => ({
                value: shift.code,
                label: `${shift.name} ${labels.shiftTime(shift)}`,
              }))}
            />
            {missingShift && (
              <Typography.Text type="danger" role="alert">
                {t('wishes.shiftRequired')}
              </Typography.Text>
            )}
          </div>
        )}
        {kind !== 'none' && (
          <div>
            <label htmlFor="wish-note">
              <Typography.Text strong>{t('wishes.note')}</Typography.Text>
            </label>
            <Input.TextArea
              id="wish-note"
              value={note}
              maxLength={200}
              autoSize={{ minRows: 2, maxRows: 4 }}
              placeholder={t('wishes.notePlaceholder')}
              onChange={(event) => {
                setNote(event.target.value);
              }}
              style={{ marginTop: 8 }}
            />
          </div>
        )}
      </Flex>
    </Modal>
  );
}
