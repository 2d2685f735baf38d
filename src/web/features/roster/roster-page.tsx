import { ModulePlaceholder } from '../shell/module-placeholder.tsx';

/** 排班: the monthly duty roster 《值班安排表》, compiled by the supervisor and published before the month ends. */
export function RosterPage() {
  return <ModulePlaceholder module="roster" rules={['ROSTER-1', 'ROSTER-2', 'SHIFT-1']} />;
}
