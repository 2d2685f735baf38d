import { useState } from 'react';
import { Button, Card, Col, Flex, Form, Input, Modal, Row, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Handover, Side, Unmet } from '../../api/handover.api.ts';
import { useOfficeDateTime, unmetText } from './handover-texts.ts';
import { StepRefusal, useHandoverStep, type HandoverStepContext } from './use-handover-step.tsx';

/** What still stands in the way of a side's signature, each with its rule (or that nothing does). */
export function UnmetList({
  title,
  unmet,
  handover,
}: {
  title: string;
  unmet: readonly Unmet[];
  handover: Handover;
}) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={4} role="list" aria-label={title}>
      <Typography.Text strong>{title}</Typography.Text>
      {unmet.length === 0 ? (
        <Typography.Text type="success" role="listitem">
          {t('handover.unmet.allMet')}
        </Typography.Text>
      ) : (
        unmet.map((u) => (
          <Typography.Text key={`${u.rule}|${u.key}`} role="listitem">
            <Tag color="orange">{u.rule}</Tag>
            {unmetText(t, u, handover)}
          </Typography.Text>
        ))
      )}
    </Flex>
  );
}

/** A signature as recorded: who, when, and the sha-256 it binds. */
export function SignatureLine({
  signature,
  timeZone,
}: {
  signature: NonNullable<Handover['signatures']['outgoing']>;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const at = useOfficeDateTime(timeZone);
  return (
    <Flex vertical gap={2} style={{ minWidth: 0 }}>
      <Typography.Text strong>
        <SafetyCertificateOutlined aria-hidden style={{ color: '#52c41a' }} />{' '}
        {t('handover.sign.signedAt', { name: signature.displayName, time: at(signature.at) })}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('handover.sign.hash')}{' '}
        <Typography.Text code copyable style={{ overflowWrap: 'anywhere', fontSize: 12 }}>
          {signature.hash}
        </Typography.Text>
      </Typography.Text>
    </Flex>
  );
}

type PasswordForm = { password: string };

/**
 * One side signs (HO-IN-5, HO-OUT-3): that person re-enters their own password, on this device
 * or their own; a refusal shows its rule and what is still unmet, and the modal stays open.
 */
function SignModal({
  context,
  side,
  name,
  open,
  onClose,
}: {
  context: HandoverStepContext;
  side: Side;
  name: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const step = useHandoverStep(context);
  const [form] = Form.useForm<PasswordForm>();
  const close = () => {
    form.resetFields();
    step.clear();
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('handover.sign.modalTitle', { side: t(`handover.sign.${side}`), name })}
      okText={t('handover.sign.submit')}
      confirmLoading={step.busy}
      onOk={() => {
        form.submit();
      }}
      onCancel={close}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('handover.sign.hint', { name })}</Typography.Paragraph>
      <Form<PasswordForm>
        form={form}
        layout="vertical"
        onFinish={(values) =>
          void step.run({ kind: 'sign', side, password: values.password }).then((ok) => {
            if (ok) close();
          })
        }
      >
        <Form.Item
          name="password"
          label={t('handover.sign.password', { name })}
          rules={[{ required: true, message: t('handover.sign.passwordRequired') }]}
        >
          <Input.Password autoComplete="off" autoFocus />
        </Form.Item>
      </Form>
      <StepRefusal failure={step.failure} handover={context.handover} />
    </Modal>
  );
}

/**
 * The two signatures: what each side still lacks, and a sign button for each; either of the
 * two may hold the device (on one shared desk screen), each signs with their own password.
 */
export function SignCard(
  props: HandoverStepContext & { timeZone: string; isParticipant: boolean },
) {
  const { t } = useTranslation();
  const [signing, setSigning] = useState<Side | null>(null);
  const { handover } = props;
  const sides: { side: Side; name: string | null; unmet: readonly Unmet[] }[] = [
    { side: 'outgoing', name: handover.outgoing.displayName, unmet: handover.unmet.outgoing },
    {
      side: 'incoming',
      name: handover.incoming?.displayName ?? null,
      unmet: handover.unmet.incoming,
    },
  ];
  return (
    <Card
      id="handover-sign"
      size="small"
      title={t('handover.sign.title')}
      extra={
        <>
          <Tag color="blue">HO-IN-5</Tag>
          <Tag color="blue">HO-OUT-3</Tag>
        </>
      }
    >
      <Row gutter={[16, 16]}>
        {sides.map(({ side, name, unmet }) => {
          const signature = handover.signatures[side];
          return (
            <Col xs={24} md={12} key={side}>
              <Flex vertical gap={8}>
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {t(`handover.sign.${side}`)}
                </Typography.Title>
                {signature !== null ? (
                  <SignatureLine signature={signature} timeZone={props.timeZone} />
                ) : (
                  <>
                    <UnmetList
                      title={t(`handover.unmet.${side}`)}
                      unmet={unmet}
                      handover={handover}
                    />
                    {props.isParticipant && name !== null && handover.status !== 'sealed' && (
                      <Button
                        type={unmet.length === 0 ? 'primary' : 'default'}
                        onClick={() => {
                          setSigning(side);
                        }}
                      >
                        {t('handover.sign.button', { name })}
                      </Button>
                    )}
                    {name === null && (
                      <Typography.Text type="secondary">
                        {t('handover.sign.notYet')}
                      </Typography.Text>
                    )}
                  </>
                )}
              </Flex>
            </Col>
          );
        })}
      </Row>
      {sides.map(({ side, name }) =>
        name === null ? null : (
          <SignModal
            key={side}
            context={props}
            side={side}
            name={name}
            open={signing === side}
            onClose={() => {
              setSigning(null);
            }}
          />
        ),
      )}
    </Card>
  );
}
