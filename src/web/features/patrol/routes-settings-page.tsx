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
  Segmented,
  Select,
  Spin,
  Typography,
} from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
  PrinterOutlined,
} from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-client.ts';
import { useOfficeEvents } from '../../api/live-updates.ts';
import {
  createPatrolRoute,
  listPatrolRoutes,
  updatePatrolRoute,
  type PatrolRoute,
} from '../../api/patrol.api.ts';
import { useLoad } from '../../api/use-load.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { useOfficeDateTime } from '../handover/handover-texts.ts';
import { useOffices } from '../shell/office-context.tsx';
import { labelSheetPath } from './patrol-paths.ts';
import {
  emptyRouteForm,
  formOfRoute,
  routeBodyOf,
  routeFieldErrors,
  type CheckpointRow,
  type RouteForm,
} from './route-form.ts';

const newRouteKey = 'new';

/** After a move, the same button of the moved row keeps the focus (keyboard reordering). */
function focusLater(id: string): void {
  window.requestAnimationFrame(() => {
    document.getElementById(id)?.focus();
  });
}

function RouteEditor({
  officeId,
  timeZone,
  shifts,
  route,
  canEdit,
  onSaved,
  onReload,
}: {
  officeId: string;
  timeZone: string;
  shifts: readonly { code: string; name: string; startTime: string; endTime: string }[];
  route: PatrolRoute | null;
  canEdit: boolean;
  onSaved: (saved: PatrolRoute) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const at = useOfficeDateTime(timeZone);
  const [form] = Form.useForm<RouteForm>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const stale = isApiError(failure) && failure.status === 409;
  const invalid = isApiError(failure) && failure.code === 'VALIDATION_FAILED';

  const save = async (values: RouteForm) => {
    setSaving(true);
    setFailure(null);
    try {
      const body = routeBodyOf(values);
      const saved =
        route === null
          ? await createPatrolRoute(officeId, body)
          : await updatePatrolRoute(officeId, route.id, route.version, body);
      void message.success(t('patrol.routes.saved'));
      onSaved(saved);
    } catch (error) {
      setFailure(error);
      const fields = routeFieldErrors(t, error);
      if (fields.length > 0) form.setFields(fields as Parameters<typeof form.setFields>[0]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      size="small"
      title={route?.name ?? t('patrol.routes.newRoute')}
      extra={
        route !== null && (
          <Flex gap={8} align="center" wrap>
            <Typography.Text type="secondary">
              {t('patrol.routes.version', { version: route.version, time: at(route.updatedAt) })}
            </Typography.Text>
            <Link to={labelSheetPath(route.id)}>
              <Button size="small" icon={<PrinterOutlined aria-hidden />}>
                {t('patrol.routes.labels')}
              </Button>
            </Link>
          </Flex>
        )
      }
    >
      <Form<RouteForm>
        form={form}
        layout="vertical"
        disabled={!canEdit}
        initialValues={route === null ? emptyRouteForm : formOfRoute(route)}
        onFinish={(values) => void save(values)}
      >
        <Form.Item
          name="name"
          label={t('patrol.routes.name')}
          rules={[{ required: true, whitespace: true, message: t('patrol.routes.nameRequired') }]}
        >
          <Input maxLength={60} style={{ maxWidth: 360 }} />
        </Form.Item>

        <Typography.Title level={5}>{t('patrol.routes.checkpoints')}</Typography.Title>
        <Form.List name="checkpoints">
          {(fields, { add, remove, move }) => (
            <Flex vertical gap={8}>
              {fields.map((field, index) => {
                const code = (
                  form.getFieldValue(['checkpoints', field.name]) as CheckpointRow | undefined
                )?.code;
                const label = t('patrol.routes.checkpoint', { n: index + 1 });
                return (
                  <Card
                    key={field.key}
                    size="small"
                    type="inner"
                    role="group"
                    aria-label={label}
                    title={
                      <Flex gap={8} align="center" wrap>
                        <span>{label}</span>
                        <Typography.Text code={code !== undefined} type="secondary">
                          {code === undefined
                            ? t('patrol.routes.codeAfterSave')
                            : t('patrol.routes.code', { code })}
                        </Typography.Text>
                      </Flex>
                    }
                    extra={
                      canEdit && (
                        <Flex gap={4}>
                          <Button
                            size="small"
                            id={`checkpoint-up-${String(index)}`}
                            icon={<ArrowUpOutlined aria-hidden />}
                            aria-label={`${t('patrol.routes.moveUp')} ${label}`}
                            title={t('patrol.routes.moveUp')}
                            disabled={index === 0}
                            onClick={() => {
                              move(index, index - 1);
                              // at the top the up button is disabled: the down button keeps the focus
                              focusLater(
                                index - 1 === 0
                                  ? 'checkpoint-down-0'
                                  : `checkpoint-up-${String(index - 1)}`,
                              );
                            }}
                          />
                          <Button
                            size="small"
                            id={`checkpoint-down-${String(index)}`}
                            icon={<ArrowDownOutlined aria-hidden />}
                            aria-label={`${t('patrol.routes.moveDown')} ${label}`}
                            title={t('patrol.routes.moveDown')}
                            disabled={index === fields.length - 1}
                            onClick={() => {
                              move(index, index + 1);
                              focusLater(
                                index + 1 === fields.length - 1
                                  ? `checkpoint-up-${String(index + 1)}`
                                  : `checkpoint-down-${String(index + 1)}`,
                              );
                            }}
                          />
                          <Button
                            size="small"
                            danger
                            icon={<DeleteOutlined aria-hidden />}
                            aria-label={`${t('patrol.routes.removeCheckpoint')} ${label}`}
                            title={t('patrol.routes.removeCheckpoint')}
                            disabled={fields.length === 1}
                            onClick={() => {
                              remove(field.name);
                            }}
                          />
                        </Flex>
                      )
                    }
                  >
                    <Flex gap={12} wrap align="start">
                      <Form.Item
                        name={[field.name, 'name']}
                        label={t('patrol.routes.checkpointName')}
                        style={{ flex: '1 1 200px', marginBottom: 0 }}
                        rules={[
                          {
                            required: true,
                            whitespace: true,
                            message: t('patrol.routes.checkpointNameRequired'),
                          },
                        ]}
                      >
                        <Input maxLength={60} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'checklist']}
                        label={t('patrol.routes.checklist')}
                        style={{ flex: '2 1 260px', marginBottom: 0 }}
                      >
                        <Input.TextArea
                          autoSize={{ minRows: 2, maxRows: 8 }}
                          placeholder={t('patrol.routes.checklistHint')}
                        />
                      </Form.Item>
                    </Flex>
                  </Card>
                );
              })}
              {canEdit && (
                <Button
                  icon={<PlusOutlined aria-hidden />}
                  style={{ alignSelf: 'flex-start' }}
                  disabled={fields.length >= 50}
                  onClick={() => {
                    add({ name: '', checklist: '' });
                  }}
                >
                  {t('patrol.routes.addCheckpoint')}
                </Button>
              )}
            </Flex>
          )}
        </Form.List>

        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('patrol.routes.plannedRounds')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {t('patrol.routes.plannedRoundsHint')}
        </Typography.Paragraph>
        <Form.List name="plannedRounds">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field, index) => {
                const label = t('patrol.routes.plannedRound', { n: index + 1 });
                return (
                  <Flex key={field.key} gap={8} wrap align="end" role="group" aria-label={label}>
                    <Form.Item
                      name={[field.name, 'shiftCode']}
                      label={t('patrol.routes.shift')}
                      style={{ flex: '1 1 160px', marginBottom: 0 }}
                      rules={[{ required: true, message: t('patrol.routes.shiftRequired') }]}
                    >
                      <Select
                        aria-label={t('patrol.routes.shift')}
                        options={shifts.map((shift) => ({
                          value: shift.code,
                          label: `${shift.name} ${shift.startTime}–${shift.endTime}`,
                        }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'offsetMinutes']}
                      label={t('patrol.routes.offset')}
                      style={{ flex: '0 0 150px', marginBottom: 0 }}
                      rules={[{ required: true, message: t('patrol.routes.fieldInvalid') }]}
                    >
                      <InputNumber min={0} max={1440} style={{ width: '100%' }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'windowMinutes']}
                      label={t('patrol.routes.windowMinutes')}
                      style={{ flex: '0 0 150px', marginBottom: 0 }}
                      rules={[{ required: true, message: t('patrol.routes.fieldInvalid') }]}
                    >
                      <InputNumber min={5} max={720} style={{ width: '100%' }} />
                    </Form.Item>
                    {canEdit && (
                      <Button
                        danger
                        icon={<DeleteOutlined aria-hidden />}
                        aria-label={`${t('patrol.routes.removePlan')} ${label}`}
                        title={t('patrol.routes.removePlan')}
                        onClick={() => {
                          remove(field.name);
                        }}
                      />
                    )}
                  </Flex>
                );
              })}
              {canEdit && (
                <Button
                  icon={<PlusOutlined aria-hidden />}
                  style={{ alignSelf: 'flex-start' }}
                  disabled={fields.length >= 12 || shifts.length === 0}
                  onClick={() => {
                    add({ shiftCode: shifts[0]?.code, offsetMinutes: 60, windowMinutes: 60 });
                  }}
                >
                  {t('patrol.routes.addPlan')}
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
            title={
              stale
                ? t('patrol.routes.conflict')
                : invalid
                  ? t('patrol.routes.invalid')
                  : errorText(failure)
            }
            action={
              stale ? (
                <Button size="small" onClick={onReload}>
                  {t('patrol.routes.reload')}
                </Button>
              ) : undefined
            }
          />
        )}
        {canEdit && (
          <Button type="primary" htmlType="submit" loading={saving} style={{ marginTop: 16 }}>
            {t('patrol.routes.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

/**
 * 巡查路线 (issue 8, point 1): the supervisor lays out each route's ordered checkpoints with
 * their checklists and the rounds planned per shift; staff read it. A checkpoint's code (and
 * QR label) is given on saving and kept while the checkpoint is; a stale save is refused (409).
 */
export function PatrolRoutesSettingsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { office, role } = useOffices();
  const officeId = office?.id ?? null;
  const [chosen, setChosen] = useState<string | null>(null);
  const load = useLoad(
    () => (officeId === null ? Promise.resolve([]) : listPatrolRoutes(officeId)),
    officeId ?? '',
  );
  useOfficeEvents(officeId, ['patrol-routes'], load.reload);
  const canEdit = role === 'supervisor' || role === 'director';

  if (office === undefined || officeId === null) {
    return <Empty description={t('patrol.noOffice')} />;
  }
  const routes = load.state.status === 'ready' ? load.state.value : [];
  const selected = chosen ?? routes[0]?.id ?? (canEdit ? newRouteKey : null);
  const route = routes.find((candidate) => candidate.id === selected) ?? null;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 960 }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('patrol.routes.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('patrol.routes.intro')}
      </Typography.Paragraph>
      {!canEdit && <Alert type="info" showIcon title={t('patrol.routes.readOnly')} />}
      {load.state.status === 'loading' && <Spin />}
      {load.state.status === 'failed' && (
        <Alert type="error" showIcon title={errorText(load.state.error)} />
      )}
      {load.state.status === 'ready' && (
        <>
          {routes.length === 0 && !canEdit && <Empty description={t('patrol.routes.none')} />}
          {(routes.length > 0 || canEdit) && (
            <Flex gap={8} wrap align="center">
              {routes.length > 0 && (
                <Segmented<string>
                  aria-label={t('patrol.routes.title')}
                  value={selected ?? ''}
                  options={[
                    ...routes.map((r) => ({ value: r.id, label: r.name })),
                    ...(canEdit && selected === newRouteKey
                      ? [{ value: newRouteKey, label: t('patrol.routes.newRoute') }]
                      : []),
                  ]}
                  onChange={(value) => {
                    setChosen(value);
                  }}
                />
              )}
              {canEdit && selected !== newRouteKey && (
                <Button
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => {
                    setChosen(newRouteKey);
                  }}
                >
                  {t('patrol.routes.add')}
                </Button>
              )}
            </Flex>
          )}
          {selected !== null && (route !== null || selected === newRouteKey) && (
            <RouteEditor
              // a new version is a new form: the form's store would otherwise keep the old rows
              key={route === null ? newRouteKey : `${route.id}|${String(route.version)}`}
              officeId={officeId}
              timeZone={office.timeZone}
              shifts={office.shiftTemplates}
              route={route}
              canEdit={canEdit}
              onSaved={(saved) => {
                setChosen(saved.id);
                load.reload();
              }}
              onReload={load.reload}
            />
          )}
        </>
      )}
    </Flex>
  );
}
