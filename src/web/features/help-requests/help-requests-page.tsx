import { ModulePlaceholder } from '../shell/module-placeholder.tsx';

/** 住户求助: residents' inquiries and help requests, tracked to the end and escalated level by level. */
export function HelpRequestsPage() {
  return (
    <ModulePlaceholder module="helpRequests" rules={['WORK-1', 'WORK-2', 'ESC-1', 'PHONE-1']} />
  );
}
