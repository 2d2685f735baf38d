import { Button, Flex, Result, Spin } from 'antd';
import { Link, Navigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { codeFromScan } from '../../../../shared/patrol-codes.ts';
import { listPatrolRounds } from '../../../api/patrol-rounds.api.ts';
import { useLoad } from '../../../api/use-load.ts';
import { useMe } from '../../auth/session-context.tsx';
import { useOffices } from '../../shell/office-context.tsx';
import { readCurrentRound, roundPath, startRoundPath } from './round-state.ts';

/**
 * Where a checkpoint's QR label leads (/patrol/scan/:code) when the phone's own camera app
 * opens it: the round in progress at that checkpoint — the one this phone is walking, else
 * the person's round in progress on the server — or the advice to start one.
 */
export function ScanLandingPage() {
  const { t } = useTranslation();
  const { code: param = '' } = useParams();
  const me = useMe();
  const { office } = useOffices();
  const officeId = office?.id ?? null;
  const code = codeFromScan(param);
  const local = officeId === null ? null : readCurrentRound(officeId, me.user.id);
  const remote = useLoad(
    () =>
      officeId === null || local !== null || code === null
        ? Promise.resolve(null)
        : listPatrolRounds(officeId).then(
            ({ rounds }) =>
              rounds.find((r) => r.status === 'in_progress' && r.userId === me.user.id) ?? null,
          ),
    `${officeId ?? ''}|${code ?? ''}`,
  );
  if (code === null)
    return (
      <Result
        status="warning"
        title={t('patrolRound.landing.badCode', { code: param })}
        extra={<Link to={startRoundPath}>{t('patrolRound.landing.toRound')}</Link>}
      />
    );
  const at = `?checkpoint=${encodeURIComponent(code)}`;
  if (local !== null) return <Navigate to={`${roundPath(local.ref)}${at}`} replace />;
  if (remote.state.status === 'loading') return <Spin />;
  const found = remote.state.status === 'ready' ? remote.state.value : null;
  if (found !== null) return <Navigate to={`${roundPath(found.id)}${at}`} replace />;
  return (
    <Flex vertical style={{ maxWidth: 560, margin: '0 auto' }}>
      <Result
        status="info"
        title={t('patrolRound.landing.noRound', { code })}
        subTitle={t('patrolRound.landing.startFirst')}
        extra={
          <Link to={startRoundPath}>
            <Button type="primary" size="large">
              {t('patrolRound.start.submit')}
            </Button>
          </Link>
        }
      />
    </Flex>
  );
}
