import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Image,
  Input,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { CheckCircleOutlined, PaperClipOutlined, RollbackOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-client.ts';
import { fileUrl } from '../../api/duty.api.ts';
import { useOfficeEvents } from '../../api/live-updates.ts';
import {
  correctNonconformance,
  getNonconformance,
  reopenNonconformance,
  verifyNonconformance,
  type Evidence,
  type NcEvent,
  type NonconformanceDetail,
} from '../../api/patrol.api.ts';
import { useLoad } from '../../api/use-load.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { useMe } from '../auth/session-context.tsx';
import {
  attachmentsOf,
  EvidenceField,
  stillUploading,
  type EvidenceFiles,
} from '../evidence/evidence.tsx';
import { useOfficeDateTime } from '../handover/handover-texts.ts';
import { useOffices } from '../shell/office-context.tsx';
import { PrintToolbar } from '../shell/print-toolbar.tsx';
import { ncActionsFor } from './nc-actions.ts';
import { ncStatusColour, severityColour } from './patrol-colours.ts';
import { patrolPath } from './patrol-paths.ts';
import './patrol.css';

/** Photos as thumbnails, a PDF as a link: the server keeps only the name with the hash. */
function EvidenceFilesView({ officeId, files }: { officeId: string; files: readonly Evidence[] }) {
  return (
    <Flex gap={8} wrap>
      {files.map((file, index) =>
        /\.pdf$/i.test(file.fileName) ? (
          <a
            key={`${file.sha256}|${String(index)}`}
            href={fileUrl(officeId, file.sha256)}
            target="_blank"
            rel="noreferrer"
          >
            <PaperClipOutlined aria-hidden /> {file.fileName}
          </a>
        ) : (
          <Image
            key={`${file.sha256}|${String(index)}`}
            src={fileUrl(officeId, file.sha256)}
            alt={file.fileName}
            width={96}
            height={96}
            style={{ objectFit: 'cover' }}
          />
        ),
      )}
    </Flex>
  );
}

function textOf(payload: Record<string, unknown>, key: string): string | null {
  const value = payload[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** One step of the item's history: who, when, and what they wrote or attached. */
function EventLine({
  officeId,
  event,
  files,
  timeZone,
}: {
  officeId: string;
  event: NcEvent;
  files: readonly Evidence[];
  timeZone: string;
}) {
  const { t } = useTranslation();
  const at = useOfficeDateTime(timeZone);
  const text = textOf(event.payload, 'text') ?? textOf(event.payload, 'what');
  const reason = textOf(event.payload, 'reason');
  const hashes = Array.isArray(event.payload.attachments)
    ? event.payload.attachments.filter((value): value is string => typeof value === 'string')
    : [];
  // the same bytes attached twice are stored once: one file per hash the step names
  const attached = hashes.flatMap((hash) => {
    const file = files.find((candidate) => candidate.sha256 === hash);
    return file === undefined ? [] : [file];
  });
  return (
    <Flex vertical gap={2} data-event={event.kind}>
      <span>
        <Typography.Text strong>{t(`patrol.detail.events.${event.kind}`)}</Typography.Text>
        {' · '}
        {event.actorName ?? t('patrol.detail.system')} · {at(event.at)}
      </span>
      {text !== null && <Typography.Text>{text}</Typography.Text>}
      {reason !== null && (
        <Typography.Text type="warning">{t('patrol.detail.reason', { reason })}</Typography.Text>
      )}
      {attached.length > 0 && <EvidenceFilesView officeId={officeId} files={attached} />}
    </Flex>
  );
}

type CorrectForm = { text: string; files?: EvidenceFiles };

/** What the viewer may do now; refusals and a stale version shown where the action is. */
function ActionsCard({
  officeId,
  detail,
  onChanged,
  onReload,
}: {
  officeId: string;
  detail: NonconformanceDetail;
  onChanged: (next: NonconformanceDetail) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useMe();
  const { role } = useOffices();
  const [correctForm] = Form.useForm<CorrectForm>();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const item = detail.item;
  const actions = ncActionsFor(item, { userId: me.user.id, role });
  const stale = isApiError(failure) && failure.status === 409;

  const run = async (step: () => Promise<NonconformanceDetail>, done: string) => {
    setBusy(true);
    setFailure(null);
    try {
      const next = await step();
      void message.success(done);
      onChanged(next);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const failureAlert = failure !== null && (
    <Alert
      type={stale ? 'warning' : 'error'}
      showIcon
      role="alert"
      title={stale ? t('patrol.detail.conflict') : errorText(failure)}
      action={
        stale ? (
          <Button size="small" onClick={onReload}>
            {t('patrol.detail.reload')}
          </Button>
        ) : undefined
      }
    />
  );

  if (item.status === 'verified') {
    return (
      <Card size="small" className="no-print">
        <Alert type="success" showIcon title={t('patrol.detail.closed')} />
      </Card>
    );
  }
  return (
    <Card
      size="small"
      className="no-print"
      title={
        item.status === 'open' ? t('patrol.detail.correctTitle') : t('patrol.detail.verifyTitle')
      }
    >
      <Flex vertical gap={12}>
        {actions.correct && (
          <Form<CorrectForm>
            form={correctForm}
            layout="vertical"
            onFinish={(values) =>
              void run(
                () =>
                  correctNonconformance(officeId, item.id, {
                    version: item.version,
                    text: values.text.trim(),
                    attachments: attachmentsOf(values.files),
                  }),
                t('patrol.detail.corrected'),
              )
            }
          >
            <Form.Item
              name="text"
              label={t('patrol.detail.correctText')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('patrol.detail.correctTextRequired'),
                },
              ]}
            >
              <Input.TextArea
                rows={3}
                maxLength={1000}
                aria-label={t('patrol.detail.correctText')}
              />
            </Form.Item>
            <EvidenceField officeId={officeId} label={t('patrol.detail.correctFiles')} />
            <Form.Item noStyle shouldUpdate>
              {({ getFieldValue }) => {
                const files = getFieldValue('files') as EvidenceFiles | undefined;
                const uploading = stillUploading(files);
                return (
                  <Button
                    type="primary"
                    htmlType="submit"
                    loading={busy}
                    disabled={uploading || attachmentsOf(files).length === 0}
                    title={
                      uploading
                        ? t('patrol.detail.stillUploading')
                        : attachmentsOf(files).length === 0
                          ? t('patrol.detail.correctFilesRequired')
                          : undefined
                    }
                  >
                    {t('patrol.detail.correctSubmit')}
                  </Button>
                );
              }}
            </Form.Item>
            <Form.Item noStyle shouldUpdate>
              {({ getFieldValue }) =>
                attachmentsOf(getFieldValue('files') as EvidenceFiles | undefined).length === 0 ? (
                  <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                    {t('patrol.detail.correctFilesRequired')}
                  </Typography.Paragraph>
                ) : null
              }
            </Form.Item>
          </Form>
        )}
        {actions.verifyBlocked !== null && (
          <Alert
            type="info"
            showIcon
            title={
              actions.verifyBlocked === 'own-correction'
                ? t('patrol.detail.ownCorrection')
                : t('patrol.detail.notSupervisor')
            }
          />
        )}
        {actions.verify && (
          <Button
            type="primary"
            icon={<CheckCircleOutlined aria-hidden />}
            loading={busy}
            style={{ alignSelf: 'flex-start' }}
            onClick={() =>
              void run(
                () => verifyNonconformance(officeId, item.id, item.version),
                t('patrol.detail.verified'),
              )
            }
          >
            {t('patrol.detail.verifySubmit')}
          </Button>
        )}
        {actions.reopen && (
          <Flex gap={8} wrap align="start">
            <Input.TextArea
              rows={2}
              maxLength={1000}
              style={{ flex: '1 1 260px' }}
              aria-label={t('patrol.detail.reopenReason')}
              placeholder={t('patrol.detail.reopenReason')}
              value={reason}
              onChange={(event) => {
                setReason(event.target.value);
              }}
            />
            <Button
              danger
              icon={<RollbackOutlined aria-hidden />}
              loading={busy}
              disabled={reason.trim() === ''}
              title={reason.trim() === '' ? t('patrol.detail.reopenReasonRequired') : undefined}
              onClick={() =>
                void run(
                  () =>
                    reopenNonconformance(officeId, item.id, {
                      version: item.version,
                      reason: reason.trim(),
                    }),
                  t('patrol.detail.reopened'),
                )
              }
            >
              {t('patrol.detail.reopenSubmit')}
            </Button>
          </Flex>
        )}
        {failureAlert}
      </Flex>
    </Card>
  );
}

function NcRecord({
  officeId,
  officeName,
  timeZone,
  detail,
}: {
  officeId: string;
  officeName: string;
  timeZone: string;
  detail: NonconformanceDetail;
}) {
  const { t } = useTranslation();
  const at = useOfficeDateTime(timeZone);
  const item = detail.item;
  const when = (instant: string | null) => (instant === null ? '—' : at(instant));
  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={4} align="center">
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('patrol.detail.title')}
        </Typography.Title>
        <Typography.Text>
          {officeName} ·{' '}
          <Tag color={ncStatusColour[item.status]}>{t(`patrol.nc.statuses.${item.status}`)}</Tag>
          {item.overdue && <Tag color="red">{t('patrol.nc.overdue')}</Tag>}
        </Typography.Text>
      </Flex>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'what', label: t('patrol.nc.what'), span: 'filled', children: item.what },
          {
            key: 'where',
            label: t('patrol.nc.where'),
            children:
              [item.checkpointName, item.location].filter((v) => v !== null).join(' · ') || '—',
          },
          {
            key: 'severity',
            label: t('patrol.nc.severity'),
            children: (
              <Tag color={severityColour[item.severity]}>
                {t(`patrol.nc.severities.${item.severity}`)}
              </Tag>
            ),
          },
          {
            key: 'assignee',
            label: t('patrol.nc.assignee'),
            children: t(`patrol.nc.assignees.${item.assignee}`),
          },
          { key: 'due', label: t('patrol.nc.due'), children: at(item.dueAt) },
          {
            key: 'raised',
            label: t('patrol.detail.raisedAt'),
            children: `${at(item.createdAt)} ${item.createdByName}`,
          },
          {
            key: 'corrected',
            label: t('patrol.detail.correctedAt'),
            children: when(item.correctedAt),
          },
          {
            key: 'verified',
            label: t('patrol.detail.verifiedAt'),
            children: when(item.verifiedAt),
          },
        ]}
      />
      <Card size="small" title={t('patrol.detail.evidence')}>
        {detail.attachments.length === 0 ? (
          <Typography.Text type="secondary">{t('patrol.detail.noEvidence')}</Typography.Text>
        ) : (
          <EvidenceFilesView officeId={officeId} files={detail.attachments} />
        )}
      </Card>
      <Card size="small" title={t('patrol.detail.history')} className="nc-history">
        <Timeline
          items={detail.events.map((event) => ({
            key: event.seq,
            color:
              event.kind === 'verified'
                ? 'green'
                : event.kind === 'reopened' || event.kind === 'overdue'
                  ? 'red'
                  : 'blue',
            content: (
              <EventLine
                officeId={officeId}
                event={event}
                files={detail.attachments}
                timeZone={timeZone}
              />
            ),
          }))}
        />
      </Card>
    </Flex>
  );
}

