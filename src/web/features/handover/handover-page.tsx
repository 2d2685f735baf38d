import { ModulePlaceholder } from '../shell/module-placeholder.tsx';

/** 交接班: taking over and handing over, with inventory and dual sign-off. */
export function HandoverPage() {
  return (
    <ModulePlaceholder
      module="handover"
      rules={[
        'HO-IN-1',
        'HO-IN-2',
        'HO-IN-3',
        'HO-IN-4',
        'HO-IN-5',
        'HO-OUT-1',
        'HO-OUT-2',
        'HO-OUT-3',
        'HO-OUT-4',
      ]}
    />
  );
}
