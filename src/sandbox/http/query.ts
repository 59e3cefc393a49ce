/**
 * OneRoster listing parameters: filter (one clause, or two joined by AND / OR, with
 * = != > >= < <= ~), sort + orderBy, fields, limit + offset.
 */
export type FilterOperator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~';

export interface FilterClause {
  field: string;
  operator: FilterOperator;
  value: string;
}

export interface Filter {
  clauses: FilterClause[];
  join: 'AND' | 'OR';
}

export class QueryError extends Error {
  constructor(readonly codeMinor: 'invalid_filter_field' | 'invalid_selection_field' | 'invalid_sort_field' | 'invaliddata', message: string) {
    super(message);
  }
}

const CLAUSE = /^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*(!=|>=|<=|=|>|<|~)\s*'/;

/** Parses `field<op>'value'`; a quote inside a value is written '' (or \'). */
export function parseFilter(text: string): Filter {
  const clauses: FilterClause[] = [];
  let rest = text;
  let join: 'AND' | 'OR' = 'AND';
  for (;;) {
    const match = CLAUSE.exec(rest);
    if (!match) throw new QueryError('invalid_filter_field', `filter is not of the form field<op>'value': ${text}`);
    const [value, end] = readQuoted(rest, match[0].length, text);
    clauses.push({ field: match[1]!, operator: match[2] as FilterOperator, value });
    rest = rest.slice(end);
    if (rest.trim() === '') break;
    const joiner = /^\s+(AND|OR)\s+/.exec(rest);
    if (!joiner || clauses.length === 2) throw new QueryError('invalid_filter_field', `filter allows one clause or two joined by AND / OR: ${text}`);
    join = joiner[1] as 'AND' | 'OR';
    rest = rest.slice(joiner[0].length);
  }
  return { clauses, join };
}

function readQuoted(text: string, start: number, whole: string): [string, number] {
  let value = '';
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && text[i + 1] === "'") {
      value += "'";
      i++;
    } else if (ch === "'") {
      if (text[i + 1] === "'") {
        value += "'";
        i++;
      } else {
        return [value, i + 1];
      }
    } else {
      value += ch;
    }
  }
  throw new QueryError('invalid_filter_field', `filter value is missing its closing quote: ${whole}`);
}

function valuesAt(record: unknown, path: string[]): unknown[] {
  let current: unknown[] = [record];
  for (const key of path) {
    const next: unknown[] = [];
    for (const item of current) {
      const value = item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[key] : undefined;
      if (Array.isArray(value)) next.push(...value);
      else if (value !== undefined) next.push(value);
    }
    current = next;
  }
  // A bare reference or reference list compares by sourcedId.
  return current.map((value) => (value !== null && typeof value === 'object' && 'sourcedId' in value ? (value as { sourcedId: unknown }).sourcedId : value));
}

function compare(actual: unknown, clause: FilterClause): boolean {
  if (actual === null || typeof actual === 'object') return false;
  const left = String(actual);
  const right = clause.value;
  if (clause.operator === '=') return left === right;
  if (clause.operator === '!=') return left !== right;
  if (clause.operator === '~') return left.toLowerCase().includes(right.toLowerCase());
  const numeric = typeof actual === 'number' && right.trim() !== '' && !Number.isNaN(Number(right));
  const order = numeric ? Math.sign((actual as number) - Number(right)) : left < right ? -1 : left > right ? 1 : 0;
  if (clause.operator === '>') return order > 0;
  if (clause.operator === '>=') return order >= 0;
  if (clause.operator === '<') return order < 0;
  return order <= 0;
}

function matchesClause(record: unknown, clause: FilterClause): boolean {
  const values = valuesAt(record, clause.field.split('.'));
  // `!=` holds when no value equals; the others when some value matches.
  if (clause.operator === '!=') return !values.some((value) => compare(value, { ...clause, operator: '=' }));
  return values.some((value) => compare(value, clause));
}

export function matchesFilter(record: unknown, filter: Filter): boolean {
  if (filter.join === 'OR') return filter.clauses.some((clause) => matchesClause(record, clause));
  return filter.clauses.every((clause) => matchesClause(record, clause));
}

export function sortRecords(records: Record<string, unknown>[], field: string, descending: boolean): void {
  const path = field.split('.');
  const key = (record: unknown) => {
    const value = valuesAt(record, path)[0];
    return value === undefined || value === null ? '' : value;
  };
  records.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
    return descending ? -order : order;
  });
}

export function selectFields(record: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) if (record[field] !== undefined) out[field] = record[field];
  return out;
}
