import { useState } from 'react';
import { Button, Checkbox, Flex, Form, Input, List, Select, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { listDeskItems } from '../../api/desk.api.ts';
import type { FollowUpNote } from '../../api/handover.api.ts';
import { useLoad } from '../../api/use-load.ts';
import { useOfficeTime } from '../duty-log/on-duty-panel.tsx';
import { ListRows } from './list-rows.tsx';
import { StepAction, StepCard } from './step-card.tsx';
import { StepRefusal, useHandoverStep, type HandoverStepContext } from './use-handover-step.tsx';

export const itemPath = (id: string) => `/help-requests?item=${encodeURIComponent(id)}`;

type OutgoingProps = HandoverStepContext & {
  timeZone: string;
  /** the outgoing person, before their signature: the only one who takes these steps */
  canAct: boolean;
};

/** HO-OUT-1: the post's items in order and the desk clean, ticked by the outgoing person. */
export function TidyCard(props: OutgoingProps) {
  const { t } = useTranslation();
  const time = useOfficeTime(props.timeZone);
  const step = useHandoverStep(props);
  const { tidiedAt } = props.handover.checklist;
  return (
    <StepCard
      id="handover-tidy"
      title={t('handover.tidy.title')}
      rules={['HO-OUT-1']}
      hint={t('handover.tidy.hint')}
      done={tidiedAt !== null}
    >
      <StepAction
        doneText={tidiedAt === null ? null : t('handover.tidy.doneAt', { time: time(tidiedAt) })}
        canAct={props.canAct}
        busy={step.busy}
        label={t('handover.tidy.button')}
        onAct={() => void step.run({ kind: 'tidy' })}
      />
      <StepRefusal failure={step.failure} handover={props.handover} />
    </StepCard>
  );
}

/** HO-OUT-2: the duty log complete and the shift's evidence attached to it. */
export function LogCompleteCard(props: OutgoingProps) {
  const { t } = useTranslation();
  const time = useOfficeTime(props.timeZone);
  const step = useHandoverStep(props);
  const { logCompletedAt } = props.handover.checklist;
  return (
    <StepCard
      id="handover-log"
      title={t('handover.log.title')}
      rules={['HO-OUT-2']}
      hint={t('handover.log.hint')}
      done={logCompletedAt !== null}
    >
      <Link to="/duty-log">{t('handover.log.openLog')}</Link>
      <StepAction
        doneText={
          logCompletedAt === null ? null : t('handover.tidy.doneAt', { time: time(logCompletedAt) })
        }
        canAct={props.canAct}
        busy={step.busy}
        label={t('handover.log.button')}
        onAct={() => void step.run({ kind: 'log-complete' })}
      />
      <StepRefusal failure={step.failure} handover={props.handover} />
    </StepCard>
  );
}

/** One declared piece of unfinished work, with its desk item when it has one. */
export function FollowUpLine({ note, itemId }: { note: FollowUpNote; itemId: string | null }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={2} style={{ minWidth: 0 }}>
      <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
        {note.what}
      </Typography.Text>
      <Typography.Text style={{ overflowWrap: 'anywhere' }}>
        {t('handover.unfinished.stateLine', { text: note.state })}
      </Typography.Text>
      <Typography.Text style={{ overflowWrap: 'anywhere' }}>
        {t('handover.unfinished.nextLine', { text: note.nextStep })}
      </Typography.Text>
      {itemId !== null && <Link to={itemPath(itemId)}>{t('handover.unfinished.openItem')}</Link>}
    </Flex>
  );
}

type NoteForm = {
  notes?: { deskItemId?: string; what: string; state: string; nextStep: string }[];
};

/**
 * HO-OUT-2: the unfinished work told truthfully, each with what, its state and the next step,
 * optionally linked to an open inquiry or help request; may be changed until it is accepted.
 */
