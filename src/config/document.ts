/**
 * One YAML document -> a DistrictConfig, or findings that say why not: YAML errors, non-mapping
 * documents, alias bombs, unknown apiVersion/kind, deprecated versions (migrated in memory),
 * then the JSON Schema with defaults.
 */
import { isMap, isScalar, type Document, type LineCounter } from 'yaml';
import type { DistrictConfig, Finding, Severity } from './types.js';
import { locate, segmentsAt } from './positions.js';
import { toDotted, type PathSegment } from './paths.js';
import { checkSchema } from './schema-check.js';
import { apiVersionOf, CURRENT_API_VERSION, isMigratable, migrateDocument } from './migrations/index.js';

/** Aliases resolved per document before it counts as an alias bomb. */
export const MAX_ALIAS_COUNT = 100;

export interface DocumentResult {
  config?: DistrictConfig;
  /** The document positions refer to (the migrated copy for older versions). */
  doc: Document;
  findings: Finding[];
}

export interface DocumentInput {
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** File name as shown in findings. */
  file: string;
}

function printable(value: unknown): string {
  const text = String(value);
  return /^[\w./-]{1,40}$/.test(text) ? `"${text}"` : 'this value';
}

export function checkDocument(input: DocumentInput): DocumentResult {
  const { lineCounter, file } = input;
  let doc: Document = input.doc;
  const findings: Finding[] = [];
  const at = (severity: Severity, code: string, segments: PathSegment[], message: string, target: 'value' | 'key' | 'parent' = 'value') => {
    const pos = locate(doc, lineCounter, segments, target);
    findings.push({ file, line: pos.line, column: pos.column, severity, code, path: toDotted(segments), message });
  };
  // Only a duplicate key leaves a trustworthy tree to name a path in; a syntax error does not.
  const atOffset = (code: string, offset: number, message: string, named: boolean) => {
    const pos = lineCounter.linePos(offset);
    findings.push({ file, line: pos.line, column: pos.col, severity: 'error', code, path: named ? toDotted(segmentsAt(doc, offset)) : '', message });
  };

  const error = input.doc.errors[0];
  if (error) {
    const code = error.code === 'DUPLICATE_KEY' ? 'YAML_DUPLICATE_KEY' : 'YAML_SYNTAX';
    // yaml's own message may quote source text; keep only its first clause.
    const message = error.code === 'DUPLICATE_KEY' ? 'duplicate key in this mapping' : `malformed YAML: ${error.message.split(/ at line |\n/)[0]}`;
    atOffset(code, error.pos[0], message, error.code === 'DUPLICATE_KEY');
    return { doc, findings };
  }
  if (!isMap(doc.contents)) {
    at('error', 'DOCUMENT_NOT_MAPPING', [], 'a district document must be a mapping with apiVersion, kind, metadata and spec');
    return { doc, findings };
  }

  const apiVersion = apiVersionOf(doc);
  if (apiVersion === undefined) {
    at('error', 'API_VERSION_MISSING', ['apiVersion'], `missing required key "apiVersion" (expected ${CURRENT_API_VERSION})`, 'parent');
    return { doc, findings };
  }
  if (apiVersion !== CURRENT_API_VERSION && !isMigratable(apiVersion)) {
    at('error', 'API_VERSION_UNKNOWN', ['apiVersion'], `apiVersion ${printable(apiVersion)} is not supported; expected ${CURRENT_API_VERSION}`);
    return { doc, findings };
  }
  const kind = doc.get('kind', true);
  if (!isScalar(kind) || kind.value !== 'SisLink') {
    at('error', 'KIND_UNKNOWN', ['kind'], kind === undefined ? 'missing required key "kind" (expected SisLink)' : 'kind must be SisLink', kind === undefined ? 'parent' : 'value');
    return { doc, findings };
  }
  if (apiVersion !== CURRENT_API_VERSION) {
    at('warning', 'CONFIG_DEPRECATED_VERSION', ['apiVersion'], `apiVersion ${printable(apiVersion)} is deprecated; run \`sislink migrate ${file}\` to upgrade to ${CURRENT_API_VERSION}`);
    doc = doc.clone();
    migrateDocument(doc);
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    at('error', 'YAML_ALIAS_LIMIT', [], `too many alias expansions (limit ${MAX_ALIAS_COUNT}); refusing a possible alias bomb`);
    return { doc, findings };
  }
  const issues = checkSchema(data);
  for (const issue of issues) at('error', issue.code, issue.segments, issue.message, issue.target);
  if (issues.length > 0) return { doc, findings };
  return { config: data as DistrictConfig, doc, findings };
}
