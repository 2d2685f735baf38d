import { ModulePlaceholder } from '../shell/module-placeholder.tsx';

/** The printable sheet of a route's QR labels (issue 8, point 1). */
export function LabelSheetPage() {
  return <ModulePlaceholder module="patrol" rules={['WORK-3', 'DISC-1']} />;
}
