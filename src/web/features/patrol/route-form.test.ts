import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { ApiError } from '../../api/api-client.ts';
import { formOfRoute, routeBodyOf, routeFieldErrors } from './route-form.ts';

// the key and its values, so a test reads which message was chosen
const t = ((key: string, values?: Record<string, unknown>) =>
  values === undefined ? key : `${key} ${JSON.stringify(values)}`) as unknown as TFunction;

function refusal(details: { path: string; message: string }[]): ApiError {
  return new ApiError(400, 'VALIDATION_FAILED', 'invalid', { details, rule: 'WORK-3' });
}

describe('routeBodyOf', () => {
  it('trims names, keeps ids and makes one checklist item of each non-empty line', () => {
    expect(
      routeBodyOf({
        name: ' 花园 ',
        checkpoints: [
          { id: 'cp-1', code: 'AAAAAA', name: ' 东门 ', checklist: '照明\n\n 围栏 \r\n排水' },
          { name: '水景' },
        ],
        plannedRounds: [{ shiftCode: 'D', offsetMinutes: 60, windowMinutes: 45 }],
      }),
    ).toEqual({
      name: '花园',
      checkpoints: [
        { id: 'cp-1', name: '东门', checklist: ['照明', '围栏', '排水'] },
        { name: '水景', checklist: [] },
      ],
      plannedRounds: [{ shiftCode: 'D', offsetMinutes: 60, windowMinutes: 45 }],
    });
  });

  it('is the inverse of formOfRoute for a saved route', () => {
    const route = {
      id: 'route-1',
      officeId: 'office-h',
      name: '车库',
      version: 3,
      checkpoints: [{ id: 'cp-9', seq: 1, name: 'B1 入口', code: 'ZZZZZ2', checklist: ['照明'] }],
      plannedRounds: [{ shiftCode: 'N', offsetMinutes: 0, windowMinutes: 30 }],
      updatedAt: '2026-11-28T00:00:00.000Z',
    };
    expect(routeBodyOf(formOfRoute(route))).toEqual({
      name: '车库',
      checkpoints: [{ id: 'cp-9', name: 'B1 入口', checklist: ['照明'] }],
      plannedRounds: [{ shiftCode: 'N', offsetMinutes: 0, windowMinutes: 30 }],
    });
  });
});

describe('routeFieldErrors', () => {
  it('puts a checkpoint’s problems at its name and its checklist', () => {
    expect(
      routeFieldErrors(
        t,
        refusal([
          { path: 'body.checkpoints.1.name', message: 'Too small' },
          { path: 'body.checkpoints.0.checklist.3', message: 'Too big' },
          { path: 'checkpoints.2.name', message: 'listed twice on this route' },
        ]),
      ),
    ).toEqual([
      { name: ['checkpoints', 1, 'name'], errors: ['patrol.routes.checkpointNameRequired'] },
      { name: ['checkpoints', 0, 'checklist'], errors: ['patrol.routes.checklistInvalid'] },
      { name: ['checkpoints', 2, 'name'], errors: ['patrol.routes.nameTwice'] },
    ]);
  });

  it('puts a plan the office’s shifts refuse at the planned round’s shift or window', () => {
    expect(
      routeFieldErrors(
        t,
        refusal([
          { path: 'plannedRounds.0', message: 'no such shift in this office' },
          { path: 'plannedRounds.1', message: 'the window ends after the shift (480 minutes)' },
        ]),
      ),
    ).toEqual([
      { name: ['plannedRounds', 0, 'shiftCode'], errors: ['patrol.routes.noSuchShift'] },
      {
        name: ['plannedRounds', 1, 'windowMinutes'],
        errors: ['patrol.routes.windowAfterShift {"minutes":480}'],
      },
    ]);
  });

  it('names nothing for a failure that is not a refusal', () => {
    expect(routeFieldErrors(t, new Error('boom'))).toEqual([]);
  });
});
