import { useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Radio, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-client.ts';
import {
  createDeskItem,
  type CreateDeskItemBody,
  type DeskItemDetail,
} from '../../api/desk.api.ts';
import { fieldPathOf } from '../../api/form-errors.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import {
  attachmentsOf,
  EvidenceField,
  stillUploading,
  type EvidenceFiles,
} from '../evidence/evidence.tsx';

type Values = {
  kind: 'inquiry' | 'help';
  priority: 'normal' | 'important' | 'major';
  channel: 'walk-in' | 'phone' | 'wechat' | 'other';
  residentName?: string;
  unit?: string;
  phone?: string;
  subject: string;
  answer?: string;
  files?: EvidenceFiles;
};

const channels = ['walk-in', 'phone', 'wechat', 'other'] as const;
const priorities = ['normal', 'important', 'major'] as const;

/**
 * The quick form at the desk (WORK-1, WORK-2): who, where, how they reached us, what they
 * asked. An inquiry answered on the spot closes at once; Ctrl+Enter saves from anywhere.
 */
export function ItemForm({
  officeId,
  onCreated,
}: {
  officeId: string;
  onCreated: (detail: DeskItemDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const priority = Form.useWatch('priority', form);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const submit = async (values: Values) => {
    if (stillUploading(values.files)) return;
    setSaving(true);
    setFailure(null);
    const body: CreateDeskItemBody = {
      kind: values.kind,
      priority: values.priority,
      channel: values.channel,
      subject: values.subject,
      ...(values.residentName ? { residentName: values.residentName } : {}),
      ...(values.unit ? { unit: values.unit } : {}),
      ...(values.phone ? { phone: values.phone } : {}),
      ...(values.kind === 'inquiry' && values.answer ? { answer: values.answer } : {}),
      attachments: attachmentsOf(values.files),
    };
    try {
      const detail = await createDeskItem(officeId, body);
      void message.success(
        t(detail.item.status === 'closed' ? 'desk.form.closedOnSpot' : 'desk.form.saved'),
      );
      form.resetFields(['residentName', 'unit', 'phone', 'subject', 'answer', 'files']);
      onCreated(detail);
    } catch (error) {
      if (isApiError(error)) {
        form.setFields(
          error.details.map((detail) => ({
            name: fieldPathOf(detail.path)[0] as keyof Values,
            errors: [t('desk.form.fieldProblem')],
          })),
        );
      }
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('desk.form.title')}>
      <Form<Values>
        form={form}
        name="desk-item"
        layout="vertical"
        initialValues={{ kind: 'help', priority: 'normal', channel: 'walk-in' }}
        onFinish={(values) => void submit(values)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            form.submit();
          }
        }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t('desk.form.kind')}>
              <Radio.Group optionType="button" buttonStyle="solid">
                <Radio.Button value="inquiry">{t('desk.kinds.inquiry')}</Radio.Button>
                <Radio.Button value="help">{t('desk.kinds.help')}</Radio.Button>
              </Radio.Group>
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="priority" label={t('desk.form.priority')}>
              <Radio.Group optionType="button">
                {priorities.map((p) => (
                  <Radio.Button key={p} value={p}>
                    {t(`desk.priorities.${p}`)}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
          </Col>
        </Row>
        {priority === 'major' && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('desk.form.majorNote')}
          />
        )}
        <Row gutter={12}>
          <Col xs={24} sm={6}>
            <Form.Item name="channel" label={t('desk.form.channel')}>
              <Select
                options={channels.map((c) => ({ value: c, label: t(`desk.channels.${c}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="residentName" label={t('desk.form.residentName')}>
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="unit" label={t('desk.form.unit')}>
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={6}>
            <Form.Item
              name="phone"
              label={t('desk.form.phone')}
              rules={[{ pattern: /^[0-9+\-() ]{0,30}$/, message: t('desk.form.phoneInvalid') }]}
            >
              <Input maxLength={30} inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="subject"
          label={t(kind === 'inquiry' ? 'desk.form.question' : 'desk.form.subject')}
          rules={[{ required: true, whitespace: true, message: t('desk.form.subjectRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        {kind === 'inquiry' && (
          <Form.Item name="answer" label={t('desk.form.answer')} extra={t('desk.form.answerHint')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        )}
        <EvidenceField officeId={officeId} />
        {failure !== null && (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(failure)} />
        )}
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('desk.form.submit')}
        </Button>{' '}
        <Typography.Text type="secondary">{t('desk.form.shortcut')}</Typography.Text>
      </Form>
    </Card>
  );
}
