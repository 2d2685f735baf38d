/**
 * PHONE-1: the phone is answered within three rings 电话铃响三声内接听. One ring lasts the
 * office's `ringSeconds`; the ring count of a call is measured from the ring start to the
 * answer (or, for a missed call, to its end). Pure: the caller passes every instant.
 */

/** How many rings PHONE-1 allows before the phone must be answered. */
export const ringsAllowed = 3;

export type CallTimes = {
  ringStartedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
};

export type CallMeasure = {
  answered: boolean;
  /** milliseconds from ring start to the answer (answered) or to the end (missed); null: still ringing */
  ringMs: number | null;
  /** the ring during which the call was answered or given up; null while still ringing */
  ringCount: number | null;
  /** answered within three rings (PHONE-1); a missed call never is */
  withinThreeRings: boolean;
};

/**
 * Rings heard in `ringMs`: a ring that has begun counts, and the first ring counts even when
 * the phone is picked up at once (PHONE-1).
 */
export function countRings(ringMs: number, ringSeconds: number): number {
  return Math.max(1, Math.ceil(ringMs / (ringSeconds * 1000)));
}

/** True when a call answered after `ringMs` meets PHONE-1: at most three rings' length. */
export function answeredWithinThreeRings(ringMs: number, ringSeconds: number): boolean {
  return ringMs <= ringsAllowed * ringSeconds * 1000;
}

/** The PHONE-1 measure of one call: rings until answered, or until a missed call ended. */
export function measureCall(call: CallTimes, ringSeconds: number): CallMeasure {
  if (call.answeredAt !== null) {
    const ringMs = Math.max(0, call.answeredAt.getTime() - call.ringStartedAt.getTime());
    return {
      answered: true,
      ringMs,
      ringCount: countRings(ringMs, ringSeconds),
      withinThreeRings: answeredWithinThreeRings(ringMs, ringSeconds),
    };
  }
  if (call.endedAt === null) {
    return { answered: false, ringMs: null, ringCount: null, withinThreeRings: false };
  }
  const ringMs = Math.max(0, call.endedAt.getTime() - call.ringStartedAt.getTime());
  return {
    answered: false,
    ringMs,
    ringCount: countRings(ringMs, ringSeconds),
    withinThreeRings: false,
  };
}

/** A call is missed 未接来电 when it ended without being answered. */
export function isMissedCall(call: CallTimes): boolean {
  return call.answeredAt === null && call.endedAt !== null;
}

export type AnswerRate = {
  calls: number;
  answered: number;
  withinThreeRings: number;
  missed: number;
  /** answered within three rings ÷ all calls; null on a day without calls */
  rate: number | null;
};

/** A day's answer rate under PHONE-1: calls answered within three rings over all calls. */
export function answerRate(calls: readonly CallTimes[], ringSeconds: number): AnswerRate {
  let answered = 0;
  let within = 0;
  let missed = 0;
  for (const call of calls) {
    const measure = measureCall(call, ringSeconds);
    if (measure.answered) answered += 1;
    if (measure.withinThreeRings) within += 1;
    if (isMissedCall(call)) missed += 1;
  }
  return {
    calls: calls.length,
    answered,
    withinThreeRings: within,
    missed,
    rate: calls.length === 0 ? null : within / calls.length,
  };
}

export type CallTimeProblem = { path: 'answeredAt' | 'endedAt' | 'ringStartedAt'; message: string };

/**
 * What is wrong with a call's times as reported: an answer before the ring, an end before
 * the ring or the answer, anything later than now.
 */
export function checkCallTimes(call: CallTimes, now: Date): CallTimeProblem[] {
  const problems: CallTimeProblem[] = [];
  if (call.ringStartedAt.getTime() > now.getTime()) {
    problems.push({ path: 'ringStartedAt', message: 'is in the future' });
  }
  if (call.answeredAt !== null) {
    if (call.answeredAt < call.ringStartedAt) {
      problems.push({ path: 'answeredAt', message: 'is before the ring started' });
    } else if (call.answeredAt.getTime() > now.getTime()) {
      problems.push({ path: 'answeredAt', message: 'is in the future' });
    }
  }
  if (call.endedAt !== null) {
    const floor = call.answeredAt ?? call.ringStartedAt;
    if (call.endedAt < call.ringStartedAt) {
      problems.push({ path: 'endedAt', message: 'is before the ring started' });
    } else if (call.endedAt < floor) {
      problems.push({ path: 'endedAt', message: 'is before the call was answered' });
    } else if (call.endedAt.getTime() > now.getTime()) {
      problems.push({ path: 'endedAt', message: 'is in the future' });
    }
  }
  return problems;
}