/**
 * One non-conforming item 不合格项 (issue 8, point 3): what, where, photos, its history, and the
 * step the viewer may take — correct with evidence, verify (a supervisor who did not correct
 * it, WORK-3) or reopen with a reason. Printable like the handover record.
 */
export function NcDetailPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const { office } = useOffices();
  const { ncId = '' } = useParams();
  const officeId = office?.id ?? null;
  const [changed, setChanged] = useState<NonconformanceDetail | null>(null);
  const load = useLoad(
    () => (officeId === null ? Promise.resolve(null) : getNonconformance(officeId, ncId)),
    `${officeId ?? ''}|${ncId}`,
  );
  // a newer load wins over the answer to one's own step (see `detail` below)
  const reload = load.reload;
  useOfficeEvents(officeId, ['nonconformances', 'nc'], reload);

  if (office === undefined || officeId === null)
    return <Empty description={t('patrol.noOffice')} />;
  const loaded = load.state.status === 'ready' ? load.state.value : null;
  // the answer of one's own step is newer than the load, until the next load
  const detail =
    changed !== null && (loaded === null || changed.item.version >= loaded.item.version)
      ? changed
      : loaded;
  return (
    <div className="nc-record" style={{ maxWidth: 960 }}>
      <PrintToolbar
        backLabel={t('patrol.detail.back')}
        onBack={() => void navigate(`${patrolPath}?tab=nonconformances`)}
        printLabel={t('patrol.detail.print')}
      />
      {load.state.status === 'loading' && <Spin />}
      {load.state.status === 'failed' && (
        <Alert type="error" showIcon title={errorText(load.state.error)} />
      )}
      {detail !== null && (
        <Flex vertical gap={16}>
          <NcRecord
            officeId={officeId}
            officeName={office.name}
            timeZone={office.timeZone}
            detail={detail}
          />
          <ActionsCard
            key={`${detail.item.id}|${String(detail.item.version)}`}
            officeId={officeId}
            detail={detail}
            onChanged={setChanged}
            onReload={reload}
          />
        </Flex>
      )}
    </div>
  );
}
