import {
  Alert,
  Button,
  Checkbox,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Radio,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { fileUrl } from '../../api/duty.api.ts';
import { getInventory } from '../../api/handover.api.ts';
import { useLoad } from '../../api/use-load.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { LogEntryView } from '../duty-log/duty-log-panel.tsx';
import { useOfficeTime } from '../duty-log/on-duty-panel.tsx';
import {
  attachmentsOf,
  EvidenceField,
  stillUploading,
  type EvidenceFiles,
} from '../evidence/evidence.tsx';
import { useOfficeDateTime } from './handover-texts.ts';
import { FollowUpLine } from './outgoing-cards.tsx';
import { ListRows } from './list-rows.tsx';
import { StepAction, StepCard } from './step-card.tsx';
import { StepRefusal, useHandoverStep, type HandoverStepContext } from './use-handover-step.tsx';

type IncomingProps = HandoverStepContext & {
  timeZone: string;
  /** the incoming person, before the seal: the only one who takes these steps */
  canAct: boolean;
  /** the outgoing person, or a supervisor once they have signed: explains what is found */
  canExplain: boolean;
};

type ExplainForm = { text: string };

/**
 * HO-IN-2, HO-IN-4: the outgoing person's explanation of a missing or damaged item or an
 * anomaly, entered next to it; recorded once and shown to everyone after.
 */
function ExplainBox({
  context,
  target,
  explanation,
  canExplain,
}: {
  context: HandoverStepContext;
  target: { type: 'item' | 'anomaly'; id: string };
  explanation: string | null;
  canExplain: boolean;
}) {
  const { t } = useTranslation();
  const step = useHandoverStep(context);
  const [form] = Form.useForm<ExplainForm>();
  if (explanation !== null) {
    return (
      <Typography.Text style={{ overflowWrap: 'anywhere' }}>
        <Tag color="green">{t('handover.explain.label')}</Tag>
        {explanation}
      </Typography.Text>
    );
  }
  if (!canExplain) return <Tag color="orange">{t('handover.explain.pending')}</Tag>;
  return (
    <Flex vertical gap={4} style={{ width: '100%' }}>
      <Form<ExplainForm>
        form={form}
        layout="inline"
        style={{ rowGap: 8 }}
        onFinish={(values) => void step.run({ kind: 'explain', target, text: values.text })}
      >
        <Form.Item
          name="text"
          rules={[{ required: true, whitespace: true }]}
          style={{ flex: '1 1 220px', marginInlineEnd: 8 }}
        >
          <Input
            aria-label={t('handover.explain.label')}
            placeholder={t('handover.explain.placeholder')}
            maxLength={1000}
          />
        </Form.Item>
        <Button htmlType="submit" type="primary" loading={step.busy}>
          {t('handover.explain.submit')}
        </Button>
      </Form>
      <StepRefusal failure={step.failure} handover={context.handover} />
    </Flex>
  );
}

type CountForm = {
  lines: { counted: number; condition: 'ok' | 'damaged'; note?: string }[];
};

/**
 * HO-IN-2: every item of the post's list counted, with its condition and a note; what is
 * missing or damaged then waits for the outgoing person's explanation next to it.
 */
export function CountCard(props: IncomingProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const time = useOfficeTime(props.timeZone);
  const step = useHandoverStep(props);
  const { handover } = props;
  const { countedAt, discrepancies, inventoryVersion } = handover.checklist;
  const needInventory = countedAt === null && props.canAct;
  const inventory = useLoad(
    () => (needInventory ? getInventory(props.officeId, handover.postId) : Promise.resolve(null)),
    `${props.officeId}|${handover.postId}|${String(needInventory)}`,
  );

  let form = null;
  if (needInventory) {
    if (inventory.state.status === 'loading') form = <Spin />;
    else if (inventory.state.status === 'failed') {
      form = <Alert type="error" showIcon title={errorText(inventory.state.error)} />;
    } else if (inventory.state.value !== null) {
      const list = inventory.state.value;
      form = (
        <Form<CountForm>
          key={list.version}
          layout="vertical"
          initialValues={{
            lines: list.items.map((item) => ({
              counted: item.quantity,
              condition: item.condition,
            })),
          }}
          onFinish={(values) =>
            void step
              .run({
                kind: 'count',
                inventoryVersion: list.version,
                lines: list.items.map((item, index) => {
                  const line = values.lines[index];
                  const note = line?.note?.trim() ?? '';
                  return {
                    itemId: item.id,
                    counted: line?.counted ?? 0,
                    condition: line?.condition ?? 'ok',
                    ...(note === '' ? {} : { note }),
                  };
                }),
              })
              .then((ok) => {
                // the list may have changed meanwhile (a supervisor saved a new version)
                if (!ok) inventory.reload();
              })
          }
        >
          {list.items.length === 0 && (
            <Alert type="warning" showIcon title={t('handover.count.noInventory')} />
          )}
          <List
            size="small"
            dataSource={list.items}
            rowKey="id"
            renderItem={(item, index) => (
              <List.Item>
                <Flex
                  vertical
                  gap={4}
                  style={{ width: '100%' }}
                  role="group"
                  aria-label={item.name}
                >
                  <Flex gap={8} wrap align="baseline">
                    <Typography.Text strong>{item.name}</Typography.Text>
                    <Typography.Text type="secondary">
                      {t('handover.count.expected', { count: item.quantity })}
                    </Typography.Text>
                    {item.note !== null && (
                      <Typography.Text type="secondary">{item.note}</Typography.Text>
                    )}
                  </Flex>
                  <Flex gap={8} wrap align="center">
                    <Form.Item
                      name={['lines', index, 'counted']}
                      noStyle
                      rules={[{ required: true }]}
                    >
                      <InputNumber
                        min={0}
                        max={999}
                        aria-label={`${item.name} ${t('handover.count.counted')}`}
                        prefix={t('handover.count.counted')}
                        style={{ width: 150 }}
                      />
                    </Form.Item>
                    <Form.Item name={['lines', index, 'condition']} noStyle>
                      <Radio.Group
                        optionType="button"
                        aria-label={`${item.name} ${t('handover.count.condition')}`}
                        options={(['ok', 'damaged'] as const).map((c) => ({
                          value: c,
                          label: t(`handover.count.conditions.${c}`),
                        }))}
                      />
                    </Form.Item>
                    <Form.Item name={['lines', index, 'note']} noStyle>
                      <Input
                        aria-label={`${item.name} ${t('handover.count.note')}`}
                        placeholder={t('handover.count.note')}
                        maxLength={500}
                        style={{ flex: '1 1 160px' }}
                      />
                    </Form.Item>
                  </Flex>
                </Flex>
              </List.Item>
            )}
          />
          <Button type="primary" htmlType="submit" loading={step.busy}>
            {t('handover.count.submit')}
          </Button>
        </Form>
      );
    }
  }

  return (
    <StepCard
      id="handover-count"
      title={t('handover.count.title')}
      rules={['HO-IN-2']}
      hint={t('handover.count.hint')}
      done={countedAt !== null}
    >
      {countedAt === null && !props.canAct && (
        <Typography.Text type="secondary">{t('handover.count.notYet')}</Typography.Text>
      )}
      {form}
      {countedAt !== null && (
        <>
          <Typography.Text type="success">
            {t('handover.count.countedAt', {
              time: time(countedAt),
              version: inventoryVersion ?? 0,
            })}
          </Typography.Text>
          {discrepancies.length === 0 ? (
            <Typography.Text>{t('handover.count.allOk')}</Typography.Text>
          ) : (
            <List
              size="small"
              bordered
              dataSource={discrepancies}
              rowKey="itemId"
              renderItem={(line) => (
                <List.Item>
                  <Flex vertical gap={6} style={{ width: '100%', minWidth: 0 }}>
                    <Flex gap={4} wrap align="center">
                      <Typography.Text strong>
                        {t('handover.count.discrepancy', {
                          name: line.name,
                          expected: line.expected,
                          counted: line.counted,
                        })}
                      </Typography.Text>
                      {line.counted < line.expected && (
                        <Tag color="red">
                          {t('handover.count.missing', { count: line.expected - line.counted })}
                        </Tag>
                      )}
                      {line.condition === 'damaged' && (
                        <Tag color="orange">{t('handover.count.conditions.damaged')}</Tag>
                      )}
                      {line.note !== null && (
                        <Typography.Text type="secondary">{line.note}</Typography.Text>
                      )}
                    </Flex>
                    <ExplainBox
                      context={props}
                      target={{ type: 'item', id: line.itemId }}
                      explanation={line.explanation}
                      canExplain={props.canExplain}
                    />
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </>
      )}
      <StepRefusal failure={step.failure} handover={handover} />
    </StepCard>
  );
}

/** HO-IN-3: each entry of the previous shift's log read and marked read by the incoming person. */
export function ReadLogCard(props: IncomingProps) {
  const { t } = useTranslation();
  const at = useOfficeDateTime(props.timeZone);
  const step = useHandoverStep(props);
  const { logEntries, checklist } = props.handover;
  const read = new Set(checklist.readEntryIds);
  const unread = logEntries.filter((entry) => !read.has(entry.id)).map((entry) => entry.id);
  return (
    <StepCard
      id="handover-read-log"
      title={t('handover.readLog.title')}
      rules={['HO-IN-3']}
      hint={t('handover.readLog.hint')}
      done={unread.length === 0}
    >
      {logEntries.length === 0 ? (
        <Typography.Text>{t('handover.readLog.none')}</Typography.Text>
      ) : (
        <>
          <Flex gap={8} wrap align="center">
            <Typography.Text>
              {t('handover.readLog.progress', {
                read: logEntries.length - unread.length,
                total: logEntries.length,
              })}
            </Typography.Text>
            {props.canAct && unread.length > 0 && (
              <Button
                size="small"
                loading={step.busy}
                onClick={() => void step.run({ kind: 'read-log', entryIds: unread })}
              >
                {t('handover.readLog.markAll', { count: unread.length })}
              </Button>
            )}
          </Flex>
          <List
            size="small"
            bordered
            dataSource={logEntries}
            rowKey="id"
            renderItem={(entry) => (
              <List.Item
                id={`entry-${entry.id}`}
                actions={[
                  <Checkbox
                    key="read"
                    checked={read.has(entry.id)}
                    disabled={!props.canAct || read.has(entry.id) || step.busy}
                    onChange={() => void step.run({ kind: 'read-log', entryIds: [entry.id] })}
                  >
                    {t('handover.readLog.read')}
                  </Checkbox>,
                ]}
              >
                <LogEntryView
                  officeId={props.officeId}
                  entry={entry}
                  original={logEntries.find((other) => other.id === entry.correctsId)}
                  time={at}
                />
              </List.Item>
            )}
          />
        </>
      )}
      <StepRefusal failure={step.failure} handover={props.handover} />
    </StepCard>
  );
}

/** HO-IN-3: the outgoing person's unfinished work taken over as the incoming person's own. */
export function FollowUpsCard(props: IncomingProps) {
  const { t } = useTranslation();
  const time = useOfficeTime(props.timeZone);
  const step = useHandoverStep(props);
  const { unfinished, followUpsAcceptedAt, followUpItemIds } = props.handover.checklist;
  return (
    <StepCard
      id="handover-follow-ups"
      title={t('handover.followUps.title')}
      rules={['HO-IN-3']}
      hint={t('handover.followUps.hint')}
      done={followUpsAcceptedAt !== null || (unfinished !== null && unfinished.length === 0)}
    >
      {unfinished === null && (
        <Typography.Text type="secondary">{t('handover.followUps.waiting')}</Typography.Text>
      )}
      {unfinished !== null && unfinished.length === 0 && (
        <Typography.Text>{t('handover.followUps.nothing')}</Typography.Text>
      )}
      {unfinished !== null && unfinished.length > 0 && (
        <List
          size="small"
          bordered
          dataSource={unfinished}
          renderItem={(note, index) => (
            <List.Item>
              <FollowUpLine note={note} itemId={followUpItemIds[index] ?? note.deskItemId} />
            </List.Item>
          )}
        />
      )}
      <StepAction
        doneText={
          followUpsAcceptedAt === null
            ? null
            : t('handover.followUps.acceptedAt', { time: time(followUpsAcceptedAt) })
        }
        canAct={props.canAct && unfinished !== null && unfinished.length > 0}
        busy={step.busy}
        label={t('handover.followUps.accept')}
        onAct={() => void step.run({ kind: 'accept-follow-ups' })}
      />
      <StepRefusal failure={step.failure} handover={props.handover} />
    </StepCard>
  );
}

type AreaForm = { anomalies?: { text: string; files?: EvidenceFiles }[] };

/**
 * HO-IN-4: the area checked; each anomaly found is recorded (with a photo if taken) and the
 * outgoing person explains it next to it.
 */
export function AreaCard(props: IncomingProps) {
  const { t } = useTranslation();
  const time = useOfficeTime(props.timeZone);
  const step = useHandoverStep(props);
  const [form] = Form.useForm<AreaForm>();
  const { areaCheckedAt, anomalies } = props.handover.checklist;

  const submit = (values: AreaForm) => {
    const rows = values.anomalies ?? [];
    if (rows.some((row) => stillUploading(row.files))) return;
    void step.run({
      kind: 'check-area',
      anomalies: rows.map((row) => {
        const attachments = attachmentsOf(row.files);
        return { text: row.text, ...(attachments.length === 0 ? {} : { attachments }) };
      }),
    });
  };

  return (
    <StepCard
      id="handover-area"
      title={t('handover.area.title')}
      rules={['HO-IN-4']}
      hint={t('handover.area.hint')}
      done={areaCheckedAt !== null}
    >
      {areaCheckedAt === null && !props.canAct && (
        <Typography.Text type="secondary">{t('handover.area.notYet')}</Typography.Text>
      )}
      {areaCheckedAt === null && props.canAct && (
        <Form<AreaForm> form={form} layout="vertical" onFinish={submit}>
          <Form.List name="anomalies">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                <ListRows
                  fields={fields}
                  add={add}
                  remove={remove}
                  addLabel={t('handover.area.add')}
                  rowLabel={(index) => t('handover.area.anomaly', { index: index + 1 })}
                >
                  {(field, index) => (
                    <>
                      <Form.Item
                        name={[field.name, 'text']}
                        label={t('handover.area.anomaly', { index: index + 1 })}
                        rules={[
                          {
                            required: true,
                            whitespace: true,
                            message: t('handover.area.required'),
                          },
                        ]}
                      >
                        <Input.TextArea
                          autoSize={{ minRows: 2, maxRows: 6 }}
                          maxLength={1000}
                          placeholder={t('handover.area.anomalyPlaceholder')}
                        />
                      </Form.Item>
                      <EvidenceField
                        officeId={props.officeId}
                        name={[field.name, 'files']}
                        label={t('handover.area.photo')}
                      />
                    </>
                  )}
                </ListRows>
                <Button type="primary" htmlType="submit" loading={step.busy}>
                  {fields.length === 0 ? t('handover.area.submitNone') : t('handover.area.submit')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form>
      )}
      {areaCheckedAt !== null && (
        <>
          <Typography.Text type="success">
            {t('handover.area.checkedAt', { time: time(areaCheckedAt) })}
          </Typography.Text>
          {anomalies.length === 0 ? (
            <Typography.Text>{t('handover.area.noneFound')}</Typography.Text>
          ) : (
            <List
              size="small"
              bordered
              dataSource={anomalies}
              rowKey="id"
              renderItem={(anomaly) => (
                <List.Item>
                  <Flex vertical gap={6} style={{ width: '100%', minWidth: 0 }}>
                    <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                      {anomaly.text}
                    </Typography.Text>
                    {anomaly.attachments.length > 0 && (
                      <Flex gap={8} wrap>
                        {anomaly.attachments.map((sha256, index) => (
                          <a
                            key={sha256}
                            href={fileUrl(props.officeId, sha256)}
                            target="_blank"
                            rel="noreferrer"
                          >
                            <PaperClipOutlined aria-hidden /> {t('handover.area.photo')} {index + 1}
                          </a>
                        ))}
                      </Flex>
                    )}
                    <ExplainBox
                      context={props}
                      target={{ type: 'anomaly', id: anomaly.id }}
                      explanation={anomaly.explanation}
                      canExplain={props.canExplain}
                    />
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </>
      )}
      <StepRefusal failure={step.failure} handover={props.handover} />
    </StepCard>
  );
}
