import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, DatePicker, Flex, Spin, Tag, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Office } from '../../api/api-types.ts';
import {
  getRosterMonth,
  getWishes,
  type RosterMonthView,
  type WishList,
} from '../../api/duties.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { addMonths } from '../duties/duty-schedule.ts';
import { useDateLabels } from '../duties/use-date-labels.ts';
import { useOffices } from '../shell/office-context.tsx';
import { WishesEditor } from './wishes-editor.tsx';
import { WishesTable } from './wishes-table.tsx';

type Load =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'ready'; roster: RosterMonthView; wishes: WishList; revision: number };

/**
 * 排班意愿 (issue 4, point 2): staff mark the days of a coming month they cannot work, wish to
 * have off or wish to work a given shift, until the cut-off the supervisor set (ROSTER-1);
 * the supervisor and the director read everyone's wishes for the month.
 */
export function WishesPage() {
  const { t } = useTranslation();
  const { office, role } = useOffices();
  if (office === undefined) {
    return <Typography.Text type="secondary">{t('wishes.noOffice')}</Typography.Text>;
  }
  return <WishesView key={office.id} office={office} editsOwn={role === 'staff'} />;
}

/** The next month whose wishes are still open: next month, or the one after past its cut-off. */
async function defaultMonthOf(office: Office): Promise<string> {
  const next = addMonths(dayjs().tz(office.timeZone).format('YYYY-MM'), 1);
  try {
    const { deadlines } = await getWishes(office.id, next);
    return deadlines.wishesOpen ? next : addMonths(next, 1);
  } catch {
    return next;
  }
}

function WishesView({ office, editsOwn }: { office: Office; editsOwn: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const labels = useDateLabels();
  const [month, setMonth] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  // the answer kept with what it is for: another month or a retry shows as loading until its own
  const [answer, setAnswer] = useState<{ key: string; load: Load } | null>(null);
  const key = `${month ?? ''}/${String(attempt)}`;
  const load: Load = answer?.key === key ? answer.load : { status: 'loading' };

  useEffect(() => {
    let cancelled = false;
    void defaultMonthOf(office).then((chosen) => {
      if (!cancelled) setMonth((current) => current ?? chosen);
    });
    return () => {
      cancelled = true;
    };
  }, [office]);

  useEffect(() => {
    if (month === null) return undefined;
    let cancelled = false;
    const requested = `${month}/${String(attempt)}`;
    Promise.all([getRosterMonth(office.id, month), getWishes(office.id, month)]).then(
      ([roster, wishes]) => {
        if (!cancelled) {
          setAnswer({ key: requested, load: { status: 'ready', roster, wishes, revision: 0 } });
        }
      },
      (error: unknown) => {
        if (!cancelled) setAnswer({ key: requested, load: { status: 'failed', error } });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [office.id, month, attempt]);

  const onSaved = useCallback((wishes: WishList) => {
    setAnswer((current) =>
      current?.load.status === 'ready'
        ? {
            key: current.key,
            load: { ...current.load, wishes, revision: current.load.revision + 1 },
          }
        : current,
    );
  }, []);

  const reload = useCallback(() => {
    setAttempt((count) => count + 1);
  }, []);

  const deadlines = load.status === 'ready' ? load.wishes.deadlines : undefined;
  const published = load.status === 'ready' && load.roster.status === 'published';
  const open = deadlines?.wishesOpen === true && !published;

  return (
    <Flex vertical gap={16} style={{ maxWidth: 1100 }}>
      <div>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('wishes.title')}
        </Typography.Title>
        <Typography.Text type="secondary">
          {editsOwn
            ? t('wishes.intro')
            : t('wishes.supervisorIntro', {
                month: month === null ? '' : labels.month(month),
              })}
        </Typography.Text>
      </div>
      <Flex align="center" gap={12} wrap>
        <label htmlFor="wishes-month">{t('wishes.month')}</label>
        <Flex gap={4}>
          <Button
            icon={<LeftOutlined aria-hidden />}
            aria-label={t('duties.previousMonth')}
            disabled={month === null}
            onClick={() => {
              if (month !== null) setMonth(addMonths(month, -1));
            }}
          />
          <DatePicker
            id="wishes-month"
            picker="month"
            allowClear={false}
            inputReadOnly
            value={month === null ? null : dayjs(`${month}-01`)}
            format={(value) => labels.month(value.format('YYYY-MM'))}
            onChange={(value: dayjs.Dayjs | null) => {
              if (value !== null) setMonth(value.format('YYYY-MM'));
            }}
          />
          <Button
            icon={<RightOutlined aria-hidden />}
            aria-label={t('duties.nextMonth')}
            disabled={month === null}
            onClick={() => {
              if (month !== null) setMonth(addMonths(month, 1));
            }}
          />
        </Flex>
        {deadlines !== undefined && (
          <>
            <Tag color={open ? 'green' : 'default'}>
              {open ? t('wishes.open') : t('wishes.closed')}
            </Tag>
            <Typography.Text>
              {t('wishes.cutoff', { date: deadlines.wishesCutoff })}
            </Typography.Text>
          </>
        )}
      </Flex>
      {load.status === 'loading' && <Spin description={t('app.loading')} />}
      {load.status === 'failed' && (
        <Alert
          type="error"
          showIcon
          title={errorText(load.error)}
          action={<Button onClick={reload}>{t('app.retry')}</Button>}
        />
      )}
      {load.status === 'ready' && month !== null && editsOwn && (
        <WishesEditor
          key={`${month}-${String(load.revision)}`}
          officeId={office.id}
          month={month}
          roster={load.roster}
          wishList={load.wishes}
          readOnly={!open}
          onSaved={onSaved}
          onClosed={reload}
        />
      )}
      {load.status === 'ready' && month !== null && !editsOwn && (
        <WishesTable roster={load.roster} wishList={load.wishes} />
      )}
    </Flex>
  );
}
