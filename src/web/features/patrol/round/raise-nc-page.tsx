import { useState } from 'react';
import { Alert, Button, Card, Flex, Result, Spin, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../i18n/error-text.ts';
import { useOffices } from '../../shell/office-context.tsx';
import { RaiseNcForm } from './raise-nc-form.tsx';
import { useRoutes } from './round-state.ts';
import { SyncIndicator } from './sync-indicator.tsx';

/**
 * Raising a non-conforming item 不合格项 with photos outside a round (issue 8, point 3); queued
 * when offline like the round's own. `?checkpointId=` prefills where.
 */
export function RaiseNcPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [search] = useSearchParams();
  const { office } = useOffices();
  const officeId = office?.id ?? null;
  const routes = useRoutes(officeId);
  const [raised, setRaised] = useState(0);
  const checkpointId = search.get('checkpointId') ?? undefined;
  return (
    <Flex vertical gap={12} style={{ maxWidth: 560, margin: '0 auto', width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('patrolRound.nc.title')}
      </Typography.Title>
      <SyncIndicator />
      {officeId === null || routes.status === 'loading' ? (
        <Spin />
      ) : raised > 0 ? (
        <Result
          status="success"
          title={t('patrolRound.nc.recorded')}
          extra={[
            <Button
              key="again"
              onClick={() => {
                setRaised(0);
              }}
            >
              {t('patrolRound.nc.another')}
            </Button>,
            <Link key="patrol" to="/patrol">
              {t('patrolRound.finish.toPatrol')}
            </Link>,
          ]}
        />
      ) : (
        <Card>
          {routes.status === 'failed' && (
            <Alert type="warning" showIcon title={errorText(routes.error)} />
          )}
          <RaiseNcForm
            officeId={officeId}
            routes={routes.status === 'ready' ? routes.routes : []}
            checkpointId={checkpointId}
            onRaised={() => {
              setRaised((n) => n + 1);
            }}
          />
        </Card>
      )}
    </Flex>
  );
}
