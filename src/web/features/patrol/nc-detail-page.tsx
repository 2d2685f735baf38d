import { ModulePlaceholder } from '../shell/module-placeholder.tsx';

/** One non-conforming item with its history: correct with evidence, verify or reopen (issue 8). */
export function NcDetailPage() {
  return <ModulePlaceholder module="patrol" rules={['WORK-3', 'DISC-1']} />;
}
