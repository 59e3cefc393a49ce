/** The JSON Schemas in schemas/: located next to the package, read once, compiled once. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SislinkError } from '../errors.js';

export const SCHEMA_FILE_V1 = 'sislink-v1.schema.json';
export const SCHEMA_FILE_V1ALPHA1 = 'sislink-v1alpha1.schema.json';

/** Walks up from this module (src/config or dist/src/config) to the package's schemas/ folder. */
export function schemaPath(fileName: string): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'schemas', fileName);
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new SislinkError('INTERNAL', `schema ${fileName} not found next to the sislink package`);
}

const cache = new Map<string, Record<string, unknown>>();

export function readSchema(fileName: string = SCHEMA_FILE_V1): Record<string, unknown> {
  const cached = cache.get(fileName);
  if (cached) return cached;
  const schema = JSON.parse(readFileSync(schemaPath(fileName), 'utf8')) as Record<string, unknown>;
  cache.set(fileName, schema);
  return schema;
}
