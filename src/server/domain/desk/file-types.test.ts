import { describe, expect, it } from 'vitest';
import { describeBytes, sniffMediaType } from './file-types.ts';

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(
    parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)),
  );

describe('sniffMediaType (evidence files, HO-OUT-2)', () => {
  it('knows photos and PDFs by their magic bytes', () => {
    expect(sniffMediaType(bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'))).toBe('image/jpeg');
    expect(sniffMediaType(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffMediaType(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffMediaType(bytes('GIF89a', [1, 0]))).toBe('image/gif');
    expect(sniffMediaType(bytes('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffMediaType(bytes([0, 0, 0, 24], 'ftypheic', [0, 0, 0, 0]))).toBe('image/heic');
    expect(sniffMediaType(bytes([0, 0, 0, 24], 'ftypmif1', [0, 0, 0, 0]))).toBe('image/heif');
  });

  it('refuses anything else, whatever its name says', () => {
    expect(sniffMediaType(bytes('<html><script>'))).toBeNull();
    expect(sniffMediaType(bytes('PK', [3, 4]))).toBeNull();
    expect(sniffMediaType(bytes([0, 0, 0, 24], 'ftypisom'))).toBeNull();
    expect(sniffMediaType(new Uint8Array())).toBeNull();
    expect(describeBytes(bytes('<html>'))).toBe('HTML or XML text');
    expect(describeBytes(bytes('PK', [3, 4]))).toContain('ZIP');
    expect(describeBytes(bytes('hello'))).toBe('plain text');
  });
});
