/** Runs the v1 JSON Schema (with defaults) and turns ajv errors into path-addressed findings. */
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { validate as generatedValidate } from './schema-validator.generated.js';
import { fromInstancePath, type PathSegment } from './paths.js';

export interface SchemaIssue {
  code: string;
  segments: PathSegment[];
  /** Which part of the node the position should point at. */
  target: 'value' | 'key' | 'parent';
  message: string;
}

/** ajv's code for schemas/sislink-v1.schema.json, generated ahead of time (see validator-source.ts). */
const validate = generatedValidate as unknown as ValidateFunction;

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

function valueAt(data: unknown, segments: readonly PathSegment[]): unknown {
  let current = data;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** Messages describe the rule, never the offending value (it may be a pasted secret). */
function toIssue(error: ErrorObject, data: unknown): SchemaIssue {
  const segments = fromInstancePath(error.instancePath, data);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      return { code: 'SCHEMA_UNKNOWN_KEY', segments: [...segments, key], target: 'key', message: `unknown key "${key}"` };
    }
    case 'required': {
      const key = String(params.missingProperty);
      return { code: 'SCHEMA_REQUIRED', segments: [...segments, key], target: 'parent', message: `missing required key "${key}"` };
    }
    case 'type': {
      const actual = valueAt(data, segments);
      const hint = params.type === 'string' && (typeof actual === 'number' || typeof actual === 'boolean') ? ' (quote it)' : '';
      return { code: 'SCHEMA_TYPE', segments, target: 'value', message: `must be ${article(String(params.type))}, not ${describeType(actual)}${hint}` };
    }
    case 'enum':
      return { code: 'SCHEMA_ENUM', segments, target: 'value', message: `must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}` };
    case 'const':
      return { code: 'SCHEMA_CONST', segments, target: 'value', message: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'pattern':
    case 'format':
      return { code: 'SCHEMA_FORMAT', segments, target: 'value', message: formatMessage(segments) };
    case 'propertyNames':
      return { code: 'SCHEMA_FORMAT', segments: [...segments, String(params.propertyName)], target: 'key', message: 'label keys must be letters, digits, "-", "_", "." or "/" (at most 63)' };
    default:
      return { code: `SCHEMA_${error.keyword.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`, segments, target: 'value', message: error.message ?? 'is invalid' };
  }
}

function article(type: string): string {
  const names: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a string', boolean: 'true or false', integer: 'a whole number', number: 'a number' };
  return names[type] ?? type;
}

/** The expected shape per field, in words. */
function formatMessage(segments: readonly PathSegment[]): string {
  const last = String(segments[segments.length - 1] ?? '');
  const shapes: Record<string, string> = {
    name: 'must be a DNS label: lowercase letters, digits and "-", at most 63 characters, starting and ending with a letter or digit',
    domain: 'must be a lowercase domain name such as example-isd.org',
    effective: 'must be a date YYYY-MM-DD',
    expiration: 'must be a date YYYY-MM-DD',
    rollover: 'must be a month-day MM-DD',
    productVersion: 'must be a dotted version such as 24.5.1.0',
    adminSubject: 'must be an email address',
    secretStore: 'must be file:DIR or exec:COMMAND',
    aliasPrefix: 'must be d: (domain alias) or p: (project alias)',
  };
  if (shapes[last]) return shapes[last];
  if (/url$/i.test(last)) return 'must be an absolute URL such as https://sis.example.org/';
  if (typeof segments[segments.length - 1] === 'number' && segments.includes('licences')) return 'licence names are lowercase words joined by "-", e.g. lms-api';
  return 'has an invalid format';
}

/** Validates (and fills defaults into) `data`. One issue per path: the first ajv reported. */
export function checkSchema(data: unknown): SchemaIssue[] {
  if (validate(data)) return [];
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const issue = toIssue(error, data);
    const id = issue.segments.join('\u0000');
    if (seen.has(id)) continue;
    seen.add(id);
    issues.push(issue);
  }
  return issues;
}
