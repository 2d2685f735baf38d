import { Alert, Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RuleId } from '../../../shared/rules.ts';
import type { ModuleKey } from './app-modules.tsx';

/**
 * A module that is not built yet says so, and names the regulation clauses it will enforce,
 * so people see what is coming and reviewers can trace rules to modules.
 */
export function ModulePlaceholder({
  module,
  rules,
}: {
  module: ModuleKey;
  rules: readonly RuleId[];
}) {
  const { t } = useTranslation();
  const name = t(`nav.${module}`);
  return (
    <Flex vertical gap={16} style={{ maxWidth: 880 }}>
      <div>
        <Flex align="center" gap={12} wrap>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {name}
          </Typography.Title>
          <Tag color="processing">{t('common.comingSoon')}</Tag>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t(`modules.${module}`)}
        </Typography.Paragraph>
      </div>
      <Alert
        type="info"
        showIcon
        title={t('placeholder.title', { module: name })}
        description={t('placeholder.intro')}
      />
      <Card title={t('placeholder.rulesTitle')} size="small">
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {rules.map((rule) => (
            <li key={rule} style={{ display: 'flex', gap: 12, padding: '8px 0' }}>
              <Tag color="blue" style={{ flex: 'none', alignSelf: 'flex-start' }}>
                {rule}
              </Tag>
              <Typography.Text>{t(`rules.${rule}`)}</Typography.Text>
            </li>
          ))}
        </ul>
      </Card>
    </Flex>
  );
}
