import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Flex,
  Form,
  InputNumber,
  Modal,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { OfficeRosterSettings, PersonLimits, PersonRules } from '../../api/api-types.ts';
import { savePersonRules } from '../../api/roster-settings.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { limitBounds, limitKeys } from './rules-section.tsx';
import { settingsFieldErrors } from './section-errors.ts';
import type { SectionProps } from './tab-props.ts';

type Person = OfficeRosterSettings['people'][number];
type PersonForm = {
  limits: { [K in keyof PersonLimits]?: number | null };
  allowedShiftCodes: string[];
};

const roleLabelKeys = ['staff', 'supervisor', 'director'] as const;

function isRoleKey(role: string): role is (typeof roleLabelKeys)[number] {
  return (roleLabelKeys as readonly string[]).includes(role);
}

/** 个人规则: each person's own limits and the shifts they may work; empty means the default. */
export function PeopleSection({ data, canEdit, onSaved, onFailure }: SectionProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Person | null>(null);
  const defaults = data.settings.defaults;

  const limitColumn = (key: keyof PersonLimits) => ({
    title: t(`rosterSettings.rules.${key}`),
    key,
    width: 120,
    render: (_value: unknown, person: Person) => {
      const own = person.rules.limits[key];
      return own === undefined ? (
        <Typography.Text type="secondary">
          {t('rosterSettings.people.default', { value: defaults[key] })}
        </Typography.Text>
      ) : (
        <Typography.Text strong>{own}</Typography.Text>
      );
    },
  });

  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('rosterSettings.people.hint')}</Typography.Text>
      <Table<Person>
        rowKey="userId"
        dataSource={data.people}
        pagination={false}
        size="small"
        scroll={{ x: 900 }}
        locale={{ emptyText: t('rosterSettings.people.empty') }}
        columns={[
          {
            title: t('rosterSettings.people.name'),
            dataIndex: 'displayName',
            render: (_value, person) => (
              <Typography.Text strong>{person.displayName}</Typography.Text>
            ),
          },
          {
            title: t('rosterSettings.people.role'),
            key: 'role',
            render: (_value, person) =>
              isRoleKey(person.role) ? t(`roles.${person.role}`) : person.role,
          },
          ...limitKeys.map(limitColumn),
          {
            title: t('rosterSettings.people.allowedShifts'),
            key: 'allowed',
            render: (_value, person) =>
              person.rules.allowedShiftCodes === undefined ? (
                <Typography.Text type="secondary">
                  {t('rosterSettings.people.allShifts')}
                </Typography.Text>
              ) : (
                <Flex gap={4} wrap>
                  {person.rules.allowedShiftCodes.map((code) => (
                    <Tag key={code} color="geekblue">
                      {code}
                    </Tag>
                  ))}
                </Flex>
              ),
          },
          ...(canEdit
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 90,
                  render: (_value: unknown, person: Person) => (
                    <Button
                      size="small"
                      aria-label={`${t('rosterSettings.people.edit')} ${person.displayName}`}
                      onClick={() => {
                        setEditing(person);
                      }}
                    >
                      {t('rosterSettings.people.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing !== null && (
        <PersonRulesModal
          person={editing}
          data={data}
          onClose={() => {
            setEditing(null);
          }}
          onSaved={(saved) => {
            setEditing(null);
            onSaved(saved);
          }}
          onFailure={onFailure}
        />
      )}
    </Flex>
  );
}

const formId = 'person-roster-rules';

function PersonRulesModal({
  person,
  data,
  onClose,
  onSaved,
  onFailure,
}: {
  person: Person;
  data: OfficeRosterSettings;
  onClose: () => void;
  onSaved: (data: OfficeRosterSettings) => void;
  onFailure: (error: unknown) => boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<PersonForm>();
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (values: PersonForm) => {
    const limits: PersonRules['limits'] = {};
    for (const key of limitKeys) {
      const value = values.limits[key];
      if (value !== undefined && value !== null) limits[key] = value;
    }
    const rules: PersonRules =
      values.allowedShiftCodes.length === 0
        ? { limits }
        : { limits, allowedShiftCodes: values.allowedShiftCodes };
    setSaving(true);
    setFailure(null);
    try {
      const saved = await savePersonRules(data.officeId, person.userId, rules);
      void message.success(t('rosterSettings.people.saved', { name: person.displayName }));
      onSaved(saved);
    } catch (error) {
      if (!onFailure(error)) {
        form.setFields(settingsFieldErrors(t, error));
        setFailure(error);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('rosterSettings.people.title', { name: person.displayName })}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: formId, loading: saving }}
      mask={{ closable: false }}
    >
      <Form<PersonForm>
        form={form}
        name={formId}
        layout="vertical"
        initialValues={{
          limits: person.rules.limits,
          allowedShiftCodes: person.rules.allowedShiftCodes ?? [],
        }}
        onFinish={(values) => void submit(values)}
      >
        <Typography.Paragraph type="secondary">
          {t('rosterSettings.people.hint')}
        </Typography.Paragraph>
        {limitKeys.map((key) => (
          <Form.Item key={key} name={['limits', key]} label={t(`rosterSettings.rules.${key}`)}>
            <InputNumber
              {...limitBounds[key]}
              precision={0}
              placeholder={t('rosterSettings.people.default', {
                value: data.settings.defaults[key],
              })}
              style={{ width: 200 }}
            />
          </Form.Item>
        ))}
        <Form.Item
          name="allowedShiftCodes"
          label={t('rosterSettings.people.allowedShifts')}
          extra={t('rosterSettings.people.allowedHint')}
        >
          <Select
            mode="multiple"
            allowClear
            placeholder={t('rosterSettings.people.allShifts')}
            options={data.shiftTemplates.map((shift) => ({
              value: shift.code,
              label: `${shift.code} · ${shift.name}`,
            }))}
          />
        </Form.Item>
        {failure !== null && <Alert type="error" showIcon title={errorText(failure)} />}
      </Form>
    </Modal>
  );
}
