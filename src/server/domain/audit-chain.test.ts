import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { genesisHash, hashAuditEvent, verifyChain, type AuditEvent } from './audit-chain.ts';
import { canonicalJson } from './canonical-json.ts';

function buildChain(length: number): AuditEvent[] {
  const events: AuditEvent[] = [];
  let prevHash = genesisHash;
  for (let seq = 1; seq <= length; seq += 1) {
    const content = {
      orgId: 'org-1',
      seq,
      at: new Date(Date.UTC(2026, 10, 1, 0, seq)).toISOString(),
      actorUserId: seq % 2 === 0 ? 'user-1' : null,
      action: 'thing.done',
      entityType: 'thing',
      entityId: `thing-${String(seq)}`,
      payload: { n: seq, note: '交接班' },
    };
    const hash = hashAuditEvent(prevHash, content);
    events.push({ ...content, prevHash, hash });
    prevHash = hash;
  }
  return events;
}

const headOf = (events: AuditEvent[]) => {
  const last = events[events.length - 1]!;
  return { seq: last.seq, hash: last.hash };
};

describe('canonicalJson', () => {
  it('gives the same text whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'x' } })).toBe(
      canonicalJson({ a: { c: 'x', d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('drops undefined members and refuses non-finite numbers', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain', () => {
    const events = buildChain(5);
    expect(verifyChain('org-1', events, headOf(events))).toBeNull();
  });

  it('names a changed row', () => {
    const events = buildChain(5);
    events[2] = { ...events[2]!, payload: { n: 3, note: 'changed' } };
    expect(verifyChain('org-1', events, headOf(events))).toMatchObject({
      seq: 3,
      reason: 'hash-mismatch',
    });
  });

  it('names the row after a removed one', () => {
    const events = buildChain(5);
    events.splice(1, 1);
    expect(verifyChain('org-1', events, headOf(events))).toMatchObject({
      seq: 3,
      reason: 'sequence-gap',
    });
  });

  it('names reordered rows', () => {
    const events = buildChain(5);
    const [third, fourth] = [events[2]!, events[3]!];
    events[2] = { ...fourth, seq: 3 };
    events[3] = { ...third, seq: 4 };
    expect(verifyChain('org-1', events, headOf(buildChain(5)))).toMatchObject({ seq: 3 });
  });

  it('notices rows removed from the end through the head', () => {
    const events = buildChain(5);
    const head = headOf(events);
    expect(verifyChain('org-1', events.slice(0, 3), head)).toMatchObject({
      reason: 'head-mismatch',
    });
  });

  it('detects any single change to any field of any row (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.nat(),
        fc.constantFrom(
          'at',
          'actorUserId',
          'action',
          'entityType',
          'entityId',
          'payload',
          'hash',
          'prevHash',
        ),
        fc.string({ minLength: 1, maxLength: 8 }),
        (length, pick, field, text) => {
          const events = buildChain(length);
          const index = pick % length;
          const original = events[index]!;
          const changed = {
            ...original,
            [field]:
              field === 'payload'
                ? { text }
                : `${String(original[field as keyof AuditEvent])}${text}`,
          };
          events[index] = changed;
          expect(verifyChain('org-1', events, headOf(buildChain(length)))).not.toBeNull();
        },
      ),
    );
  });
});
