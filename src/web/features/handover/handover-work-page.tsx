import { useState } from 'react';
import { Alert, Empty, Flex, Spin, Typography } from 'antd';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { getHandover } from '../../api/handover.api.ts';
import { useOfficeEvents } from '../../api/live-updates.ts';
import { useLoad } from '../../api/use-load.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { useMe } from '../auth/session-context.tsx';
import { useOffices } from '../shell/office-context.tsx';
import { HandoverWorkspace } from './handover-workspace.tsx';

/**
 * One handover's checklist by its id: where a supervisor follows a handover in progress and
 * grants an exception (HO-OUT-4), or explains what was found after a gap signature.
 */
export function HandoverWorkPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const me = useMe();
  const { office, role } = useOffices();
  const { handoverId = '' } = useParams();
  const officeId = office?.id ?? null;
  const [changes, setChanges] = useState(0);
  const refresh = () => {
    setChanges((count) => count + 1);
  };
  const handover = useLoad(
    () => (officeId === null ? Promise.resolve(null) : getHandover(officeId, handoverId)),
    `${officeId ?? ''}|${handoverId}|${String(changes)}`,
  );
  useOfficeEvents(officeId, ['handovers', 'duty-log', 'desk-items'], refresh);

  if (office === undefined || officeId === null) {
    return <Empty description={t('handover.noOffice')} />;
  }
  if (handover.state.status === 'loading') return <Spin />;
  if (handover.state.status === 'failed') {
    return <Alert type="error" showIcon title={errorText(handover.state.error)} />;
  }
  if (handover.state.value === null) return null;
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('handover.title')}
      </Typography.Title>
      <HandoverWorkspace
        officeId={officeId}
        timeZone={office.timeZone}
        handover={handover.state.value}
        userId={me.user.id}
        role={role}
        // taking over starts from the desk, where the server says whom it awaits
        canJoin={false}
        onReload={refresh}
      />
    </Flex>
  );
}
