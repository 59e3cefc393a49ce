/**
 * `sislink state move URL`: carries a SQLite state (and its audit log) into an empty PostgreSQL
 * store, when a district grows into a fleet. Everything lands in one transaction or nothing does:
 * links, the journal, manual steps, values, export checkpoints, runs, the state key (so secret
 * fingerprints still match), and the audit chain line for line, ending with a `state.moved` line
 * that the old log gets too. The old store then refuses to open, naming the new one.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { StoredLine } from '../audit/chain.js';
import { verifyAuditChain } from '../audit/chain-verify.js';
import { withFileLock } from '../audit/file-lock.js';
import { readRawLines } from '../audit/lines.js';
import { appendSealedLine, openAuditLog } from '../audit/log.js';
import { auditPathForState } from '../audit/paths.js';
import { auditRecordMaker, type SealedRecord } from '../audit/record.js';
import { EMPTY_HASH, sha256 } from '../audit/serialize.js';
import { readTip, type ChainTip } from '../audit/tail.js';
import { verifyAuditLog } from '../audit/verify.js';
import { SislinkError } from '../errors.js';
import type { StateImport, StateTableReader } from './move-types.js';
import { openStateStore, parseStateUrl } from './open.js';
import { packSize } from './result-packs.js';
import { PostgresStateStore } from './postgres/store.js';
import { SqliteStateStore } from './sqlite.js';
import type { LockHandle } from './types.js';

export interface StateMoveOptions {
  /** The store to move (`--state`): a SQLite file. */
  stateUrl: string;
  /** The empty PostgreSQL store to fill. */
  to: string;
  /** The source's audit log file; by default the one next to the state. */
  auditFile?: string;
  /** Copy inside a transaction, then roll it back: every check runs, nothing is written. */
  dryRun?: boolean;
  format?: 'text' | 'json';
  cwd?: string;
  now?: () => Date;
  env?: NodeJS.ProcessEnv;
  write?: (text: string) => void;
}

export interface StateMoveSummary {
  from: string;
  to: string;
  dryRun: boolean;
  districts: string[];
  /** Rows carried per table. */
  rows: Record<string, number>;
  /** Result checkpoints inside export_result_packs. */
  exportResults: number;
  audit: {
    file: string;
    /** Lines carried from the file. */
    carried: number;
    /** seq of the `state.moved` line that ends both chains. */
    movedSeq: number;
  };
  /** Something after the commit that did not go as planned; the move itself stands. */
  warning?: string;
}

const RESULT_PACKS = 'export_result_packs';
const AUDIT_LINES_PER_INSERT = 500;

