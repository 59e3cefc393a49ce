/**
 * Loads district files: files or directories -> YAML documents (with positions) -> schema with
 * defaults -> semantic rules -> names unique across everything loaded. Never throws for a bad
 * file: every problem is a Finding with FILE:LINE:COL.
 */
import path from 'node:path';
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { SislinkError } from '../errors.js';
import type { DistrictConfig, Finding, LoadedDistrict } from './types.js';
import { collectConfigFiles, displayPath } from './files.js';
import { readSourceText } from './source.js';
import { checkDocument } from './document.js';
import { locate } from './positions.js';
import { parseDotted } from './paths.js';
import { runRules, type RuleFinding } from './rules/index.js';
import { formatFinding } from './format.js';

export interface LoadOptions {
  /** Base for relative paths and for file names in findings; default process.cwd(). */
  cwd?: string;
}

export interface LoadResult {
  /** Files read, relative to cwd. */
  files: string[];
  /** Districts without error findings, defaults applied. `source.file` is absolute. */
  districts: LoadedDistrict[];
  /** Sorted by file, then schema-level before rule findings, then position. */
  findings: Finding[];
}

/** One loaded document with what is needed to point at its nodes later (e.g. --check-secrets). */
export interface LoadedDocument {
  file: string;
  display: string;
  index: number;
  config?: DistrictConfig;
  /** Load and schema findings. */
  structural: Finding[];
  /** Semantic rule findings. */
  semantic: Finding[];
  pointAt(dottedPath: string, target?: RuleFinding['target']): { line: number; column: number };
}

export interface DetailedLoad extends LoadResult {
  documents: LoadedDocument[];
}

function fileFinding(file: string, code: string, message: string): Finding {
  return { file, line: 1, column: 1, severity: 'error', code, path: '', message };
}

async function loadFile(file: string, display: string): Promise<{ documents: LoadedDocument[]; findings: Finding[] }> {
  const source = await readSourceText(file);
  if (!source.ok) return { documents: [], findings: [fileFinding(display, source.code, source.message)] };
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(source.text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const docs = (Array.isArray(parsed) ? parsed : []) as Document.Parsed[];
  const meaningful = docs.filter((doc) => doc.contents !== null || doc.errors.length > 0);
  if (meaningful.length === 0) return { documents: [], findings: [fileFinding(display, 'FILE_EMPTY', 'file holds no YAML document')] };
  const documents = meaningful.map((parsedDoc) => {
    const result = checkDocument({ doc: parsedDoc, lineCounter, file: display });
    const pointAt = (dotted: string, target: RuleFinding['target'] = 'value') => locate(result.doc, lineCounter, parseDotted(dotted), target);
    const document: LoadedDocument = { file, display, index: docs.indexOf(parsedDoc), structural: result.findings, semantic: [], pointAt };
    if (result.config) {
      document.config = result.config;
      document.semantic = runRules(result.config).map((finding) => ({ file: display, ...pointAt(finding.path, finding.target), severity: finding.severity, code: finding.code, path: finding.path, message: finding.message }));
    }
    return document;
  });
  return { documents, findings: [] };
}

function duplicateNames(documents: readonly LoadedDocument[]): void {
  const first = new Map<string, LoadedDocument>();
  for (const document of documents) {
    const name = document.config?.metadata.name;
    if (name === undefined) continue;
    const earlier = first.get(name);
    if (!earlier) {
      first.set(name, document);
      continue;
    }
    const where = earlier.pointAt('metadata.name');
    document.semantic.push({
      file: document.display, ...document.pointAt('metadata.name'), severity: 'error', code: 'DUPLICATE_NAME', path: 'metadata.name',
      message: `district name "${name}" is already used at ${earlier.display}:${where.line}:${where.column}`,
    });
  }
}

const byPosition = (a: Finding, b: Finding) => a.line - b.line || a.column - b.column;

export async function loadDetailed(paths: readonly string[], options: LoadOptions = {}): Promise<DetailedLoad> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const files = await collectConfigFiles(paths, cwd);
  const documents: LoadedDocument[] = [];
  const fileFindings = new Map<string, Finding[]>();
  const displays = files.map((file) => displayPath(file, cwd));
  for (const [i, file] of files.entries()) {
    const loaded = await loadFile(file, displays[i] as string);
    documents.push(...loaded.documents);
    fileFindings.set(displays[i] as string, loaded.findings);
  }
  duplicateNames(documents);
  const findings: Finding[] = [];
  for (const display of [...displays].sort()) {
    const mine = documents.filter((document) => document.display === display);
    findings.push(...(fileFindings.get(display) ?? []));
    findings.push(...mine.flatMap((document) => document.structural).sort(byPosition));
    findings.push(...mine.flatMap((document) => document.semantic).sort(byPosition));
  }
  const districts = documents
    .filter((document) => document.config && ![...document.structural, ...document.semantic].some((finding) => finding.severity === 'error'))
    .map((document) => ({ config: document.config as DistrictConfig, source: { file: document.file, documentIndex: document.index } }));
  return { files: displays, districts, findings, documents };
}

export async function loadDistricts(paths: readonly string[], options: LoadOptions = {}): Promise<LoadResult> {
  const { files, districts, findings } = await loadDetailed(paths, options);
  return { files, districts, findings };
}

/** For commands that need valid configs: throws CONFIG_INVALID listing every error finding. */
export async function loadDistrictsOrThrow(paths: readonly string[], options: LoadOptions = {}): Promise<LoadResult> {
  const result = await loadDistricts(paths, options);
  const errors = result.findings.filter((finding) => finding.severity === 'error');
  if (errors.length > 0) {
    throw new SislinkError('CONFIG_INVALID', `invalid district config (${errors.length} error${errors.length === 1 ? '' : 's'}; run \`sislink validate\`):\n${errors.map(formatFinding).join('\n')}`, { details: { findings: errors } });
  }
  if (result.districts.length === 0) {
    throw new SislinkError('CONFIG_NOT_FOUND', `no district found in ${paths.length === 0 ? 'the current directory' : paths.join(', ')}`);
  }
  return result;
}
