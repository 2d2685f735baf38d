import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Flex, Spin, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-client.ts';
import type { OfficeRosterSettings } from '../../api/api-types.ts';
import { getRosterSettings } from '../../api/roster-settings.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { useOffices } from '../shell/office-context.tsx';
import { DemandSection } from './demand-section.tsx';
import { HolidaysSection } from './holidays-section.tsx';
import { PeopleSection } from './people-section.tsx';
import { RulesSection } from './rules-section.tsx';
import { ShiftTemplatesSection } from './shift-templates-section.tsx';
import type { SectionProps } from './tab-props.ts';

type Load =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'ready'; data: OfficeRosterSettings; revision: number };

/**
 * 设置 → 排班设置: the current office's shifts (SHIFT-1), head counts, rules, deadlines
 * (ROSTER-1), people's own rules and the public holidays. Everyone in the office reads them;
 * the supervisor and the director change them.
 */
export function RosterSettingsPage() {
  const { t } = useTranslation();
  const { office, role } = useOffices();
  if (office === undefined) {
    return <Typography.Text type="secondary">{t('rosterSettings.noOffice')}</Typography.Text>;
  }
  // a fresh view per office: nothing of one office's forms survives switching
  return (
    <RosterSettingsView
      key={office.id}
      officeId={office.id}
      officeName={office.name}
      canEdit={role === 'supervisor' || role === 'director'}
    />
  );
}

function RosterSettingsView({
  officeId,
  officeName,
  canEdit,
}: {
  officeId: string;
  officeName: string;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [conflict, setConflict] = useState<unknown>(null);
  const [tab, setTab] = useState('shifts');

  useEffect(() => {
    let cancelled = false;
    getRosterSettings(officeId).then(
      (data) => {
        if (!cancelled) setLoad((current) => ready(current, data));
      },
      (error: unknown) => {
        if (!cancelled) setLoad({ status: 'failed', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [officeId, attempt]);

  const reload = useCallback(() => {
    setAttempt((count) => count + 1);
  }, []);

  const onSaved = useCallback((data: OfficeRosterSettings) => {
    setConflict(null);
    setLoad((current) => ready(current, data));
  }, []);

  // someone else saved meanwhile: say so by its code and show what they saved
  const onFailure = useCallback(
    (error: unknown) => {
      if (!isApiError(error) || error.code !== 'VERSION_CONFLICT') return false;
      setConflict(error);
      reload();
      return true;
    },
    [reload],
  );

  const header = (
    <div>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('rosterSettings.title')}
      </Typography.Title>
      <Typography.Text type="secondary">
        {t('rosterSettings.intro', { office: officeName })}
      </Typography.Text>
    </div>
  );

  if (load.status === 'loading') {
    return (
      <Flex vertical gap={16}>
        {header}
        <Spin description={t('app.loading')} />
      </Flex>
    );
  }
  if (load.status === 'failed') {
    return (
      <Flex vertical gap={16}>
        {header}
        <Alert
          type="error"
          showIcon
          title={errorText(load.error)}
          action={
            <Button
              onClick={() => {
                setLoad({ status: 'loading' });
                reload();
              }}
            >
              {t('app.retry')}
            </Button>
          }
        />
      </Flex>
    );
  }

  const props: SectionProps = { data: load.data, canEdit, onSaved, onFailure };
  // keyed by revision: after any save or reload the forms start from what the server holds
  const key = String(load.revision);
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1200 }}>
      {header}
      {!canEdit && <Alert type="info" showIcon title={t('rosterSettings.readOnly')} />}
      {conflict !== null && (
        <Alert
          type="warning"
          showIcon
          closable={{
            onClose: () => {
              setConflict(null);
            },
          }}
          title={errorText(conflict)}
          description={t('rosterSettings.conflictReloaded')}
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'shifts',
            label: t('rosterSettings.tabs.shifts'),
            children: <ShiftTemplatesSection key={key} {...props} />,
          },
          {
            key: 'demand',
            label: t('rosterSettings.tabs.demand'),
            children: <DemandSection key={key} {...props} />,
          },
          {
            key: 'rules',
            label: t('rosterSettings.tabs.rules'),
            children: <RulesSection key={key} {...props} />,
          },
          {
            key: 'people',
            label: t('rosterSettings.tabs.people'),
            children: <PeopleSection key={key} {...props} />,
          },
          {
            key: 'holidays',
            label: t('rosterSettings.tabs.holidays'),
            children: <HolidaysSection />,
          },
        ]}
      />
    </Flex>
  );
}

function ready(current: Load, data: OfficeRosterSettings): Load {
  return {
    status: 'ready',
    data,
    revision: current.status === 'ready' ? current.revision + 1 : 0,
  };
}
