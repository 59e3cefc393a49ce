/**
 * `file:relative/path`: a file next to the district file, confined to the repository root (or the
 * secrets directory). One trailing newline is trimmed, as editors and `echo` add it.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SecretBackend, SecretContext, SecretLookup } from '../types.js';
import { confinePath } from '../paths.js';

const MAX_SECRET_FILE_BYTES = 1024 * 1024;

export function createFileBackend(): SecretBackend {
  return {
    validate(target: string): string | undefined {
      if (target === '') return 'file: needs a relative path';
      if (target.includes('\0')) return 'file: path contains a NUL byte';
      if (path.isAbsolute(target)) return 'file: path must be relative to the district file';
      return undefined;
    },
    async resolve(target: string, context: SecretContext): Promise<SecretLookup> {
      const confined = await confinePath(target, context);
      if ('reason' in confined) return { found: false, reason: confined.reason, invalid: true };
      let size: number;
      try {
        const info = await stat(confined.path);
        if (!info.isFile()) return { found: false, reason: 'is not a regular file' };
        size = info.size;
      } catch {
        return { found: false, reason: `file ${confined.path} does not exist or cannot be read` };
      }
      if (size > MAX_SECRET_FILE_BYTES) return { found: false, reason: 'file is larger than 1 MiB' };
      const value = (await readFile(confined.path, 'utf8')).replace(/\r?\n$/, '');
      if (value === '') return { found: false, reason: `file ${confined.path} is empty` };
      return { found: true, value };
    },
  };
}
