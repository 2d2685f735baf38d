import { useState } from 'react';
import { Alert, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { HolidayCalendarEntry } from '../../api/api-types.ts';
import { saveHolidayCalendar } from '../../api/roster-settings.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';

type HolidayYear = HolidayCalendarEntry['calendar'];

type HolidayRow = {
  name: string;
  en: string;
  offDays: [Dayjs, Dayjs] | null;
  workdays: Dayjs[];
  statutory: Dayjs[];
};

type Values = { year: number; holidays: HolidayRow[] };

const dateFormat = 'YYYY-MM-DD';

function toRows(calendar: HolidayYear): HolidayRow[] {
  return calendar.holidays.map((h) => ({
    name: h.name,
    en: h.en,
    offDays: [dayjs(h.offDays[0]), dayjs(h.offDays[1])],
    workdays: h.workdays.map((d) => dayjs(d)),
    statutory: h.statutory.map((d) => dayjs(d)),
  }));
}

/** The form's rows as the server's calendar; rows without a period are left out. */
export function toCalendar(values: Values): HolidayYear {
  const sorted = (dates: Dayjs[]) => dates.map((d) => d.format(dateFormat)).sort();
  return {
    year: values.year,
    holidays: values.holidays.flatMap((row) =>
      row.offDays === null
        ? []
        : [
            {
              name: row.name.trim(),
              en: row.en.trim(),
              offDays: [row.offDays[0].format(dateFormat), row.offDays[1].format(dateFormat)] as [
                string,
                string,
              ],
              workdays: sorted(row.workdays),
              statutory: sorted(row.statutory),
            },
          ],
    ),
  };
}

/**
 * An administrator enters a year's public holidays as the State Council announces them each
 * November, or corrects a year (ROSTER-1 head counts on holidays depend on them): the days off,
 * the statutory days among them and the weekend days worked in exchange 调休.
 */
export function HolidayYearEditor({
  entry,
  newYear,
  onClose,
  onSaved,
}: {
  /** the year to correct, or undefined to enter a new one */
  entry: HolidayCalendarEntry | undefined;
  newYear: number;
  onClose: () => void;
  onSaved: (calendars: HolidayCalendarEntry[]) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const initial: Values = {
    year: entry?.year ?? newYear,
    holidays: entry === undefined ? [] : toRows(entry.calendar),
  };

  async function save(values: Values): Promise<void> {
    setSaving(true);
    setError(null);
    try {
      // a shipped year has no stored version: the organization's own copy starts at 0
      const version = entry?.source === 'organization' ? entry.version : 0;
      const { calendars } = await saveHolidayCalendar(values.year, version, toCalendar(values));
      onSaved(calendars);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      width={860}
      title={
        entry === undefined
          ? t('rosterSettings.holidays.addYear')
          : t('rosterSettings.holidays.editYear', { year: entry.year })
      }
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => {
        form.submit();
      }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(values) => void save(values)}
      >
        {error !== null && (
          <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} />
        )}
        <Form.Item
          name="year"
          label={t('rosterSettings.holidays.yearLabel')}
          rules={[{ required: true }]}
        >
          <InputNumber min={2000} max={2100} disabled={entry !== undefined} />
        </Form.Item>
        <Form.List name="holidays">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field) => {
                const row = field.name + 1;
                return (
                  <Flex key={field.key} gap={8} wrap align="start" className="holiday-row">
                    <Form.Item
                      name={[field.name, 'name']}
                      rules={[{ required: true, whitespace: true }]}
                      style={{ width: 110 }}
                    >
                      <Input
                        placeholder={t('rosterSettings.holidays.name')}
                        aria-label={t('rosterSettings.holidays.rowName', { row })}
                        maxLength={40}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'en']}
                      rules={[{ required: true, whitespace: true }]}
                      style={{ width: 140 }}
                    >
                      <Input
                        placeholder={t('rosterSettings.holidays.englishName')}
                        aria-label={t('rosterSettings.holidays.rowEnglish', { row })}
                        maxLength={80}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'offDays']} rules={[{ required: true }]}>
                      <DatePicker.RangePicker
                        aria-label={t('rosterSettings.holidays.rowOffDays', { row })}
                        placeholder={[
                          t('rosterSettings.holidays.firstDay'),
                          t('rosterSettings.holidays.lastDay'),
                        ]}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'statutory']} style={{ minWidth: 150 }}>
                      <DatePicker
                        multiple
                        maxTagCount="responsive"
                        aria-label={t('rosterSettings.holidays.rowStatutory', { row })}
                        placeholder={t('rosterSettings.holidays.statutory')}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'workdays']} style={{ minWidth: 150 }}>
                      <DatePicker
                        multiple
                        maxTagCount="responsive"
                        aria-label={t('rosterSettings.holidays.rowWorkdays', { row })}
                        placeholder={t('rosterSettings.holidays.workdays')}
                      />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined aria-hidden />}
                      aria-label={t('rosterSettings.holidays.removeRow', { row })}
                      onClick={() => {
                        remove(field.name);
                      }}
                    />
                  </Flex>
                );
              })}
              <Space>
                <Button
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => {
                    add({ name: '', en: '', offDays: null, workdays: [], statutory: [] });
                  }}
                >
                  {t('rosterSettings.holidays.addHoliday')}
                </Button>
              </Space>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
