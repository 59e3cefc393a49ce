/** `npm run docs`: writes docs/config-reference.md from the schema (`--check` fails on drift). */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readSchema, schemaPath, SCHEMA_FILE_V1 } from './schema.js';
import { renderConfigReference } from './docs.js';
import { MIGRATIONS } from './migrations/index.js';

export function generatedReference(): string {
  return renderConfigReference(readSchema(), MIGRATIONS);
}

export function referencePath(): string {
  return path.join(path.dirname(path.dirname(schemaPath(SCHEMA_FILE_V1))), 'docs', 'config-reference.md');
}

async function main(): Promise<void> {
  const target = referencePath();
  const text = generatedReference();
  if (process.argv.includes('--check')) {
    const current = await readFile(target, 'utf8').catch(() => '');
    if (current !== text) {
      process.stderr.write(`${target} is out of date; run npm run docs\n`);
      process.exitCode = 1;
    }
    return;
  }
  await writeFile(target, text);
  process.stderr.write(`wrote ${path.relative(process.cwd(), target)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) await main();
