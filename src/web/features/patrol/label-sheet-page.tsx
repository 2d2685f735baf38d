import { Alert, Empty, Spin, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { checkpointLabelUrl, getPatrolRoute, type PatrolRoute } from '../../api/patrol.api.ts';
import { useLoad } from '../../api/use-load.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { patrolRoutesSettingsPath } from '../shell/app-modules.tsx';
import { useOffices } from '../shell/office-context.tsx';
import { PrintToolbar } from '../shell/print-toolbar.tsx';
import './label-sheet.css';

function LabelGrid({
  officeId,
  officeName,
  route,
}: {
  officeId: string;
  officeName: string;
  route: PatrolRoute;
}) {
  const { t } = useTranslation();
  if (route.checkpoints.length === 0) return <Empty description={t('patrol.labels.none')} />;
  return (
    <div className="label-grid">
      {route.checkpoints.map((checkpoint) => (
        <figure
          key={checkpoint.id}
          className="patrol-label"
          aria-label={checkpoint.name}
          data-code={checkpoint.code}
        >
          <img
            className="patrol-label-qr"
            src={checkpointLabelUrl(officeId, route.id, checkpoint.id)}
            alt={t('patrol.labels.qrAlt', { name: checkpoint.name })}
          />
          <figcaption>
            <div className="patrol-label-name">{checkpoint.name}</div>
            <div className="patrol-label-code">
              {t('patrol.labels.codeLabel')} <span>{checkpoint.code}</span>
            </div>
            <div className="patrol-label-route">
              {route.name} · {String(checkpoint.seq)} · {officeName}
            </div>
            <div className="patrol-label-hint">{t('patrol.labels.scanHint')}</div>
          </figcaption>
        </figure>
      ))}
    </div>
  );
}

/**
 * 巡查点二维码标签 (issue 8, point 1): a route's checkpoints as an A4 sheet of labels to cut
 * and fix on site, each with its QR code (the app's scan address), name and the short code to
 * type when a camera cannot scan. Without the app's frame; 打印 also saves a PDF.
 */
export function LabelSheetPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const { office, load: offices } = useOffices();
  const { routeId = '' } = useParams();
  const officeId = office?.id ?? null;
  const load = useLoad(
    () => (officeId === null ? Promise.resolve(null) : getPatrolRoute(officeId, routeId)),
    `${officeId ?? ''}|${routeId}`,
  );
  const toolbar = (
    <PrintToolbar
      backLabel={t('patrol.labels.back')}
      onBack={() => void navigate(patrolRoutesSettingsPath)}
      printLabel={t('patrol.labels.print')}
    />
  );
  if (office === undefined || officeId === null) {
    return (
      <main className="label-sheet">
        {offices.status === 'loading' ? <Spin /> : <Empty description={t('patrol.noOffice')} />}
      </main>
    );
  }
  return (
    <main className="label-sheet">
      {toolbar}
      {load.state.status === 'loading' && <Spin description={t('app.loading')} />}
      {load.state.status === 'failed' && (
        <Alert type="error" showIcon title={errorText(load.state.error)} />
      )}
      {load.state.status === 'ready' && load.state.value !== null && (
        <>
          <Typography.Title level={2} className="label-sheet-title">
            {t('patrol.labels.title')} · {load.state.value.name}
          </Typography.Title>
          <LabelGrid officeId={officeId} officeName={office.name} route={load.state.value} />
        </>
      )}
    </main>
  );
}
