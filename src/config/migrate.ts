/** `sislink migrate FILE [--write]`: upgrade older apiVersions to the current one, keeping comments. */
import { chmod, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { SislinkError } from '../errors.js';
import { readSourceText } from './source.js';
import { displayPath } from './files.js';
import { apiVersionOf, CURRENT_API_VERSION, isMigratable, migrateDocument } from './migrations/index.js';

export interface MigrateOptions {
  file: string;
  write: boolean;
  cwd?: string;
  stdout?: { write(text: string): unknown };
  stderr?: { write(text: string): unknown };
}

export interface MigrationOutcome {
  before: string;
  after: string;
  /** `from -> to` of each migration applied, per document. */
  applied: string[];
}

/** Pure: the migrated text of a file's content (unchanged when nothing needs migrating). */
export function migrateText(text: string, display: string): MigrationOutcome {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const docs = (Array.isArray(parsed) ? parsed : []) as Document.Parsed[];
  const broken = docs.find((doc) => doc.errors.length > 0);
  if (broken) {
    const error = broken.errors[0];
    const pos = error ? lineCounter.linePos(error.pos[0]) : { line: 1, col: 1 };
    throw new SislinkError('CONFIG_INVALID', `${display}:${pos.line}:${pos.col}: cannot migrate a file that is not valid YAML; run \`sislink validate ${display}\``);
  }
  if (!docs.some((doc) => isMigratable(apiVersionOf(doc)))) return { before: text, after: text, applied: [] };
  const applied: string[] = [];
  const parts = docs.map((doc) => {
    for (const migration of migrateDocument(doc)) applied.push(`${migration.from} -> ${migration.to}`);
    return doc.toString({ lineWidth: 0 });
  });
  const after = docs.length === 1 ? (parts[0] as string) : parts.map((part, i) => (i === 0 || part.startsWith('---') ? part : `---\n${part}`)).join('');
  return { before: text, after, applied };
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const mode = (await stat(file)).mode & 0o777;
  await writeFile(temp, text, { encoding: 'utf8', mode });
  await chmod(temp, mode);
  await rename(temp, file);
}

export async function runMigrate(options: MigrateOptions): Promise<number> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const file = path.resolve(cwd, options.file);
  const display = displayPath(file, cwd);
  const source = await readSourceText(file);
  if (!source.ok) {
    throw new SislinkError(source.code === 'FILE_UNREADABLE' ? 'CONFIG_NOT_FOUND' : 'CONFIG_INVALID', `${display}: ${source.message}`);
  }
  const outcome = migrateText(source.text, display);
  if (outcome.applied.length === 0) {
    stderr.write(`${display}: already ${CURRENT_API_VERSION}; nothing to migrate\n`);
    return 0;
  }
  stdout.write(createTwoFilesPatch(`a/${display}`, `b/${display}`, outcome.before, outcome.after));
  if (options.write) {
    await writeAtomically(file, outcome.after);
    stderr.write(`${display}: migrated (${[...new Set(outcome.applied)].join(', ')}) and written\n`);
  } else {
    stderr.write(`${display}: ${[...new Set(outcome.applied)].join(', ')}; run with --write to apply\n`);
  }
  return 0;
}
