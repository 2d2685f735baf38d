import { ModulePlaceholder } from '../shell/module-placeholder.tsx';

/** 巡查路线: the supervisor lays out routes, checkpoints, checklists and planned rounds (issue 8, point 1). */
export function PatrolRoutesSettingsPage() {
  return <ModulePlaceholder module="patrol" rules={['WORK-3', 'DISC-1']} />;
}
