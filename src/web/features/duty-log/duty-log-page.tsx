import { ModulePlaceholder } from '../shell/module-placeholder.tsx';

/** 值班记录: the append-only duty log of each shift, read and signed at the handover. */
export function DutyLogPage() {
  return <ModulePlaceholder module="dutyLog" rules={['DISC-1', 'WORK-4', 'HO-IN-3', 'HO-OUT-2']} />;
}
