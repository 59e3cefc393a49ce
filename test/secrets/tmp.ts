/** Temporary repositories for secret tests: a `.git` marker, a district file, cleaned up after. */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TempRepo {
  root: string;
  configFile: string;
  write(relative: string, content: string): string;
  cleanup(): void;
}

export function makeTempRepo(): TempRepo {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'sislink-secrets-')));
  mkdirSync(path.join(root, '.git'));
  mkdirSync(path.join(root, 'districts'));
  const configFile = path.join(root, 'districts', 'maple-valley.yaml');
  writeFileSync(configFile, 'apiVersion: sislink/v1\n');
  return {
    root,
    configFile,
    write(relative: string, content: string): string {
      const file = path.join(root, relative);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
      return file;
    },
    cleanup(): void {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
