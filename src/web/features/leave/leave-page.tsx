import { ModulePlaceholder } from '../shell/module-placeholder.tsx';

/** 请假调班: leave, substitutes and swaps, each approved by the supervisor before the roster changes. */
export function LeavePage() {
  return <ModulePlaceholder module="leave" rules={['LEAVE-1', 'LEAVE-2', 'LEAVE-3', 'ROSTER-2']} />;
}
