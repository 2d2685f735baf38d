import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import type { Handover, Unmet } from '../../api/handover.api.ts';

/** The unmet conditions the server names (domain/handover `unmetOutgoing`, `unmetIncoming`). */
const unmetKeys = [
  'tidy',
  'log',
  'unfinished',
  'untold-items',
  'blocking-items',
  'unexplained-items',
  'unexplained-anomalies',
  'join',
  'outgoing-signature',
  'count',
  'unread-log',
  'follow-ups',
  'area',
  'not-blocking',
  'not-in-period',
] as const;
type UnmetKey = (typeof unmetKeys)[number];

function isUnmetKey(key: string): key is UnmetKey {
  return (unmetKeys as readonly string[]).includes(key);
}

/** What an id of an unmet condition is called on this handover: a subject, an item, an anomaly. */
function nameOfId(handover: Handover, id: string): string {
  const blocking = handover.blocking.find((item) => item.id === id);
  if (blocking !== undefined) return blocking.subject;
  const line = handover.checklist.discrepancies.find((d) => d.itemId === id);
  if (line !== undefined) return line.name;
  const anomaly = handover.checklist.anomalies.find((a) => a.id === id);
  if (anomaly !== undefined) return anomaly.text;
  return id;
}

/** One unmet condition in the reader's language, its ids named where the handover knows them. */
export function unmetText(t: TFunction, unmet: Unmet, handover: Handover): string {
  if (!isUnmetKey(unmet.key)) return t('handover.unmet.other', { key: unmet.key });
  const names = unmet.ids.map((id) => nameOfId(handover, id)).join('、');
  return t(`handover.unmet.keys.${unmet.key}`, { names, count: unmet.ids.length });
}

/** The steps the record lists (domain/handover `StepContent`, plus the opening). */
const stepKinds = [
  'opened',
  'tidied',
  'log-completed',
  'unfinished-declared',
  'exception-granted',
  'joined',
  'counted',
  'explained',
  'log-read',
  'follow-ups-accepted',
  'area-checked',
  'signed',
] as const;
type StepKind = (typeof stepKinds)[number];

function isStepKind(kind: string): kind is StepKind {
  return (stepKinds as readonly string[]).includes(kind);
}

const lengthOf = (value: unknown) => (Array.isArray(value) ? value.length : 0);
const textOf = (value: unknown) => (typeof value === 'string' ? value : '');

/** One step of the record as a line: the kind in words with what it carried. */
export function stepText(
  t: TFunction,
  step: Handover['steps'][number],
  handover: Handover,
): string {
  if (!isStepKind(step.kind)) return step.kind;
  const p = step.payload;
  switch (step.kind) {
    case 'unfinished-declared':
      return t('handover.record.kinds.unfinished-declared', { count: lengthOf(p.items) });
    case 'exception-granted':
      return t('handover.record.kinds.exception-granted', { reason: textOf(p.reason) });
    case 'explained':
      return t('handover.record.kinds.explained', { text: textOf(p.text) });
    case 'log-read':
      return t('handover.record.kinds.log-read', { count: lengthOf(p.entryIds) });
    case 'area-checked':
      return t('handover.record.kinds.area-checked', { count: lengthOf(p.anomalies) });
    case 'signed': {
      // the signer, not the actor: on a shared screen one person may hold the device for both
      const side = p.side === 'incoming' ? 'incoming' : 'outgoing';
      return t('handover.record.kinds.signed', {
        side: t(`handover.sides.${side}`),
        name: handover.signatures[side]?.displayName ?? '',
      });
    }
    case 'opened':
    case 'tidied':
    case 'log-completed':
    case 'joined':
    case 'counted':
    case 'follow-ups-accepted':
      return t(`handover.record.kinds.${step.kind}`);
  }
}

/** Instants in the office's zone with the date: "11-28 17:45". */
export function useOfficeDateTime(timeZone: string): (instant: string) => string {
  return (instant) => dayjs(instant).tz(timeZone).format('MM-DD HH:mm');
}
