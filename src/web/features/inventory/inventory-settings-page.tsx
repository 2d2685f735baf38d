import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Spin,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-client.ts';
import { getInventory, saveInventory, type PostInventory } from '../../api/handover.api.ts';
import { useLoad } from '../../api/use-load.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { useOfficeDateTime } from '../handover/handover-texts.ts';
import { useOffices } from '../shell/office-context.tsx';

type ItemRow = {
  id?: string;
  name: string;
  quantity: number;
  condition: 'ok' | 'damaged';
  note?: string;
};
type InventoryForm = { items: ItemRow[] };

/** The names listed more than once (the server refuses them too). */
function duplicateNames(items: readonly ItemRow[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const item of items) {
    const name = item.name.trim();
    if (name === '') continue;
    if (seen.has(name)) twice.add(name);
    seen.add(name);
  }
  return twice;
}

function InventoryEditor({
  officeId,
  timeZone,
  inventory,
  canEdit,
  onSaved,
  onReload,
}: {
  officeId: string;
  timeZone: string;
  inventory: PostInventory;
  canEdit: boolean;
  onSaved: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const at = useOfficeDateTime(timeZone);
  const [form] = Form.useForm<InventoryForm>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const stale = isApiError(failure) && failure.status === 409;

  const save = async (values: InventoryForm) => {
    setSaving(true);
    setFailure(null);
    try {
      await saveInventory(officeId, inventory.postId, {
        version: inventory.version,
        items: values.items.map((item) => {
          const note = item.note?.trim() ?? '';
          return {
            ...(item.id === undefined ? {} : { id: item.id }),
            name: item.name.trim(),
            quantity: item.quantity,
            condition: item.condition,
            ...(note === '' ? {} : { note }),
          };
        }),
      });
      void message.success(t('handover.inventory.saved'));
      onSaved();
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      size="small"
      title={inventory.postName}
      extra={
        <Typography.Text type="secondary">
          {inventory.version === 0 || inventory.updatedAt === null
            ? t('handover.inventory.never')
            : t('handover.inventory.version', {
                version: inventory.version,
                name: inventory.updatedByName ?? '—',
                time: at(inventory.updatedAt),
              })}
        </Typography.Text>
      }
    >
      {!canEdit && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('handover.inventory.readOnly')}
        />
      )}
      <Form<InventoryForm>
        form={form}
        disabled={!canEdit}
        initialValues={{
          items: inventory.items.map((item) => ({
            id: item.id,
            name: item.name,
            quantity: item.quantity,
            condition: item.condition,
            ...(item.note === null ? {} : { note: item.note }),
          })),
        }}
        onFinish={(values) => void save(values)}
      >
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field, index) => (
                <Flex
                  key={field.key}
                  gap={8}
                  wrap
                  align="start"
                  role="group"
                  aria-label={`${t('handover.inventory.name')} ${String(index + 1)}`}
                >
                  <Form.Item
                    name={[field.name, 'name']}
                    style={{ flex: '2 1 180px', marginBottom: 0 }}
                    rules={[
                      {
                        required: true,
                        whitespace: true,
                        message: t('handover.inventory.nameRequired'),
                      },
                      {
                        validator: (_, value: string | undefined) => {
                          const items =
                            (form.getFieldValue('items') as ItemRow[] | undefined) ?? [];
                          return value !== undefined && duplicateNames(items).has(value.trim())
                            ? Promise.reject(new Error(t('handover.inventory.duplicate')))
                            : Promise.resolve();
                        },
                      },
                    ]}
                  >
                    <Input
                      maxLength={60}
                      aria-label={t('handover.inventory.name')}
                      placeholder={t('handover.inventory.name')}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'quantity']}
                    style={{ flex: '0 0 110px', marginBottom: 0 }}
                    rules={[{ required: true }]}
                  >
                    <InputNumber
                      min={0}
                      max={999}
                      aria-label={t('handover.inventory.quantity')}
                      placeholder={t('handover.inventory.quantity')}
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'condition']}
                    style={{ flex: '0 0 100px', marginBottom: 0 }}
                  >
                    <Select
                      aria-label={t('handover.count.condition')}
                      options={(['ok', 'damaged'] as const).map((value) => ({
                        value,
                        label: t(`handover.count.conditions.${value}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'note']}
                    style={{ flex: '3 1 200px', marginBottom: 0 }}
                  >
                    <Input
                      maxLength={200}
                      aria-label={t('handover.inventory.note')}
                      placeholder={t('handover.inventory.note')}
                    />
                  </Form.Item>
                  {canEdit && (
                    <Button
                      danger
                      icon={<DeleteOutlined aria-hidden />}
                      aria-label={t('handover.inventory.remove')}
                      onClick={() => {
                        remove(field.name);
                      }}
                    />
                  )}
                </Flex>
              ))}
              {canEdit && (
                <Button
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => {
                    add({ quantity: 1, condition: 'ok' });
                  }}
                  style={{ alignSelf: 'flex-start' }}
                >
                  {t('handover.inventory.add')}
                </Button>
              )}
            </Flex>
          )}
        </Form.List>
        {failure !== null && (
          <Alert
            type={stale ? 'warning' : 'error'}
            showIcon
            role="alert"
            style={{ marginTop: 12 }}
            title={stale ? t('handover.inventory.conflict') : errorText(failure)}
            action={
              stale ? (
                <Button size="small" onClick={onReload}>
                  {t('handover.inventory.reload')}
                </Button>
              ) : undefined
            }
          />
        )}
        {canEdit && (
          <Button type="primary" htmlType="submit" loading={saving} style={{ marginTop: 16 }}>
            {t('handover.inventory.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

/**
 * 岗位物品: the items of each post that the incoming person counts at every handover (HO-IN-2)
 * and the outgoing person puts in order (HO-OUT-1). Supervisors and the director keep the
 * list; a save made on an old version (someone else saved meanwhile) is refused with 409.
 */
export function InventorySettingsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { office, role } = useOffices();
  const officeId = office?.id ?? null;
  const posts = office?.posts ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const postId = chosen ?? posts[0]?.id ?? null;
  const [attempt, setAttempt] = useState(0);
  const inventory = useLoad(
    () =>
      officeId === null || postId === null ? Promise.resolve(null) : getInventory(officeId, postId),
    `${officeId ?? ''}|${postId ?? ''}|${String(attempt)}`,
  );
  const canEdit = role === 'supervisor' || role === 'director';
  const reload = () => {
    setAttempt((n) => n + 1);
  };

  if (office === undefined || officeId === null) {
    return <Empty description={t('handover.noOffice')} />;
  }
  return (
    <Flex vertical gap={16} style={{ maxWidth: 880 }}>
      <Typography.Title level={2}>{t('handover.inventory.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('handover.inventory.intro')}</Typography.Paragraph>
      {posts.length === 0 ? (
        <Empty description={t('handover.inventory.noPosts')} />
      ) : (
        <Flex gap={8} align="center">
          <Typography.Text>{t('handover.inventory.post')}</Typography.Text>
          <Select
            aria-label={t('handover.inventory.post')}
            value={postId}
            style={{ minWidth: 200 }}
            options={posts.map((post) => ({ value: post.id, label: post.name }))}
            onChange={(id: string) => {
              setChosen(id);
            }}
          />
        </Flex>
      )}
      {inventory.state.status === 'loading' && <Spin />}
      {inventory.state.status === 'failed' && (
        <Alert type="error" showIcon title={errorText(inventory.state.error)} />
      )}
      {inventory.state.status === 'ready' && inventory.state.value !== null && (
        <InventoryEditor
          // a new version is a new form: the form's store would otherwise keep the old rows
          key={`${inventory.state.value.postId}|${String(inventory.state.value.version)}`}
          officeId={officeId}
          timeZone={office.timeZone}
          inventory={inventory.state.value}
          canEdit={canEdit}
          onSaved={reload}
          onReload={reload}
        />
      )}
    </Flex>
  );
}