export function UnfinishedCard(props: OutgoingProps) {
  const { t } = useTranslation();
  const step = useHandoverStep(props);
  const { unfinished, followUpsAcceptedAt } = props.handover.checklist;
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<NoteForm>();
  const open = useLoad(
    () => (props.canAct ? listDeskItems(props.officeId, { status: 'open' }) : Promise.resolve([])),
    `${props.officeId}|${String(props.canAct)}|${String(editing)}`,
  );
  const openItems = open.state.status === 'ready' ? open.state.value : [];
  const showForm = props.canAct && followUpsAcceptedAt === null && (unfinished === null || editing);

  const submit = async (values: NoteForm) => {
    const items = (values.notes ?? []).map((n) => ({
      what: n.what,
      state: n.state,
      nextStep: n.nextStep,
      ...(n.deskItemId === undefined ? {} : { deskItemId: n.deskItemId }),
    }));
    if (await step.run({ kind: 'unfinished', items })) setEditing(false);
  };

  const required = [
    { required: true, whitespace: true, message: t('handover.unfinished.required') },
  ];
  return (
    <StepCard
      id="handover-unfinished"
      title={t('handover.unfinished.title')}
      rules={['HO-OUT-2']}
      hint={t('handover.unfinished.hint')}
      done={unfinished !== null}
    >
      {unfinished !== null && !showForm && (
        <>
          {unfinished.length === 0 ? (
            <Typography.Text>{t('handover.unfinished.none')}</Typography.Text>
          ) : (
            <List
              size="small"
              bordered
              dataSource={unfinished}
              renderItem={(note, index) => (
                <List.Item>
                  <FollowUpLine
                    note={note}
                    itemId={props.handover.checklist.followUpItemIds[index] ?? note.deskItemId}
                  />
                </List.Item>
              )}
            />
          )}
          {props.canAct && followUpsAcceptedAt === null && (
            <Button
              onClick={() => {
                setEditing(true);
              }}
            >
              {t('handover.unfinished.edit')}
            </Button>
          )}
        </>
      )}
      {unfinished === null && !props.canAct && (
        <Typography.Text type="secondary">{t('handover.unfinished.notYet')}</Typography.Text>
      )}
      {showForm && (
        <Form<NoteForm>
          form={form}
          layout="vertical"
          initialValues={{
            notes: (unfinished ?? []).map((n) => ({
              what: n.what,
              state: n.state,
              nextStep: n.nextStep,
              ...(n.deskItemId === null ? {} : { deskItemId: n.deskItemId }),
            })),
          }}
          onFinish={(values) => void submit(values)}
        >
          <Form.List name="notes">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                <ListRows
                  fields={fields}
                  add={add}
                  remove={remove}
                  addLabel={t('handover.unfinished.add')}
                  rowLabel={(index) => `${t('handover.unfinished.title')} ${String(index + 1)}`}
                >
                  {(field) => (
                    <>
                      <Form.Item
                        name={[field.name, 'deskItemId']}
                        label={t('handover.unfinished.item')}
                      >
                        <Select
                          allowClear
                          placeholder={t('handover.unfinished.itemPlaceholder')}
                          options={openItems.map((item) => ({
                            value: item.id,
                            label: item.subject,
                          }))}
                          onChange={(id: string | undefined) => {
                            const item = openItems.find((candidate) => candidate.id === id);
                            if (
                              item !== undefined &&
                              form.getFieldValue(['notes', field.name, 'what']) === undefined
                            ) {
                              form.setFieldValue(['notes', field.name, 'what'], item.subject);
                            }
                          }}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'what']}
                        label={t('handover.unfinished.what')}
                        rules={required}
                      >
                        <Input maxLength={500} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'state']}
                        label={t('handover.unfinished.state')}
                        rules={required}
                      >
                        <Input maxLength={500} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'nextStep']}
                        label={t('handover.unfinished.nextStep')}
                        rules={required}
                      >
                        <Input maxLength={500} />
                      </Form.Item>
                    </>
                  )}
                </ListRows>
                <Form.Item noStyle shouldUpdate>
                  {() => {
                    const count =
                      (form.getFieldValue('notes') as NoteForm['notes'] | undefined)?.length ?? 0;
                    return (
                      <Button type="primary" htmlType="submit" loading={step.busy}>
                        {count === 0
                          ? t('handover.unfinished.submitNone')
                          : t('handover.unfinished.submit')}
                      </Button>
                    );
                  }}
                </Form.Item>
              </Flex>
            )}
          </Form.List>
        </Form>
      )}
      <StepRefusal failure={step.failure} handover={props.handover} />
    </StepCard>
  );
}

