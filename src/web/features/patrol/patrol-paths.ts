import { patrolRoutesSettingsPath } from '../shell/app-modules.tsx';

/** Where the patrol pages live (the overview itself is the module's `/patrol`). */
export const patrolPath = '/patrol';
export const patrolRoundPath = '/patrol/round';
export const raiseNcPath = '/patrol/nonconformances/new';
export const ncDetailPath = (id: string) => `/patrol/nonconformances/${encodeURIComponent(id)}`;
export const labelSheetPath = (routeId: string) =>
  `${patrolRoutesSettingsPath}/${encodeURIComponent(routeId)}/labels`;
