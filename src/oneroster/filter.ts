/**
 * OneRoster filter expressions: `field<op>'value'`, one clause or two joined by AND / OR.
 * Values are always single-quoted, with embedded single quotes doubled, so a value cannot end the
 * literal early and inject a second clause.
 */
import { SislinkError } from '../errors.js';

export type FilterOp = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~';

/** A rendered filter, ready for the `filter` query parameter. */
export interface Filter {
  readonly expression: string;
}

const FIELD = /^[A-Za-z][A-Za-z0-9_.]*$/;
const OPS: ReadonlySet<string> = new Set(['=', '!=', '>', '>=', '<', '<=', '~']);

export function quoteValue(value: string | number | boolean): string {
  return `'${String(value).replaceAll("'", "''")}'`;
}

export function filter(field: string, op: FilterOp, value: string | number | boolean): Filter {
  if (!FIELD.test(field)) throw new SislinkError('USAGE', `filter field "${field}" is not a OneRoster field name`);
  if (!OPS.has(op)) throw new SislinkError('USAGE', `filter operator "${op}" is not one of = != > >= < <= ~`);
  return { expression: `${field}${op}${quoteValue(value)}` };
}

function isCompound(clause: Filter): boolean {
  // Quoted values may contain " AND ", so look only outside quotes.
  const unquoted = clause.expression.replace(/'(?:[^']|'')*'/g, "''");
  return / (AND|OR) /.test(unquoted);
}

function join(left: Filter, right: Filter, word: 'AND' | 'OR'): Filter {
  if (isCompound(left) || isCompound(right)) {
    throw new SislinkError('USAGE', 'OneRoster filters join at most two clauses with one AND or OR');
  }
  return { expression: `${left.expression} ${word} ${right.expression}` };
}

export function and(left: Filter, right: Filter): Filter {
  return join(left, right, 'AND');
}

export function or(left: Filter, right: Filter): Filter {
  return join(left, right, 'OR');
}
