import { useState } from 'react';
import { Alert, Empty, Flex, List, Segmented, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { listDeskItems, type DeskItem } from '../../api/desk.api.ts';
import { useOfficeEvents } from '../../api/live-updates.ts';
import { useLoad } from '../../api/use-load.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { useOffices } from '../shell/office-context.tsx';
import { ItemClock, useNow } from './item-clock.tsx';
import { ItemDrawer } from './item-drawer.tsx';
import { ItemForm } from './item-form.tsx';
import { ItemTags } from './item-tags.tsx';

/**
 * 住户咨询与求助: residents' inquiries (WORK-1) and help requests (WORK-2) at the desk — the quick
 * form, the open items with their live clocks (WORK-4) and levels (ESC-1), and each item's
 * history and steps. The list follows the office's live updates, so an item escalated
 * anywhere (by hand or by its clock) shows up without reloading.
 */
export function HelpRequestsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { office } = useOffices();
  const officeId = office?.id ?? null;
  const now = useNow();
  const [show, setShow] = useState<'open' | 'done'>('open');
  const [changes, setChanges] = useState(0);
  // a notification links here with ?item=<id>: that item opens
  const [search, setSearch] = useSearchParams();
  const selected = search.get('item');
  const setSelected = (id: string | null) => {
    setSearch(id === null ? {} : { item: id });
  };
  const items = useLoad(
    () => (officeId === null ? Promise.resolve([]) : listDeskItems(officeId, { status: show })),
    `${officeId ?? ''}|${show}|${String(changes)}`,
  );
  const refresh = () => {
    setChanges((count) => count + 1);
  };
  useOfficeEvents(officeId, ['desk-items', 'item'], refresh);

  if (officeId === null) return <Empty description={t('desk.noOffice')} />;
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2}>{t('desk.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('desk.intro')}</Typography.Paragraph>
      <ItemForm
        officeId={officeId}
        onCreated={(detail) => {
          refresh();
          if (detail.item.status !== 'closed') setSelected(detail.item.id);
        }}
      />
      <Segmented
        value={show}
        onChange={(value) => {
          setShow(value as 'open' | 'done');
        }}
        options={[
          { value: 'open', label: t('desk.list.open') },
          { value: 'done', label: t('desk.list.done') },
        ]}
      />
      {items.state.status === 'loading' && <Spin />}
      {items.state.status === 'failed' && (
        <Alert type="error" showIcon title={errorText(items.state.error)} />
      )}
      {items.state.status === 'ready' && (
        <List<DeskItem>
          aria-label={t(show === 'open' ? 'desk.list.open' : 'desk.list.done')}
          bordered
          dataSource={items.state.value}
          locale={{ emptyText: t(show === 'open' ? 'desk.list.noneOpen' : 'desk.list.noneDone') }}
          renderItem={(item) => (
            <List.Item
              key={item.id}
              onClick={() => {
                setSelected(item.id);
              }}
              style={{ cursor: 'pointer' }}
              actions={[
                <a
                  key="open"
                  href={`#${item.id}`}
                  onClick={(event) => {
                    event.preventDefault();
                    setSelected(item.id);
                  }}
                >
                  {t('desk.list.details')}
                </a>,
              ]}
            >
              <List.Item.Meta
                title={item.subject}
                description={
                  <Flex gap={4} wrap align="center">
                    <ItemTags item={item} />
                    <ItemClock item={item} now={now} />
                    <Typography.Text type="secondary">
                      {[item.residentName, item.unit].filter(Boolean).join(' · ')}{' '}
                      {dayjs(item.createdAt).format('MM-DD HH:mm')}
                    </Typography.Text>
                  </Flex>
                }
              />
            </List.Item>
          )}
        />
      )}
      <ItemDrawer
        officeId={officeId}
        itemId={selected}
        changes={changes}
        onClose={() => {
          setSelected(null);
        }}
        onChanged={refresh}
      />
    </Flex>
  );
}