const priorityColour = { normal: 'default', important: 'orange', major: 'red' } as const;

type ExceptionForm = { itemIds: string[]; reason: string };

/**
 * HO-OUT-4: open important and major items block the handover; a supervisor or director lets
 * them through with a written reason (recorded and reported as an exception).
 */
export function BlockingCard(props: HandoverStepContext & { timeZone: string; mayGrant: boolean }) {
  const { t } = useTranslation();
  const time = useOfficeTime(props.timeZone);
  const step = useHandoverStep(props);
  const [form] = Form.useForm<ExceptionForm>();
  const { blocking, checklist, status } = props.handover;
  const waiting = blocking.filter((item) => !item.excepted);
  return (
    <StepCard
      id="handover-blocking"
      title={t('handover.blocking.title')}
      rules={['HO-OUT-4']}
      hint={t('handover.blocking.hint')}
      done={waiting.length === 0}
    >
      {blocking.length === 0 ? (
        <Typography.Text type="success">{t('handover.blocking.none')}</Typography.Text>
      ) : (
        <List
          size="small"
          bordered
          dataSource={blocking}
          rowKey="id"
          renderItem={(item) => (
            <List.Item>
              <Flex gap={4} wrap align="center" style={{ minWidth: 0 }}>
                <Link to={itemPath(item.id)} style={{ overflowWrap: 'anywhere' }}>
                  {item.subject}
                </Link>
                <Tag color={priorityColour[item.priority]}>
                  {t(`desk.priorities.${item.priority}`)}
                </Tag>
                <Tag>{t(`desk.statuses.${item.status}`)}</Tag>
                {item.excepted && <Tag color="purple">{t('handover.blocking.excepted')}</Tag>}
              </Flex>
            </List.Item>
          )}
        />
      )}
      {checklist.exceptions.map((exception) => (
        <Typography.Text key={`${exception.at}|${exception.byName}`} type="warning">
          {t('handover.blocking.granted', {
            name: exception.byName,
            time: time(exception.at),
            reason: exception.reason,
          })}
        </Typography.Text>
      ))}
      {props.mayGrant && status === 'open' && waiting.length > 0 && (
        <Form<ExceptionForm>
          form={form}
          layout="vertical"
          initialValues={{ itemIds: waiting.map((item) => item.id) }}
          onFinish={(values) =>
            void step
              .run({ kind: 'exception', itemIds: values.itemIds, reason: values.reason })
              .then((ok) => {
                if (ok) form.resetFields();
              })
          }
          aria-label={t('handover.blocking.exceptionTitle')}
        >
          <Typography.Text strong>{t('handover.blocking.exceptionTitle')}</Typography.Text>
          <Form.Item
            name="itemIds"
            label={t('handover.blocking.items')}
            rules={[{ required: true }]}
          >
            <Checkbox.Group
              options={waiting.map((item) => ({ value: item.id, label: item.subject }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('handover.blocking.reason')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={1000} placeholder={t('handover.blocking.reasonPlaceholder')} />
          </Form.Item>
          <Button htmlType="submit" loading={step.busy}>
            {t('handover.blocking.submit')}
          </Button>
        </Form>
      )}
      <StepRefusal failure={step.failure} handover={props.handover} />
    </StepCard>
  );
}
