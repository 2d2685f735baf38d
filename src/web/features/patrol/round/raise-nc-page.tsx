import { ModulePlaceholder } from '../../shell/module-placeholder.tsx';

/** Raising a non-conforming item 不合格项 with photos, queued when offline (issue 8, point 3). */
export function RaiseNcPage() {
  return <ModulePlaceholder module="patrol" rules={['WORK-3', 'DISC-1']} />;
}
