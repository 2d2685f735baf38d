import { useState } from 'react';
import { App, Button, Form, Input, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Assignee, PatrolRoute, Severity } from '../../../api/patrol-rounds.api.ts';
import type { RoundRef } from './offline-queue.ts';
import { enqueuePhotos, patrolQueue } from './patrol-queue.ts';
import { PhotoPicker } from './photo-picker.tsx';
import { useMe } from '../../auth/session-context.tsx';

const severities: Severity[] = ['minor', 'major', 'critical'];
const assignees: Assignee[] = ['duty', 'maintenance', 'cleaning', 'contractor'];
/** datetime-local's format, in the phone's own time */
const localFormat = 'YYYY-MM-DDTHH:mm';

type Values = {
  what: string;
  checkpointId?: string;
  location?: string;
  severity: Severity;
  assignee: Assignee;
  due: string;
};

/**
 * Raising a non-conforming item 不合格项 (issue 8): what, where (a checkpoint or words), how
 * serious, who must correct it and by when, with photos. It goes through the outbox like the
 * round's visits, so it is kept and sent later when there is no connection.
 */
export function RaiseNcForm({
  officeId,
  routes,
  checkpointId,
  round,
  onRaised,
  onCancel,
}: {
  officeId: string;
  routes: readonly PatrolRoute[];
  checkpointId?: string | undefined;
  round?: RoundRef | undefined;
  onRaised: () => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const userId = useMe().user.id;
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const options = routes.flatMap((route) =>
    route.checkpoints.map((checkpoint) => ({
      value: checkpoint.id,
      label: routes.length > 1 ? `${route.name} · ${checkpoint.name}` : checkpoint.name,
    })),
  );
  const submit = async (values: Values) => {
    setBusy(true);
    try {
      const queue = patrolQueue(userId);
      const refs = await enqueuePhotos(queue, officeId, photos);
      await queue.enqueue({
        kind: 'nc',
        officeId,
        round,
        what: values.what.trim(),
        checkpointId: values.checkpointId,
        location: values.location?.trim(),
        severity: values.severity,
        assignee: values.assignee,
        dueAt: dayjs(values.due).toISOString(),
        photos: refs,
      });
      void queue.flush();
      void message.success(t('patrolRound.nc.recorded'));
      onRaised();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={{
        checkpointId,
        severity: 'minor',
        assignee: 'maintenance',
        due: dayjs().add(1, 'day').format(localFormat),
      }}
      onFinish={(values) => void submit(values)}
    >
      <Form.Item
        name="what"
        label={t('patrolRound.nc.what')}
        rules={[{ required: true, whitespace: true, message: t('patrolRound.nc.whatRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={1000} placeholder={t('patrolRound.nc.whatHint')} />
      </Form.Item>
      <Form.Item name="checkpointId" label={t('patrolRound.nc.checkpoint')}>
        <Select
          allowClear
          size="large"
          options={options}
          placeholder={t('patrolRound.nc.checkpointHint')}
        />
      </Form.Item>
      <Form.Item
        name="location"
        label={t('patrolRound.nc.location')}
        dependencies={['checkpointId']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              getFieldValue('checkpointId') !== undefined || (value ?? '').trim() !== ''
                ? Promise.resolve()
                : Promise.reject(new Error(t('patrolRound.nc.whereRequired'))),
          }),
        ]}
      >
        <Input size="large" maxLength={200} placeholder={t('patrolRound.nc.locationHint')} />
      </Form.Item>
      <Form.Item name="severity" label={t('patrolRound.nc.severity')}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          size="large"
          options={severities.map((value) => ({
            value,
            label: t(`patrolRound.nc.severities.${value}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="assignee" label={t('patrolRound.nc.assignee')}>
        <Radio.Group
          optionType="button"
          size="large"
          options={assignees.map((value) => ({
            value,
            label: t(`patrolRound.nc.assignees.${value}`),
          }))}
        />
      </Form.Item>
      <Form.Item
        name="due"
        label={t('patrolRound.nc.due')}
        rules={[
          {
            validator: (_, value: string | undefined) =>
              value !== undefined && dayjs(value).isAfter(dayjs())
                ? Promise.resolve()
                : Promise.reject(new Error(t('patrolRound.nc.dueInFuture'))),
          },
        ]}
      >
        <Input type="datetime-local" size="large" />
      </Form.Item>
      <Form.Item label={t('patrolRound.nc.photos')}>
        <PhotoPicker value={photos} onChange={setPhotos} label={t('patrolRound.photos.add')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block loading={busy}>
        {t('patrolRound.nc.submit')}
      </Button>
      {onCancel !== undefined && (
        <Button size="large" block type="text" onClick={onCancel} style={{ marginTop: 8 }}>
          {t('patrolRound.cancel')}
        </Button>
      )}
    </Form>
  );
}
