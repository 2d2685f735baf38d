import { useEffect, useState } from 'react';
import { Alert, Spin, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { getRosterMonth, type RosterMonth } from '../../api/rosters.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { useOffices } from '../shell/office-context.tsx';
import { PrintToolbar } from '../shell/print-toolbar.tsx';
import { RosterGrid, RosterLegend } from './roster-grid.tsx';
import { isMonth } from './roster-month.ts';
import { rosterMonthPath } from './roster-page.tsx';
import { useRosterTexts } from './roster-texts.ts';
import './roster.css';

type Load =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'ready'; month: RosterMonth };

/**
 * The print view of a month's roster, laid out like the paper 《值班安排表》: title, office,
 * month, people × days, legend and signature line, without the app's menu (`@media print`
 * hides the buttons too).
 */
export function RosterPrintPage() {
  const { t } = useTranslation();
  const { office, load } = useOffices();
  const params = useParams();
  if (!isMonth(params.month)) {
    return <Alert type="error" showIcon title={t('roster.print.badMonth')} />;
  }
  if (office === undefined) {
    return load.status === 'loading' ? (
      <Spin description={t('app.loading')} />
    ) : (
      <Typography.Text type="secondary">{t('roster.noOffice')}</Typography.Text>
    );
  }
  return (
    <RosterPrintView
      key={`${office.id}|${params.month}`}
      officeId={office.id}
      month={params.month}
    />
  );
}

function RosterPrintView({ officeId, month }: { officeId: string; month: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const texts = useRosterTexts();
  const navigate = useNavigate();
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    getRosterMonth(officeId, month).then(
      (data) => {
        if (!cancelled) setLoad({ status: 'ready', month: data });
      },
      (error: unknown) => {
        if (!cancelled) setLoad({ status: 'failed', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [officeId, month]);

  const toolbar = (
    <PrintToolbar
      backLabel={t('roster.print.back')}
      onBack={() => void navigate(rosterMonthPath(month))}
      printLabel={t('roster.print.print')}
    />
  );

  if (load.status === 'loading') {
    return (
      <div className="roster-print">
        {toolbar}
        <Spin description={t('app.loading')} />
      </div>
    );
  }
  if (load.status === 'failed') {
    return (
      <div className="roster-print">
        {toolbar}
        <Alert type="error" showIcon title={errorText(load.error)} />
      </div>
    );
  }
  const roster = load.month;
  return (
    <main className="roster-print">
      {toolbar}
      <h1 className="roster-print-title">{t('roster.print.title')}</h1>
      <div className="roster-print-subtitle">
        {t('roster.print.subtitle', { office: roster.officeName, month: texts.month(month) })}
        {roster.status === 'published' && roster.publishedVersion !== null && (
          <span> {t('roster.print.versionMark', { version: roster.publishedVersion })}</span>
        )}
        {roster.status !== 'published' && (
          <Typography.Text type="danger"> {t('roster.print.draftMark')}</Typography.Text>
        )}
      </div>
      {roster.rows.length === 0 ? (
        <Typography.Paragraph type="secondary">
          {t('roster.notPublishedYet', { month: texts.month(month) })}
        </Typography.Paragraph>
      ) : (
        <RosterGrid month={roster} />
      )}
      <div style={{ marginTop: 12 }}>
        <RosterLegend month={roster} />
      </div>
      <div className="roster-signatures">
        <span>
          {t('roster.print.compiledBy')}
          <span className="roster-signature-line" />
        </span>
        <span>
          {t('roster.print.approvedBy')}
          <span className="roster-signature-line" />
        </span>
        <span>
          {t('roster.print.date')}
          <span className="roster-signature-line" />
        </span>
      </div>
    </main>
  );
}