function moveError(message: string): SislinkError {
  return new SislinkError('STATE_ERROR', message);
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Results in a pack row, for the summary. */
function resultsIn(row: Record<string, unknown>): number {
  return typeof row.hashes === 'string' ? packSize(row.hashes) : 0;
}

interface CopiedTables {
  rows: Record<string, number>;
  exportResults: number;
}

async function copyTables(tables: StateTableReader, importing: StateImport, from: string, to: string): Promise<CopiedTables> {
  for (const [key, value] of tables.meta()) await importing.setMeta(key, value);
  const targetTables = importing.tables();
  const rows: Record<string, number> = {};
  let exportResults = 0;
  for (const table of tables.tables()) {
    if (!targetTables.has(table)) throw moveError(`table "${table}" of ${from} has no counterpart in ${to}; nothing was moved`);
    let copied = 0;
    for (const page of tables.pages(table)) {
      await importing.insert(table, page);
      copied += page.length;
      if (table === RESULT_PACKS) for (const row of page) exportResults += resultsIn(row);
    }
    const expected = tables.count(table);
    const landed = await importing.count(table);
    if (copied !== expected || landed !== expected) {
      throw moveError(`table "${table}": ${expected} row(s) in ${from}, ${copied} read and ${landed} written to ${to}; nothing was moved`);
    }
    rows[table] = expected;
  }
  return { rows, exportResults };
}

/** Carries the audit file line for line (its seq is its line number once verified); returns its tip. */
async function copyAuditLines(file: string, importing: StateImport): Promise<{ tip: ChainTip; carried: number }> {
  let tip: ChainTip = { seq: 0, hash: EMPTY_HASH };
  if (!existsSync(file)) return { tip, carried: 0 };
  let batch: StoredLine[] = [];
  for await (const raw of readRawLines(file)) {
    if (!raw.complete) throw moveError(`audit log ${file} ends with an incomplete line; run \`sislink audit verify ${file}\``);
    batch.push({ seq: raw.number, line: raw.bytes.toString('utf8') });
    tip = { seq: raw.number, hash: sha256(raw.bytes) };
    if (batch.length >= AUDIT_LINES_PER_INSERT) {
      await importing.appendAuditLines(batch);
      batch = [];
    }
  }
  await importing.appendAuditLines(batch);
  return { tip, carried: tip.seq };
}

async function checkSourceAudit(file: string): Promise<void> {
  if (!existsSync(file)) return;
  const verified = await verifyAuditLog(file);
  if (!verified.ok) {
    throw moveError(
      `audit log ${file} does not verify at line ${verified.line} (${verified.reason}); a move carries the chain as it is, ` +
        `so nothing was moved. Run \`sislink audit verify ${file}\``,
    );
  }
}

/** Locks every district of the source so no run changes it meanwhile; all or none. */
async function lockAll(store: SqliteStateStore, districts: string[], auditFile: string, options: StateMoveOptions): Promise<LockHandle[]> {
  const held: LockHandle[] = [];
  try {
    for (const district of districts) {
      const handle = await store.acquireLock(district, { purpose: 'state move', timeoutMs: 0 });
      held.push(handle);
      if (handle.takenOver !== undefined) {
        const { holder, reason } = handle.takenOver;
        await openAuditLog(auditFile, { now: options.now, env: options.env, git: false }).append({
          event: 'lock.takeover', district, details: { reason, host: holder.host, pid: holder.pid, since: holder.since, purpose: holder.purpose },
        });
      }
    }
    return held;
  } catch (error) {
    await releaseAll(held);
    throw error;
  }
}

async function releaseAll(held: LockHandle[]): Promise<void> {
  for (const handle of held) await handle.release().catch(() => undefined);
}

function render(summary: StateMoveSummary): string {
  const width = Math.max(...Object.keys(summary.rows).map((table) => table.length), 'audit log'.length);
  const lines = [
    summary.dryRun
      ? `dry run: the state of ${summary.districts.length} district(s) in ${summary.from} can move to ${summary.to}; nothing was written`
      : `moved the state of ${summary.districts.length} district(s) from ${summary.from} to ${summary.to}`,
  ];
  for (const [table, count] of Object.entries(summary.rows)) {
    const extra = table === RESULT_PACKS ? ` (${summary.exportResults.toLocaleString('en-US')} result checkpoints)` : '';
    lines.push(`  ${table.padEnd(width)}  ${count.toLocaleString('en-US')}${extra}`);
  }
  lines.push(`  ${'audit log'.padEnd(width)}  ${summary.audit.carried.toLocaleString('en-US')} line(s) from ${summary.audit.file}, then state.moved as seq ${summary.audit.movedSeq}`);
  if (!summary.dryRun) {
    lines.push(`${summary.from} now refuses to open; from now on use --state ${summary.to} (or SISLINK_STATE)`);
  }
  if (summary.warning !== undefined) lines.push(`warning: ${summary.warning}`);
  return `${lines.join('\n')}\n`;
}

export async function runStateMove(options: StateMoveOptions): Promise<number> {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const cwd = options.cwd ?? process.cwd();
  const now = options.now ?? (() => new Date());
  const source = parseStateUrl(options.stateUrl, cwd);
  if (source.kind !== 'sqlite') {
    throw new SislinkError('USAGE', 'state move carries a SQLite state file (--state sqlite:PATH) into PostgreSQL; to move a PostgreSQL store to another server, use pg_dump and pg_restore');
  }
  const target = parseStateUrl(options.to, cwd);
  if (target.kind !== 'postgres') throw new SislinkError('USAGE', `state move fills a PostgreSQL store: give a postgres://USER:PASSWORD@HOST:PORT/DATABASE URL, not "${options.to}"`);
  if (!existsSync(source.path)) throw new SislinkError('NOT_FOUND', `no state store at ${source.path}: nothing to move`);
  const auditFile = resolve(cwd, options.auditFile ?? auditPathForState(options.stateUrl, cwd));

  const sourceStore = await openStateStore(options.stateUrl, { cwd, now });
  if (!(sourceStore instanceof SqliteStateStore)) throw new SislinkError('INTERNAL', `${options.stateUrl} did not open as a SQLite store`);
  let targetStore: PostgresStateStore | undefined;
  let held: LockHandle[] = [];
  try {
    // Verified before locking: a lock taken over is recorded in the log, which must be sound first.
    await checkSourceAudit(auditFile);
    const districts = await sourceStore.listDistricts();
    held = await lockAll(sourceStore, districts, auditFile, options);
    const opened = await openStateStore(options.to, { now });
    if (!(opened instanceof PostgresStateStore)) throw new SislinkError('INTERNAL', `${options.to} did not open as a PostgreSQL store`);
    targetStore = opened;
    const into = opened;
    const maker = auditRecordMaker({ now, env: options.env, cwd, git: false });

    const summary = await sourceStore.snapshot(async (tables): Promise<StateMoveSummary> => {
      const importing = await into.beginImport();
      let committed = false;
      try {
        const copied = await copyTables(tables, importing, sourceStore.url, into.url);
        const { tip, carried } = await copyAuditLines(auditFile, importing);
        const summary: StateMoveSummary = {
          from: sourceStore.url, to: into.url, dryRun: options.dryRun === true, districts, ...copied,
          audit: { file: auditFile, carried, movedSeq: tip.seq + 1 },
        };
        const event = await maker.prepare({
          event: 'state.moved',
          outcome: 'moved',
          details: { from: summary.from, to: summary.to, districts: districts.length, rows: summary.rows, exportResults: summary.exportResults, auditLines: carried },
        });
        const sealed: SealedRecord = maker.seal(event, tip);
        await importing.appendAuditLines([{ seq: sealed.record.seq, line: sealed.line }]);
        if (options.dryRun === true) {
          await importing.rollback();
          return summary;
        }
        await mkdir(dirname(auditFile), { recursive: true, mode: 0o700 });
        await withFileLock(auditFile, async () => {
          const current = await readTip(auditFile);
          if (current.seq !== tip.seq || current.hash !== tip.hash) {
            throw moveError(`audit log ${auditFile} changed during the move (another sislink process is using ${sourceStore.url}); nothing was moved. Stop it and run state move again`);
          }
          await importing.commit();
          committed = true;
          try {
            await appendSealedLine(auditFile, sealed);
          } catch (error) {
            summary.warning = `${auditFile} could not record the move (${reasonOf(error)}); the new store's chain has the state.moved line`;
          }
        });
        return summary;
      } catch (error) {
        if (!committed) await importing.rollback().catch(() => undefined);
        throw error;
      }
    });

    if (!summary.dryRun) {
      try {
        await sourceStore.markMoved({ url: summary.to, at: now().toISOString() });
      } catch (error) {
        throw moveError(`the state moved to ${summary.to}, but ${sourceStore.url} could not be marked as moved (${reasonOf(error)}); stop using it and use --state ${summary.to}`);
      }
      const verified = await verifyAuditChain(into.auditChain());
      if (!verified.ok) throw moveError(`the state moved to ${summary.to}, but its audit chain does not verify at seq ${verified.line} (${verified.reason})`);
    }
    write(options.format === 'json' ? `${JSON.stringify(summary, null, 2)}\n` : render(summary));
    return 0;
  } finally {
    await releaseAll(held);
    await targetStore?.close();
    await sourceStore.close();
  }
}
