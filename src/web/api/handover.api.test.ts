import { describe, expect, it } from 'vitest';
import { ApiError, errorFromEnvelope } from './api-client.ts';
import { unmetOfError } from './handover.api.ts';

const blocking = { rule: 'HO-OUT-4', key: 'blocking-items', ids: ['item-1'] };

describe('unmetOfError', () => {
  it('reads the unmet conditions of a refused signature sent as { unmet: [...] } (HO-OUT-4)', () => {
    const error = errorFromEnvelope(422, {
      error: {
        code: 'RULE_VIOLATION',
        message: 'the outgoing side cannot sign yet',
        rule: 'HO-OUT-4',
        details: { unmet: [blocking, { rule: 'HO-OUT-1', key: 'tidy', ids: [] }] },
      },
    });
    expect(unmetOfError(error)).toEqual([blocking, { rule: 'HO-OUT-1', key: 'tidy', ids: [] }]);
  });

  it('reads them sent as the list itself, and drops what is not an unmet condition', () => {
    const error = errorFromEnvelope(422, {
      error: {
        code: 'RULE_VIOLATION',
        message: 'refused',
        rule: 'HO-IN-3',
        details: [blocking, { path: 'action.entryIds', message: 'not in the period' }],
      },
    });
    expect(unmetOfError(error)).toEqual([blocking]);
  });

  it('is empty for field errors, other failures and non-API errors', () => {
    const fields = errorFromEnvelope(400, {
      error: {
        code: 'VALIDATION_FAILED',
        message: 'bad',
        details: [{ path: 'body.version', message: 'required' }],
      },
    });
    expect(unmetOfError(fields)).toEqual([]);
    expect(unmetOfError(new ApiError(0, 'NETWORK_ERROR', 'offline'))).toEqual([]);
    expect(unmetOfError(new Error('bug'))).toEqual([]);
  });
});
