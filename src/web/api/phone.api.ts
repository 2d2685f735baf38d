// Types only from the shared contract (see api-types.ts): a change there is a compile error here.
import type { z } from 'zod';
import type {
  CdrImportResult,
  logPhoneCallBodySchema,
  PhoneAnswerRate,
  PhoneCall,
  PhoneDay,
  webhookSecretSchema,
  webhookSecretStatusSchema,
} from '../../shared/contract/phone.ts';
import { apiRequest, officePath } from './api-client.ts';

export type { CdrImportResult, PhoneAnswerRate, PhoneCall, PhoneDay };
export type LogPhoneCallBody = z.input<typeof logPhoneCallBodySchema>;
export type WebhookSecretStatus = z.infer<typeof webhookSecretStatusSchema>;
export type WebhookSecret = z.infer<typeof webhookSecretSchema>;

/** Logs a call by hand (PHONE-1); times out of order or in the future come back by field. */
export function logPhoneCall(officeId: string, body: LogPhoneCallBody): Promise<PhoneCall> {
  return apiRequest<PhoneCall>('POST', officePath(officeId, '/phone-calls'), body);
}

/** A day's calls with ring counts and the answer rate; today in the office's zone by default. */
export function getPhoneDay(officeId: string, date?: string): Promise<PhoneDay> {
  const query = date === undefined ? '' : `?date=${encodeURIComponent(date)}`;
  return apiRequest<PhoneDay>('GET', officePath(officeId, `/phone-calls${query}`));
}

/** Missed calls waiting for a call-back 回电. */
export async function listOpenCallbacks(officeId: string): Promise<PhoneCall[]> {
  const { calls } = await apiRequest<{ calls: PhoneCall[] }>(
    'GET',
    officePath(officeId, '/phone-callbacks'),
  );
  return calls;
}

/** Marks a missed call called back; a second time → CONFLICT. */
export function completeCallback(
  officeId: string,
  callId: string,
  note: string,
): Promise<PhoneCall> {
  return apiRequest<PhoneCall>(
    'POST',
    officePath(officeId, `/phone-calls/${encodeURIComponent(callId)}/callback`),
    { note },
  );
}

/** Imports an Asterisk Master.csv (supervisor); bad lines come back by number. */
export function importAsteriskCdr(officeId: string, csv: string): Promise<CdrImportResult> {
  return apiRequest<CdrImportResult>('POST', officePath(officeId, '/phone-calls/cdr-import'), {
    csv,
  });
}

export function getWebhookSecretStatus(officeId: string): Promise<WebhookSecretStatus> {
  return apiRequest<WebhookSecretStatus>('GET', officePath(officeId, '/phone-webhook-secret'));
}

/** Creates or replaces the webhook secret; the answer is the only time it is shown. */
export function rotateWebhookSecret(officeId: string): Promise<WebhookSecret> {
  return apiRequest<WebhookSecret>('POST', officePath(officeId, '/phone-webhook-secret'));
}
