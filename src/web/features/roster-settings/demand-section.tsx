import { useState } from 'react';
import { Alert, App, Button, Flex, Form, InputNumber, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RosterSettings } from '../../api/api-types.ts';
import { saveRosterSettings } from '../../api/roster-settings.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { settingsFieldErrors } from './section-errors.ts';
import { weekdayKeys, type SectionProps } from './tab-props.ts';

type DemandRow = RosterSettings['demand'][number];
type DemandForm = {
  demand: { weekdays: (number | null)[]; holiday: number | null }[];
};

/** An emptied field counts as nobody; a field the form does not hold keeps what was read. */
function countOf(entered: number | null | undefined, read: number): number {
  if (entered === undefined) return read;
  return entered ?? 0;
}

/** 人数需求: staff needed per shift on each weekday and on public holidays. */
export function DemandSection({ data, canEdit, onSaved, onFailure }: SectionProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<DemandForm>();
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const rows = data.settings.demand;
  const nameOf = (code: string) =>
    data.shiftTemplates.find((shift) => shift.code === code)?.name ?? code;

  const submit = async (values: DemandForm) => {
    // the form holds the counts; the rows' shift codes and order stay as read
    const demand: DemandRow[] = rows.map((row, index) => {
      const entered = values.demand[index];
      return {
        shiftCode: row.shiftCode,
        weekdays: row.weekdays.map((count, day) => countOf(entered?.weekdays[day], count)),
        holiday: countOf(entered?.holiday, row.holiday),
      };
    });
    setSaving(true);
    setFailure(null);
    try {
      const saved = await saveRosterSettings(data.officeId, data.version, {
        ...data.settings,
        demand,
      });
      void message.success(t('rosterSettings.demand.saved'));
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

  const countInput = (index: number, path: (string | number)[], label: string) => (
    <Form.Item name={['demand', index, ...path]} style={{ margin: 0 }}>
      <InputNumber
        aria-label={label}
        min={0}
        max={50}
        precision={0}
        size="small"
        style={{ width: 64 }}
      />
    </Form.Item>
  );

  return (
    <Form<DemandForm>
      form={form}
      name="demand"
      initialValues={{ demand: rows }}
      disabled={!canEdit}
      onFinish={(values) => void submit(values)}
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('rosterSettings.demand.hint')}</Typography.Text>
        <Table<DemandRow & { index: number }>
          rowKey="shiftCode"
          dataSource={rows.map((row, index) => ({ ...row, index }))}
          pagination={false}
          size="small"
          scroll={{ x: 760 }}
          columns={[
            {
              title: t('rosterSettings.demand.shift'),
              key: 'shift',
              render: (_value, row) => (
                <Flex gap={6} align="center">
                  <Tag color="geekblue">{row.shiftCode}</Tag>
                  <Typography.Text strong>{nameOf(row.shiftCode)}</Typography.Text>
                </Flex>
              ),
            },
            ...weekdayKeys.map((day, dayIndex) => ({
              title: t(`rosterSettings.weekdays.${day}`),
              key: day,
              width: 80,
              render: (_value: unknown, row: DemandRow & { index: number }) =>
                countInput(
                  row.index,
                  ['weekdays', dayIndex],
                  `${nameOf(row.shiftCode)} ${t(`rosterSettings.weekdays.${day}`)}`,
                ),
            })),
            {
              title: t('rosterSettings.demand.holiday'),
              key: 'holiday',
              width: 90,
              render: (_value, row) =>
                countInput(
                  row.index,
                  ['holiday'],
                  `${nameOf(row.shiftCode)} ${t('rosterSettings.demand.holiday')}`,
                ),
            },
          ]}
        />
        {failure !== null && <Alert type="error" showIcon title={errorText(failure)} />}
        {canEdit && (
          <Flex>
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('common.save')}
            </Button>
          </Flex>
        )}
      </Flex>
    </Form>
  );
}
