import { ModulePlaceholder } from '../shell/module-placeholder.tsx';

/** 巡查: garden patrols and the non-conformances they find, corrected and verified. */
export function PatrolPage() {
  return <ModulePlaceholder module="patrol" rules={['WORK-3', 'DISC-1']} />;
}
