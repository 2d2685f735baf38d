import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFileStore } from './file-store.ts';

describe('createFileStore (DESIGN.md "Files")', () => {
  it('stores bytes once under <root>/<first two hex>/<sha256> and reads them back', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'dutydesk-store-'));
    const store = createFileStore(root);
    const bytes = Buffer.from('%PDF-1.7 evidence');
    const sha256 = createHash('sha256').update(bytes).digest('hex');

    expect(await store.put(bytes)).toEqual({ sha256, size: bytes.length });
    const file = path.join(root, sha256.slice(0, 2), sha256);
    const written = statSync(file).mtimeMs;
    // the same bytes again: nothing is rewritten, no temp file is left behind
    expect(await store.put(bytes)).toEqual({ sha256, size: bytes.length });
    expect(statSync(file).mtimeMs).toBe(written);
    expect(readdirSync(path.dirname(file))).toEqual([sha256]);
    expect((await store.read(sha256))?.equals(bytes)).toBe(true);
  });

  it('reads nothing for an unknown address or one that is not a sha-256', async () => {
    const store = createFileStore(mkdtempSync(path.join(tmpdir(), 'dutydesk-store-')));
    expect(await store.read('a'.repeat(64))).toBeNull();
    expect(await store.read('../../etc/passwd')).toBeNull();
  });
});
