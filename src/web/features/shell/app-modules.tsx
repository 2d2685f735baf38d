import type { ReactNode } from 'react';
import {
  BarChartOutlined,
  CalendarOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  InteractionOutlined,
  PhoneOutlined,
  SettingOutlined,
  SwapOutlined,
} from '@ant-design/icons';

/** The modules of the issue, in the order the duty desk uses them; keys name the nav texts. */
export type ModuleKey =
  | 'desk'
  | 'roster'
  | 'leave'
  | 'dutyLog'
  | 'helpRequests'
  | 'phone'
  | 'patrol'
  | 'handover'
  | 'reports'
  | 'settings';

export type AppModule = { key: ModuleKey; path: string; icon: ReactNode };

/** 值班台: the board the person on duty keeps open (issue 6). */
export const deskBoardPath = '/desk';

export const appModules: readonly AppModule[] = [
  { key: 'desk', path: deskBoardPath, icon: <DashboardOutlined aria-hidden /> },
  { key: 'roster', path: '/roster', icon: <CalendarOutlined aria-hidden /> },
  { key: 'leave', path: '/leave', icon: <SwapOutlined aria-hidden /> },
  { key: 'dutyLog', path: '/duty-log', icon: <FileTextOutlined aria-hidden /> },
  { key: 'helpRequests', path: '/help-requests', icon: <CustomerServiceOutlined aria-hidden /> },
  { key: 'phone', path: '/phone', icon: <PhoneOutlined aria-hidden /> },
  { key: 'patrol', path: '/patrol', icon: <EnvironmentOutlined aria-hidden /> },
  { key: 'handover', path: '/handover', icon: <InteractionOutlined aria-hidden /> },
  { key: 'reports', path: '/reports', icon: <BarChartOutlined aria-hidden /> },
  { key: 'settings', path: '/settings', icon: <SettingOutlined aria-hidden /> },
];

export const usersPath = '/settings/users';
export const rosterSettingsPath = '/settings/roster';
export const deskSettingsPath = '/settings/desk';
/** 岗位物品: the post inventories counted at each handover (HO-IN-2). */
export const inventorySettingsPath = '/settings/inventory';
/** 巡查路线: routes, checkpoints and their QR labels (issue 8). */
export const patrolRoutesSettingsPath = '/settings/patrol-routes';
export const changePasswordPath = '/account/password';
