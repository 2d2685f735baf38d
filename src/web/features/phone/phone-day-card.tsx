import { Alert, Card, Col, Empty, Row, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PhoneCall, PhoneDay } from '../../api/phone.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import type { Load } from '../leave/leave-data.ts';
import { officeClock, percentOf } from './phone-time.ts';

/** The three-rings tag of a call (PHONE-1): within, not within, missed, or still ringing. */
export function RingTag({ call }: { call: PhoneCall }) {
  const { t } = useTranslation();
  if (call.missed) return <Tag color="red">{t('phone.calls.missedTag')}</Tag>;
  if (call.answeredAt === null) return <Tag color="processing">{t('phone.calls.ringing')}</Tag>;
  return call.withinThreeRings ? (
    <Tag color="green">{t('phone.calls.withinThree')}</Tag>
  ) : (
    <Tag color="orange">{t('phone.calls.notWithinThree')}</Tag>
  );
}

/** Today's answer rate and calls, each with its ring count and three-rings tag (PHONE-1). */
export function PhoneDayCard({ load, timeZone }: { load: Load<PhoneDay>; timeZone: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (load.status === 'loading') return <Spin />;
  if (load.status === 'failed')
    return <Alert type="error" showIcon title={errorText(load.error)} />;
  const { summary, calls } = load.value;
  const percent = percentOf(summary.rate);
  return (
    <Card
      title={t('phone.calls.title', { date: summary.date })}
      extra={
        <Typography.Text type="secondary">
          {t('phone.calls.ringLength', { seconds: summary.ringSeconds })}
        </Typography.Text>
      }
    >
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} sm={6}>
          <Statistic
            title={t('phone.calls.rate')}
            value={percent ?? '—'}
            suffix={percent === null ? undefined : '%'}
          />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('phone.calls.total')} value={summary.calls} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('phone.calls.withinThreeCount')} value={summary.withinThreeRings} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('phone.calls.missedCount')} value={summary.missed} />
        </Col>
      </Row>
      {calls.length === 0 ? (
        <Empty description={t('phone.calls.none')} />
      ) : (
        <Table<PhoneCall>
          rowKey="id"
          size="small"
          dataSource={calls}
          pagination={false}
          scroll={{ x: 720 }}
          columns={[
            {
              key: 'ring',
              title: t('phone.calls.ringStarted'),
              render: (_value, call) => officeClock(call.ringStartedAt, timeZone),
            },
            {
              key: 'caller',
              title: t('phone.calls.caller'),
              render: (_value, call) => call.caller ?? '—',
            },
            {
              key: 'line',
              title: t('phone.calls.line'),
              render: (_value, call) => call.line ?? '—',
            },
            {
              key: 'rings',
              title: t('phone.calls.rings'),
              render: (_value, call) =>
                call.ringCount === null
                  ? '—'
                  : t('phone.calls.ringCount', { rings: call.ringCount }),
            },
            {
              key: 'tag',
              title: t('phone.calls.rule'),
              render: (_value, call) => <RingTag call={call} />,
            },
            {
              key: 'by',
              title: t('phone.calls.answeredBy'),
              render: (_value, call) => call.answeredByName ?? '—',
            },
            {
              key: 'source',
              title: t('phone.calls.source'),
              render: (_value, call) => t(`phone.sources.${call.source}`),
            },
          ]}
        />
      )}
    </Card>
  );
}
