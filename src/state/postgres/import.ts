/**
 * Fills an empty PostgreSQL store in one transaction (`sislink state move`). The transaction holds
 * the audit chain's serialising lock and an EXCLUSIVE lock on every sislink table, so no worker
 * writes or appends in between; readers go on. Nothing shows until commit().
 */
import type { StoredLine } from '../../audit/chain.js';
import { SislinkError } from '../../errors.js';
import type { StateImport, TableRow } from '../move-types.js';
import { AUDIT_LOCK_NAME, setAuditHead } from './audit-chain.js';
import type { OpenTransaction, PgDatabase } from './db.js';
import { lockSerial } from './serial.js';

interface ColumnInfo {
  boolean: boolean;
  identity: boolean;
}

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  is_identity: string;
}

/** Bind parameters per INSERT, well under PostgreSQL's 65,535. */
const PARAMETERS_PER_INSERT = 20_000;
const ROWS_PER_INSERT = 500;
const BOOKKEEPING = 'schema_migrations';

function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function readColumns(tx: OpenTransaction): Promise<Map<string, Map<string, ColumnInfo>>> {
  const rows = await tx.query<ColumnRow>(
    `SELECT table_name, column_name, data_type, is_identity FROM information_schema.columns
     WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const tables = new Map<string, Map<string, ColumnInfo>>();
  for (const row of rows) {
    let columns = tables.get(row.table_name);
    if (columns === undefined) tables.set(row.table_name, (columns = new Map()));
    columns.set(row.column_name, { boolean: row.data_type === 'boolean', identity: row.is_identity === 'YES' });
  }
  tables.delete(BOOKKEEPING);
  return tables;
}

async function nonEmptyTables(tx: OpenTransaction, tables: Iterable<string>): Promise<string[]> {
  const names = [...tables].sort();
  if (names.length === 0) return [];
  const probes = names.map((name, index) => `SELECT $${index + 1}::text AS name WHERE EXISTS (SELECT 1 FROM ${quoted(name)})`);
  const rows = await tx.query<{ name: string }>(probes.join(' UNION ALL '), names);
  return rows.map((row) => row.name).sort();
}

/** A SQLite 0/1 as a boolean; null stays null. */
function asBoolean(value: unknown): boolean | null {
  return value === null || value === undefined ? null : value === true || value === 1;
}

export async function beginImport(db: PgDatabase, location: string): Promise<StateImport> {
  const tx = await db.begin();
  let columns: Map<string, Map<string, ColumnInfo>>;
  try {
    await lockSerial(tx, AUDIT_LOCK_NAME);
    columns = await readColumns(tx);
    await tx.execute(`LOCK TABLE ${[...columns.keys()].map(quoted).join(', ')} IN EXCLUSIVE MODE`);
    const occupied = await nonEmptyTables(tx, columns.keys());
    if (occupied.length > 0) {
      throw new SislinkError(
        'STATE_ERROR',
        `state store ${location} is not empty (rows in ${occupied.join(', ')}); state move only fills a new, empty store`,
      );
    }
  } catch (error) {
    await tx.rollback().catch(() => undefined);
    throw error;
  }
  /** Identity column per table that received explicit values: its sequence moves past them before commit. */
  const identities = new Map<string, string>();

  function columnsOf(table: string): Map<string, ColumnInfo> {
    const found = columns.get(table);
    if (found === undefined) throw new SislinkError('STATE_ERROR', `state store ${location} has no table "${table}"; is it at the same schema version?`);
    return found;
  }

  async function insertBatch(table: string, names: string[], info: ColumnInfo[], rows: TableRow[]): Promise<void> {
    const values: unknown[] = [];
    const tuples = rows.map((row) => {
      const placeholders = names.map((name, index) => {
        const value = row[name] ?? null;
        values.push(info[index]!.boolean ? asBoolean(value) : value);
        return `$${values.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    const overriding = info.some((column) => column.identity) ? ' OVERRIDING SYSTEM VALUE' : '';
    await tx.execute(`INSERT INTO ${quoted(table)} (${names.map(quoted).join(', ')})${overriding} VALUES ${tuples.join(', ')}`, values);
  }

  return {
    tables: () => new Set(columns.keys()),
    async insert(table, rows) {
      const first = rows[0];
      if (first === undefined) return;
      const target = columnsOf(table);
      const names = Object.keys(first);
      const info = names.map((name) => {
        const column = target.get(name);
        if (column === undefined) throw new SislinkError('STATE_ERROR', `state store ${location}: table "${table}" has no column "${name}"; is it at the same schema version?`);
        if (column.identity) identities.set(table, name);
        return column;
      });
      const perInsert = Math.max(1, Math.min(ROWS_PER_INSERT, Math.floor(PARAMETERS_PER_INSERT / names.length)));
      for (let start = 0; start < rows.length; start += perInsert) {
        await insertBatch(table, names, info, rows.slice(start, start + perInsert));
      }
    },
    async count(table) {
      columnsOf(table);
      const [row] = await tx.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${quoted(table)}`);
      return Number(row?.n ?? 0);
    },
    async setMeta(key, value) {
      await tx.execute('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
    },
    async appendAuditLines(lines) {
      const last: StoredLine | undefined = lines[lines.length - 1];
      if (last === undefined) return;
      for (let start = 0; start < lines.length; start += ROWS_PER_INSERT) {
        const batch = lines.slice(start, start + ROWS_PER_INSERT);
        const values = batch.flatMap((stored) => [stored.seq, stored.line]);
        const tuples = batch.map((_, index) => `($${2 * index + 1}, $${2 * index + 2})`);
        await tx.execute(`INSERT INTO audit_log (seq, line) VALUES ${tuples.join(', ')}`, values);
      }
      await setAuditHead(tx, last);
    },
    async commit() {
      try {
        for (const [table, column] of identities) {
          await tx.query(
            `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST(MAX(${quoted(column)}), 1), MAX(${quoted(column)}) IS NOT NULL) FROM ${quoted(table)}`,
            [table, column],
          );
        }
      } catch (error) {
        await tx.rollback().catch(() => undefined);
        throw error;
      }
      await tx.commit();
    },
    rollback: () => tx.rollback(),
  };
}
