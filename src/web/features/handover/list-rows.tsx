import type { ReactNode } from 'react';
import { Button, Flex } from 'antd';
import type { FormListFieldData } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/**
 * The rows of a Form.List the handover lists (unfinished work, anomalies): each row a framed
 * group with its fields and a remove button, then the add button.
 */
export function ListRows({
  fields,
  add,
  remove,
  addLabel,
  rowLabel,
  children,
}: {
  fields: readonly FormListFieldData[];
  add: () => void;
  remove: (index: number) => void;
  addLabel: string;
  rowLabel: (index: number) => string;
  children: (field: FormListFieldData, index: number) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      {fields.map((field, index) => (
        <Flex
          key={field.key}
          vertical
          role="group"
          aria-label={rowLabel(index)}
          style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 12 }}
        >
          {children(field, index)}
          <Button
            danger
            icon={<DeleteOutlined aria-hidden />}
            onClick={() => {
              remove(field.name);
            }}
          >
            {t('handover.unfinished.remove')}
          </Button>
        </Flex>
      ))}
      <Button
        icon={<PlusOutlined aria-hidden />}
        onClick={() => {
          add();
        }}
      >
        {addLabel}
      </Button>
    </>
  );
}
