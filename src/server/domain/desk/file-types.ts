/**
 * Evidence files (DESIGN.md "Files"): the type is read from the bytes, never from the name or
 * the header the client sent, and only photos and PDFs are kept.
 */

/** The largest evidence file kept, in bytes. */
export const maxFileBytes = 10 * 1024 * 1024;

export const evidenceMediaTypes = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/heic',
  'image/heif',
  'application/pdf',
] as const;
export type EvidenceMediaType = (typeof evidenceMediaTypes)[number];

const heicBrands = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis']);
const heifBrands = new Set(['mif1', 'msf1']);

function ascii(bytes: Uint8Array, from: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(from, from + length));
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/** The evidence type the bytes are (by their magic numbers), or null for anything else. */
export function sniffMediaType(bytes: Uint8Array): EvidenceMediaType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp';
  const gif = ascii(bytes, 0, 6);
  if (gif === 'GIF87a' || gif === 'GIF89a') return 'image/gif';
  if (ascii(bytes, 0, 5) === '%PDF-') return 'application/pdf';
  // ISO base media file: a box size, then "ftyp" and the major brand
  if (ascii(bytes, 4, 4) === 'ftyp') {
    const brand = ascii(bytes, 8, 4);
    if (heicBrands.has(brand)) return 'image/heic';
    if (heifBrands.has(brand)) return 'image/heif';
  }
  return null;
}

/** What the bytes look like, for a refusal that names the type (best effort). */
export function describeBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'empty';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'a ZIP archive (or Office document)';
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return 'an executable (ELF)';
  if (startsWith(bytes, [0x4d, 0x5a])) return 'an executable (Windows)';
  if (ascii(bytes, 4, 4) === 'ftyp') return `a media file (${ascii(bytes, 8, 4).trim()})`;
  const head = ascii(bytes, 0, Math.min(bytes.length, 64)).trimStart().toLowerCase();
  if (head.startsWith('<')) return 'HTML or XML text';
  if (bytes.subarray(0, 512).every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127)))
    return 'plain text';
  return 'an unknown binary type';
}

/** A file extension for a stored type, for a download name that has none. */
export function extensionOf(mediaType: string): string {
  switch (mediaType) {
    case 'image/jpeg':
      return 'jpg';
    case 'image/png':
      return 'png';
    case 'image/webp':
      return 'webp';
    case 'image/gif':
      return 'gif';
    case 'image/heic':
      return 'heic';
    case 'image/heif':
      return 'heif';
    case 'application/pdf':
      return 'pdf';
    default:
      return 'bin';
  }
}
