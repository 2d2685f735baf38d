import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where evidence bytes live (DESIGN.md "Files"): content-addressed, one file per sha-256
 * under `<root>/<first two hex>/<sha256>`. The same bytes are stored once, whoever sends them.
 */
export type FileStore = {
  /** stores the bytes (once) and returns their address */
  put: (bytes: Uint8Array) => Promise<{ sha256: string; size: number }>;
  /** the bytes at an address, or null when none are stored there */
  read: (sha256: string) => Promise<Buffer | null>;
};

const sha256Pattern = /^[0-9a-f]{64}$/;

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** A file store on the local disk under `root` (the data directory's `files/`). */
export function createFileStore(root: string): FileStore {
  const pathOf = (sha256: string) => path.join(root, sha256.slice(0, 2), sha256);
  return {
    async put(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const target = pathOf(sha256);
      try {
        await stat(target);
        return { sha256, size: bytes.length };
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
      await mkdir(path.dirname(target), { recursive: true });
      // written aside, then renamed: a reader never sees half a file, a crash leaves only a temp
      const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(temp, bytes, { flag: 'wx' });
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      return { sha256, size: bytes.length };
    },
    async read(sha256) {
      if (!sha256Pattern.test(sha256)) return null;
      try {
        return await readFile(pathOf(sha256));
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
  };
}
