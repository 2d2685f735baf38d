import { ModulePlaceholder } from '../shell/module-placeholder.tsx';

/** 报表: the office's compliance report, where every breach of a measured rule shows up. */
export function ReportsPage() {
  return (
    <ModulePlaceholder module="reports" rules={['ROSTER-1', 'PHONE-1', 'HO-IN-1', 'WORK-3']} />
  );
}
