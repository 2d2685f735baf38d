import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Flex, Row, Spin, Tag, Typography } from 'antd';
import { ClockCircleOutlined, DashboardOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Office, ShiftTemplate } from '../../api/api-types.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { dayjsLocaleOf } from '../../i18n/i18n-setup.ts';
import { useMe, useSession } from '../auth/session-context.tsx';
import { RosterStatusCard } from '../duties/roster-status-card.tsx';
import { appModules, deskBoardPath } from './app-modules.tsx';
import { useOffices } from './office-context.tsx';
import { useRoleLabel } from './role-label.ts';

/** A shift ending at or before its start runs past midnight (SHIFT-1: night shifts). */
function crossesMidnight(shift: ShiftTemplate): boolean {
  return shift.endTime <= shift.startTime;
}

function ShiftsCard({ office }: { office: Office }) {
  const { t } = useTranslation();
  return (
    <Card title={t('home.shiftsTitle')} style={{ height: '100%' }}>
      {office.shiftTemplates.length === 0 ? (
        <Typography.Text type="secondary">{t('home.noShifts')}</Typography.Text>
      ) : (
        <ul aria-label={t('home.shiftsTitle')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {office.shiftTemplates.map((shift) => (
            <li key={shift.id} style={{ display: 'flex', gap: 12, padding: '6px 0' }}>
              <Tag color="geekblue">{shift.code}</Tag>
              <Typography.Text strong>{shift.name}</Typography.Text>
              <Typography.Text>
                {t(crossesMidnight(shift) ? 'home.shiftTimeOvernight' : 'home.shiftTime', {
                  start: shift.startTime,
                  end: shift.endTime,
                })}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 12 }}>
        {t('home.shiftsNote', { timeZone: office.timeZone })}
      </Typography.Paragraph>
    </Card>
  );
}

/** The office's wall clock: shifts are in its time zone, which may not be the browser's. */
function OfficeClockCard({ office }: { office: Office }) {
  const { t } = useTranslation();
  const { locale } = useSession();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => {
      setNow(Date.now());
    }, 30_000);
    return () => {
      window.clearInterval(timer);
    };
  }, []);
  return (
    <Card title={t('home.officeTime')} style={{ height: '100%' }}>
      <Flex align="center" gap={8}>
        <ClockCircleOutlined aria-hidden />
        <Typography.Text style={{ fontSize: 20 }}>
          {dayjs(now)
            .tz(office.timeZone)
            .locale(dayjsLocaleOf(locale))
            .format('YYYY-MM-DD HH:mm dddd')}
        </Typography.Text>
      </Flex>
      {office.posts.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('home.postsTitle')}
          </Typography.Title>
          <Flex gap={8} wrap>
            {office.posts.map((post) => (
              <Tag key={post.id}>{post.name}</Tag>
            ))}
          </Flex>
        </>
      )}
    </Card>
  );
}

/** 值班台 first: the page the person on duty keeps open all shift (issue 6). */
function DeskBoardCard() {
  const { t } = useTranslation();
  return (
    <Card>
      <Flex gap={16} wrap align="center" justify="space-between">
        <Flex vertical gap={4} style={{ flex: '1 1 240px', minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            <DashboardOutlined aria-hidden /> {t('home.boardTitle')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('home.boardText')}</Typography.Text>
        </Flex>
        <Link to={deskBoardPath}>
          <Button type="primary" size="large" icon={<DashboardOutlined aria-hidden />}>
            {t('home.boardOpen')}
          </Button>
        </Link>
      </Flex>
    </Card>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const me = useMe();
  const { load, office, role, retry } = useOffices();
  const roleLabel = useRoleLabel(role, me.user.isAdmin);

  let officeLine: string;
  if (office === undefined) officeLine = t('home.noOffice');
  else if (role !== undefined && roleLabel !== undefined)
    officeLine = t('home.roleLine', { office: office.name, role: roleLabel });
  else officeLine = t('home.adminLine', { office: office.name });

  return (
    <Flex vertical gap={24}>
      <div>
        <Typography.Title level={2} style={{ marginBottom: 4 }}>
          {t('home.greeting', { name: me.user.displayName })}
        </Typography.Title>
        {load.status === 'ready' && (
          <Typography.Paragraph style={{ fontSize: 16, margin: 0 }}>
            {officeLine}
          </Typography.Paragraph>
        )}
      </div>
      {load.status === 'loading' && <Spin />}
      {load.status === 'failed' && (
        <Alert
          type="error"
          showIcon
          title={errorText(load.error)}
          action={<Button onClick={retry}>{t('app.retry')}</Button>}
        />
      )}
      {office !== undefined && role !== undefined && <DeskBoardCard />}
      <RosterStatusCard />
      {office !== undefined && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <ShiftsCard office={office} />
          </Col>
          <Col xs={24} lg={12}>
            <OfficeClockCard office={office} />
          </Col>
        </Row>
      )}
      <section>
        <Typography.Title level={3}>{t('home.modulesTitle')}</Typography.Title>
        <Row gutter={[16, 16]}>
          {appModules.map((module) => (
            <Col key={module.key} xs={24} sm={12} xl={6}>
              <Link to={module.path} style={{ display: 'block', height: '100%' }}>
                <Card hoverable size="small" style={{ height: '100%' }}>
                  <Flex align="center" gap={8} style={{ marginBottom: 8 }}>
                    <span style={{ fontSize: 18 }}>{module.icon}</span>
                    <Typography.Text strong>{t(`nav.${module.key}`)}</Typography.Text>
                    <Tag style={{ marginInlineStart: 'auto' }}>{t('common.comingSoon')}</Tag>
                  </Flex>
                  <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                    {t(`modules.${module.key}`)}
                  </Typography.Paragraph>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      </section>
    </Flex>
  );
}
