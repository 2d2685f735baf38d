// Types only from the shared contract (see api-types.ts): a change there is a compile error here.
import type { z } from 'zod';
import type {
  approveLeaveBodySchema,
  createLeaveBodySchema,
  createSwapBodySchema,
  emergencyCoverBodySchema,
  emergencyCoverSchema,
  LeaveRequest,
  leaveListQuerySchema,
  leaveTypeSchema,
  notificationListSchema,
  substituteSuggestionsSchema,
  SwapRequest,
} from '../../shared/contract/leave.ts';
import { apiRequest } from './api-client.ts';

export type { LeaveRequest, SwapRequest };
export type LeaveType = z.infer<typeof leaveTypeSchema>;
export type LeaveStatus = LeaveRequest['status'];
export type SwapStatus = SwapRequest['status'];
export type CreateLeaveBody = z.input<typeof createLeaveBodySchema>;
export type LeaveListQuery = z.input<typeof leaveListQuerySchema>;
export type ApproveLeaveBody = z.input<typeof approveLeaveBodySchema>;
export type SubstituteChoice = ApproveLeaveBody['substitutes'][number];
export type SubstituteSuggestions = z.infer<typeof substituteSuggestionsSchema>;
export type SuggestedShift = SubstituteSuggestions['shifts'][number];
export type SubstituteCandidate = SuggestedShift['candidates'][number];
export type CreateSwapBody = z.input<typeof createSwapBodySchema>;
export type EmergencyCoverBody = z.input<typeof emergencyCoverBodySchema>;
export type EmergencyCover = z.infer<typeof emergencyCoverSchema>;
export type NotificationList = z.infer<typeof notificationListSchema>;
export type AppNotification = NotificationList['notifications'][number];

function leavePath(officeId: string, rest = ''): string {
  return `/api/offices/${encodeURIComponent(officeId)}/leave-requests${rest}`;
}

function swapPath(officeId: string, rest = ''): string {
  return `/api/offices/${encodeURIComponent(officeId)}/swap-requests${rest}`;
}

/** Asks for leave for my rostered shifts (LEAVE-1); bad shifts come back as field details. */
export function requestLeave(officeId: string, body: CreateLeaveBody): Promise<LeaveRequest> {
  return apiRequest<LeaveRequest>('POST', leavePath(officeId), body);
}

/** Leave requests: staff get their own, supervisors and directors everyone's. */
export async function listLeaveRequests(
  officeId: string,
  query: LeaveListQuery = {},
): Promise<LeaveRequest[]> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string') search.set(key, value);
  }
  const text = search.toString();
  const { requests } = await apiRequest<{ requests: LeaveRequest[] }>(
    'GET',
    leavePath(officeId, text === '' ? '' : `?${text}`),
  );
  return requests;
}

/** Substitutes per shift of a request, best first, with the rules each would break (LEAVE-2). */
export function getSubstituteSuggestions(
  officeId: string,
  requestId: string,
): Promise<SubstituteSuggestions> {
  return apiRequest<SubstituteSuggestions>(
    'GET',
    leavePath(officeId, `/${encodeURIComponent(requestId)}/suggestions`),
  );
}

/**
 * Approves with a substitute for every shift (LEAVE-2); the roster gets a new version. A stale
 * version or a second decider → CONFLICT; a substitute breaking a hard rule without an override
 * reason → RULE_VIOLATION.
 */
export function approveLeave(
  officeId: string,
  requestId: string,
  body: ApproveLeaveBody,
): Promise<LeaveRequest> {
  return apiRequest<LeaveRequest>(
    'POST',
    leavePath(officeId, `/${encodeURIComponent(requestId)}/approve`),
    body,
  );
}

/** Rejects with a reason; the roster stays as it is. */
export function rejectLeave(
  officeId: string,
  requestId: string,
  version: number,
  reason: string,
): Promise<LeaveRequest> {
  return apiRequest<LeaveRequest>(
    'POST',
    leavePath(officeId, `/${encodeURIComponent(requestId)}/reject`),
    { version, reason },
  );
}

/** The requester withdraws a pending request. */
export function cancelLeave(
  officeId: string,
  requestId: string,
  version: number,
): Promise<LeaveRequest> {
  return apiRequest<LeaveRequest>(
    'POST',
    leavePath(officeId, `/${encodeURIComponent(requestId)}/cancel`),
    { version },
  );
}

/** The supervisor puts a substitute on a shift at once (short notice), with a reason. */
export function coverEmergency(
  officeId: string,
  body: EmergencyCoverBody,
): Promise<EmergencyCover> {
  return apiRequest<EmergencyCover>(
    'POST',
    `/api/offices/${encodeURIComponent(officeId)}/emergency-covers`,
    body,
  );
}

/** Proposes a swap (or a give-away) to a colleague; nothing changes until approved (LEAVE-3). */
export function proposeSwap(officeId: string, body: CreateSwapBody): Promise<SwapRequest> {
  return apiRequest<SwapRequest>('POST', swapPath(officeId), body);
}

/** Swaps: staff get those they are part of, supervisors all. */
export async function listSwapRequests(officeId: string): Promise<SwapRequest[]> {
  const { requests } = await apiRequest<{ requests: SwapRequest[] }>('GET', swapPath(officeId));
  return requests;
}

export type SwapAction = 'accept' | 'decline' | 'approve' | 'reject' | 'cancel';

/**
 * One step of a swap: the counterpart accepts or declines, the supervisor approves (with an
 * override reason when it breaks a rule) or rejects, the proposer cancels.
 */
export function actOnSwap(
  officeId: string,
  swapId: string,
  action: SwapAction,
  body: { version: number; reason?: string; overrideReason?: string },
): Promise<SwapRequest> {
  return apiRequest<SwapRequest>(
    'POST',
    swapPath(officeId, `/${encodeURIComponent(swapId)}/${action}`),
    body,
  );
}

/** My in-app notifications, newest first, with the number unread. */
export function listMyNotifications(): Promise<NotificationList> {
  return apiRequest<NotificationList>('GET', '/api/me/notifications');
}

/** Marks one notification read. */
export async function markNotificationRead(notificationId: string): Promise<void> {
  await apiRequest<unknown>(
    'POST',
    `/api/me/notifications/${encodeURIComponent(notificationId)}/read`,
  );
}
