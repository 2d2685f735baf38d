import type { ReactNode } from 'react';
import { Button, Card, Flex, Tag, Typography } from 'antd';
import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import type { RuleId } from '../../../shared/rules.ts';

/**
 * One card of the handover checklist: its title with the rules it carries out, what the rule
 * asks, and whether it is done; the card's own form or result below. Cards stack on a phone.
 */
export function StepCard({
  id,
  title,
  rules,
  hint,
  done,
  children,
}: {
  id: string;
  title: string;
  rules: readonly RuleId[];
  hint: string;
  done: boolean;
  children: ReactNode;
}) {
  return (
    <Card
      id={id}
      size="small"
      title={
        <Flex gap={8} align="center" wrap>
          {done ? (
            <CheckCircleFilled aria-hidden style={{ color: '#52c41a' }} />
          ) : (
            <ClockCircleOutlined aria-hidden style={{ color: '#faad14' }} />
          )}
          <span>{title}</span>
        </Flex>
      }
      extra={rules.map((rule) => (
        <Tag key={rule} color="blue">
          {rule}
        </Tag>
      ))}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {hint}
      </Typography.Paragraph>
      <Flex vertical gap={8}>
        {children}
      </Flex>
    </Card>
  );
}

/**
 * A step's result once taken ("19:02 已确认"), else the button that takes it for the one person
 * who may; nothing for anyone else.
 */
export function StepAction({
  doneText,
  canAct,
  busy,
  label,
  onAct,
}: {
  doneText: string | null;
  canAct: boolean;
  busy: boolean;
  label: string;
  onAct: () => void;
}) {
  if (doneText !== null) return <Typography.Text type="success">{doneText}</Typography.Text>;
  if (!canAct) return null;
  return (
    <Button type="primary" loading={busy} onClick={onAct} style={{ alignSelf: 'flex-start' }}>
      {label}
    </Button>
  );
}
