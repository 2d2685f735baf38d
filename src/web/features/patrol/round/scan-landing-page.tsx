import { ModulePlaceholder } from '../../shell/module-placeholder.tsx';

/** Where a checkpoint's QR label leads (/patrol/scan/:code): the round in progress at that checkpoint. */
export function ScanLandingPage() {
  return <ModulePlaceholder module="patrol" rules={['WORK-3', 'DISC-1']} />;
}
