import { ModulePlaceholder } from '../../shell/module-placeholder.tsx';

/** 巡查 on the phone: start a round, reach each checkpoint by its QR code or typed code, tick its checklist, finish; works offline (issue 8, point 2). */
export function RoundPage() {
  return <ModulePlaceholder module="patrol" rules={['WORK-3', 'DISC-1']} />;
}
