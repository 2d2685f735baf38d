import type { ReactNode } from 'react';
import { Button, Flex, Result, Spin } from 'antd';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../i18n/error-text.ts';
import { ChangePasswordPage } from '../auth/change-password-page.tsx';
import { ForcedPasswordChangePage } from '../auth/forced-password-change-page.tsx';
import { LoginPage } from '../auth/login-page.tsx';
import { useMe, useSession } from '../auth/session-context.tsx';
import { DeskBoardPage } from '../desk-board/desk-board-page.tsx';
import { MyDutiesPage } from '../duties/my-duties-page.tsx';
import { DutyLogPage } from '../duty-log/duty-log-page.tsx';
import { HandoverPage } from '../handover/handover-page.tsx';
import { HandoverRecordPage } from '../handover/handover-record-page.tsx';
import { HandoverRecordsPage } from '../handover/handover-records-page.tsx';
import { HandoverWorkPage } from '../handover/handover-work-page.tsx';
import { InventorySettingsPage } from '../inventory/inventory-settings-page.tsx';
import { HelpRequestsPage } from '../help-requests/help-requests-page.tsx';
import { LeavePage } from '../leave/leave-page.tsx';
import { LabelSheetPage } from '../patrol/label-sheet-page.tsx';
import { NcDetailPage } from '../patrol/nc-detail-page.tsx';
import { PatrolPage } from '../patrol/patrol-page.tsx';
import { PatrolRoutesSettingsPage } from '../patrol/routes-settings-page.tsx';
import { RaiseNcPage } from '../patrol/round/raise-nc-page.tsx';
import { RoundPage } from '../patrol/round/round-page.tsx';
import { ScanLandingPage } from '../patrol/round/scan-landing-page.tsx';
import { PhonePage } from '../phone/phone-page.tsx';
import { ReportsPage } from '../reports/reports-page.tsx';
import { RosterPage } from '../roster/roster-page.tsx';
import { RosterPrintPage } from '../roster/roster-print-page.tsx';
import { RosterSettingsPage } from '../roster-settings/roster-settings-page.tsx';
import { SettingsPage } from '../settings/settings-page.tsx';
import { UsersPage } from '../users/users-page.tsx';
import { WishesPage } from '../wishes/wishes-page.tsx';
import { AppFrame } from './app-frame.tsx';
import {
  changePasswordPath,
  deskBoardPath,
  deskSettingsPath,
  inventorySettingsPath,
  patrolRoutesSettingsPath,
  rosterSettingsPath,
  usersPath,
} from './app-modules.tsx';
import { DeskSettingsPage } from '../desk-settings/desk-settings-page.tsx';
import { HomePage } from './home-page.tsx';
import { OfficeProvider } from './office-context.tsx';
import { ForbiddenPage, NotFoundPage } from './status-pages.tsx';

type ReturnState = { from?: unknown } | null;

/** Where to go after signing in: the page that asked for it, never another site. */
function returnPathOf(state: ReturnState): string {
  const from = state?.from;
  return typeof from === 'string' &&
    from.startsWith('/') &&
    !from.startsWith('//') &&
    from !== '/login'
    ? from
    : '/';
}

function RedirectToLogin() {
  const location = useLocation();
  return (
    <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />
  );
}

function LeaveLoginPage() {
  const location = useLocation();
  return <Navigate to={returnPathOf(location.state as ReturnState)} replace />;
}

/** Users administration is for admins; others get a page that says so, not an empty table. */
function AdminOnly({ children }: { children: ReactNode }) {
  const me = useMe();
  return me.user.isAdmin ? children : <ForbiddenPage />;
}

function SignedInRoutes() {
  return (
    <OfficeProvider>
      <Routes>
        <Route path="/login" element={<LeaveLoginPage />} />
        {/* the paper 值班安排表: without the app's frame, for printing */}
        <Route path="/roster/:month/print" element={<RosterPrintPage />} />
        {/* a route's QR labels: without the app's frame, for printing */}
        <Route path={`${patrolRoutesSettingsPath}/:routeId/labels`} element={<LabelSheetPage />} />
        <Route element={<AppFrame />}>
          <Route index element={<HomePage />} />
          <Route path={deskBoardPath} element={<DeskBoardPage />} />
          <Route path="/roster" element={<RosterPage />} />
          <Route path="/roster/:month" element={<RosterPage />} />
          <Route path="/leave" element={<LeavePage />} />
          <Route path="/my-duties" element={<MyDutiesPage />} />
          <Route path="/roster/wishes" element={<WishesPage />} />
          <Route path="/duty-log" element={<DutyLogPage />} />
          <Route path="/help-requests" element={<HelpRequestsPage />} />
          <Route path="/phone" element={<PhonePage />} />
          <Route path="/patrol" element={<PatrolPage />} />
          <Route path="/patrol/round" element={<RoundPage />} />
          <Route path="/patrol/round/:roundId" element={<RoundPage />} />
          <Route path="/patrol/scan/:code" element={<ScanLandingPage />} />
          <Route path="/patrol/nonconformances/new" element={<RaiseNcPage />} />
          <Route path="/patrol/nonconformances/:ncId" element={<NcDetailPage />} />
          <Route path="/handover" element={<HandoverPage />} />
          <Route path="/handover/records" element={<HandoverRecordsPage />} />
          <Route path="/handover/:handoverId" element={<HandoverRecordPage />} />
          <Route path="/handover/:handoverId/work" element={<HandoverWorkPage />} />
          <Route path="/reports" element={<ReportsPage />} />
          <Route path="/settings" element={<SettingsPage />} />
          <Route path={rosterSettingsPath} element={<RosterSettingsPage />} />
          <Route path={deskSettingsPath} element={<DeskSettingsPage />} />
          <Route path={inventorySettingsPath} element={<InventorySettingsPage />} />
          <Route path={patrolRoutesSettingsPath} element={<PatrolRoutesSettingsPage />} />
          <Route
            path={usersPath}
            element={
              <AdminOnly>
                <UsersPage />
              </AdminOnly>
            }
          />
          <Route path={changePasswordPath} element={<ChangePasswordPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </OfficeProvider>
  );
}

export function AppRoutes() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { state, reload } = useSession();
  switch (state.status) {
    case 'loading':
      return (
        <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
          <Spin size="large" description={t('app.loading')} />
        </Flex>
      );
    case 'unreachable':
      return (
        <Result
          status="warning"
          title={t('app.loadFailed')}
          subTitle={errorText(state.error)}
          extra={<Button onClick={() => void reload()}>{t('app.retry')}</Button>}
        />
      );
    case 'signed-out':
      return (
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="*" element={<RedirectToLogin />} />
        </Routes>
      );
    case 'signed-in':
      // rule of the server: a password an admin chose is changed before anything else
      if (state.me.user.mustChangePassword) return <ForcedPasswordChangePage />;
      // keyed by user, so the next person signing in on this desk starts fresh
      return <SignedInRoutes key={state.me.user.id} />;
  }
}
