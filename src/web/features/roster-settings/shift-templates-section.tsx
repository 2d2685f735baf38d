import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FormListFieldData } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ShiftTemplateInput } from '../../api/api-types.ts';
import { saveShiftTemplates } from '../../api/roster-settings.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { shiftFieldErrors } from './section-errors.ts';
import { crossesMidnight, shiftCodePattern, shiftLength, timeOfDayPattern } from './shift-times.ts';
import type { SectionProps } from './tab-props.ts';

type ShiftForm = { templates: ShiftTemplateInput[] };

const maxShifts = 12;

/** 班次 (SHIFT-1): the office's shifts as an editable table; overlaps are refused by the server. */
export function ShiftTemplatesSection({ data, canEdit, onSaved, onFailure }: SectionProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<ShiftForm>();
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const initial: ShiftForm = {
    templates: data.shiftTemplates.map(({ code, name, startTime, endTime }) => ({
      code,
      name,
      startTime,
      endTime,
    })),
  };
  const watched = Form.useWatch('templates', form) as ShiftTemplateInput[] | undefined;
  const rows = watched ?? initial.templates;

  const submit = async (values: ShiftForm) => {
    const templates = values.templates.map((row) => ({
      code: row.code.trim(),
      name: row.name.trim(),
      startTime: row.startTime.trim(),
      endTime: row.endTime.trim(),
    }));
    setSaving(true);
    setFailure(null);
    try {
      const saved = await saveShiftTemplates(data.officeId, templates);
      void message.success(t('rosterSettings.shifts.saved'));
      onSaved(saved);
    } catch (error) {
      if (!onFailure(error)) {
        form.setFields(shiftFieldErrors(t, error, templates));
        setFailure(error);
      }
    } finally {
      setSaving(false);
    }
  };

  const cellLabel = (field: FormListFieldData, column: string) =>
    t('rosterSettings.cellLabel', { row: field.name + 1, column });

  const lengthOf = (index: number) => {
    const row = rows[index];
    const minutes = row === undefined ? undefined : shiftLength(row);
    if (row === undefined || minutes === undefined) return '–';
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    const text =
      rest === 0
        ? t('rosterSettings.shifts.hours', { hours })
        : t('rosterSettings.shifts.hoursMinutes', { hours, minutes: rest });
    return (
      <Flex gap={4} align="center" wrap>
        <Typography.Text>{text}</Typography.Text>
        {crossesMidnight(row) && <Tag color="purple">{t('rosterSettings.shifts.overnight')}</Tag>}
      </Flex>
    );
  };

  const timeRules = [
    { required: true, pattern: timeOfDayPattern, message: t('rosterSettings.shifts.timeInvalid') },
  ];

  return (
    <Form<ShiftForm>
      form={form}
      name="shift-templates"
      initialValues={initial}
      disabled={!canEdit}
      onFinish={(values) => void submit(values)}
      onValuesChange={() => {
        setFailure(null);
      }}
    >
      <Typography.Paragraph type="secondary">
        {t('rosterSettings.shifts.hint')}
      </Typography.Paragraph>
      <Form.List name="templates">
        {(fields, { add, remove }) => (
          <Flex vertical gap={12}>
            <Table<FormListFieldData>
              rowKey="key"
              dataSource={fields}
              pagination={false}
              size="small"
              scroll={{ x: 720 }}
              columns={[
                {
                  title: t('rosterSettings.shifts.code'),
                  key: 'code',
                  width: 110,
                  render: (_value, field) => (
                    <Form.Item
                      name={[field.name, 'code']}
                      style={{ margin: 0 }}
                      rules={[
                        {
                          required: true,
                          pattern: shiftCodePattern,
                          message: t('rosterSettings.shifts.codeInvalid'),
                        },
                      ]}
                    >
                      <Input
                        aria-label={cellLabel(field, t('rosterSettings.shifts.code'))}
                        maxLength={8}
                      />
                    </Form.Item>
                  ),
                },
                {
                  title: t('rosterSettings.shifts.name'),
                  key: 'name',
                  render: (_value, field) => (
                    <Form.Item
                      name={[field.name, 'name']}
                      style={{ margin: 0 }}
                      rules={[
                        {
                          required: true,
                          whitespace: true,
                          max: 20,
                          message: t('rosterSettings.shifts.nameInvalid'),
                        },
                      ]}
                    >
                      <Input aria-label={cellLabel(field, t('rosterSettings.shifts.name'))} />
                    </Form.Item>
                  ),
                },
                {
                  title: t('rosterSettings.shifts.start'),
                  key: 'start',
                  width: 170,
                  render: (_value, field) => (
                    <Form.Item
                      name={[field.name, 'startTime']}
                      style={{ margin: 0 }}
                      rules={timeRules}
                    >
                      <Input
                        aria-label={cellLabel(field, t('rosterSettings.shifts.start'))}
                        placeholder="08:30"
                        maxLength={5}
                      />
                    </Form.Item>
                  ),
                },
                {
                  title: t('rosterSettings.shifts.end'),
                  key: 'end',
                  width: 170,
                  render: (_value, field) => (
                    <Form.Item
                      name={[field.name, 'endTime']}
                      style={{ margin: 0 }}
                      rules={timeRules}
                    >
                      <Input
                        aria-label={cellLabel(field, t('rosterSettings.shifts.end'))}
                        placeholder="16:30"
                        maxLength={5}
                      />
                    </Form.Item>
                  ),
                },
                {
                  title: t('rosterSettings.shifts.length'),
                  key: 'length',
                  width: 150,
                  render: (_value, field) => lengthOf(field.name),
                },
                ...(canEdit
                  ? [
                      {
                        title: t('common.actions'),
                        key: 'actions',
                        width: 90,
                        render: (_value: unknown, field: FormListFieldData) => (
                          <Button
                            type="text"
                            danger
                            icon={<DeleteOutlined aria-hidden />}
                            aria-label={cellLabel(field, t('rosterSettings.shifts.remove'))}
                            disabled={fields.length <= 1}
                            onClick={() => {
                              remove(field.name);
                            }}
                          />
                        ),
                      },
                    ]
                  : []),
              ]}
            />
            {failure !== null && <Alert type="error" showIcon title={errorText(failure)} />}
            {canEdit && (
              <Flex gap={8} wrap>
                <Button
                  icon={<PlusOutlined aria-hidden />}
                  disabled={fields.length >= maxShifts}
                  onClick={() => {
                    add({ code: '', name: '', startTime: '', endTime: '' });
                  }}
                >
                  {t('rosterSettings.shifts.add')}
                </Button>
                <Button type="primary" htmlType="submit" loading={saving}>
                  {t('common.save')}
                </Button>
              </Flex>
            )}
          </Flex>
        )}
      </Form.List>
    </Form>
  );
}
