/**
 * Reads the IMS status object (`imsx_codeMajor`, `imsx_CodeMinor`, ...) that OneRoster servers put
 * in error bodies. Accepts the bare 1.1/1.2 object, the `imsx_statusInfo` wrapper and the
 * `statusInfoSet` / `imsx_statusInfoSet` arrays; anything else yields undefined.
 */
import { redact } from '../secrets/redact.js';

export interface ImsxStatus {
  codeMajor?: string;
  severity?: string;
  /** First imsx_CodeMinor value, e.g. `unknownobject`, `invalid_filter_field`. */
  codeMinor?: string;
  description?: string;
}

const MAX_DESCRIPTION = 300;

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function pick(record: Record<string, unknown>, ...names: string[]): unknown {
  for (const name of names) {
    if (record[name] !== undefined) return record[name];
  }
  return undefined;
}

function codeMinorOf(value: unknown): string | undefined {
  const direct = asString(value);
  if (direct !== undefined) return direct;
  const record = asRecord(value);
  if (record === undefined) return undefined;
  const fields = pick(record, 'imsx_codeMinorField', 'imsx_CodeMinorField', 'codeMinorField');
  const list = Array.isArray(fields) ? fields : [fields];
  for (const field of list) {
    const fieldRecord = asRecord(field);
    const found = fieldRecord && asString(pick(fieldRecord, 'imsx_codeMinorFieldValue', 'imsx_CodeMinorFieldValue', 'codeMinorFieldValue'));
    if (found !== undefined) return found;
  }
  return undefined;
}

function statusRecord(body: unknown): Record<string, unknown> | undefined {
  const record = asRecord(body);
  if (record === undefined) return undefined;
  if ('imsx_codeMajor' in record || 'imsx_CodeMajor' in record) return record;
  const wrapped = asRecord(pick(record, 'imsx_statusInfo', 'imsx_StatusInfo', 'statusInfo'));
  if (wrapped !== undefined) return statusRecord(wrapped);
  const set = pick(record, 'statusInfoSet', 'imsx_statusInfoSet', 'imsx_StatusInfoSet');
  if (Array.isArray(set)) return statusRecord(set[0]);
  const inner = asRecord(set);
  return inner === undefined ? undefined : statusRecord(pick(inner, 'imsx_statusInfo', 'statusInfo') ?? inner);
}

/** Parses an IMS status object from a response body (text); undefined when there is none. */
export function parseImsx(bodyText: string): ImsxStatus | undefined {
  if (bodyText.length === 0 || !/imsx_/i.test(bodyText)) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  const record = statusRecord(body);
  if (record === undefined) return undefined;
  const description = asString(pick(record, 'imsx_description', 'imsx_Description'));
  const status: ImsxStatus = {};
  const codeMajor = asString(pick(record, 'imsx_codeMajor', 'imsx_CodeMajor'));
  const severity = asString(pick(record, 'imsx_severity', 'imsx_Severity'));
  const codeMinor = codeMinorOf(pick(record, 'imsx_CodeMinor', 'imsx_codeMinor'));
  if (codeMajor !== undefined) status.codeMajor = codeMajor;
  if (severity !== undefined) status.severity = severity;
  if (codeMinor !== undefined) status.codeMinor = codeMinor;
  if (description !== undefined) status.description = redact(description).slice(0, MAX_DESCRIPTION);
  return status;
}
