import { Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOffices } from './office-context.tsx';

/** Shown as a choice only to people of several offices; otherwise the office's name. */
export function OfficeSwitcher({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const { offices, office, selectOffice } = useOffices();
  if (office === undefined) return null;
  if (offices.length < 2) {
    return compact ? null : (
      <Typography.Text strong ellipsis style={{ maxWidth: 240 }}>
        {office.name}
      </Typography.Text>
    );
  }
  return (
    <Select
      aria-label={t('office.switcher')}
      title={t('office.switcher')}
      value={office.id}
      onChange={selectOffice}
      options={offices.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
      showSearch={{ optionFilterProp: 'label' }}
      popupMatchSelectWidth={false}
      style={{ width: compact ? 132 : 220 }}
    />
  );
}
