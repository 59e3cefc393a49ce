/** A pg.Pool with queries and transactions that fail as SislinkError STATE_ERROR, never showing the password. */
import pg from 'pg';
import { SislinkError } from '../../errors.js';
import { getLogger } from '../../log.js';
import { redact } from '../../secrets/redact.js';

/** Anything that runs SQL: the pool, or one client inside a transaction. */
export interface Queryable {
  query<R>(text: string, values?: unknown[]): Promise<R[]>;
  /** Rows changed by a write. */
  execute(text: string, values?: unknown[]): Promise<number>;
}

export interface PgDatabaseOptions {
  /** Password-free URL for messages. */
  safeUrl: string;
  /** Most connections this store opens. */
  poolSize?: number;
  connectTimeoutMs?: number;
}

/** A transaction its caller ends, for work that interleaves with locks held outside the database. */
export interface OpenTransaction extends Queryable {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

const DEFAULT_POOL_SIZE = 10;
const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;

/** Text of a driver error; connection failures to several addresses arrive as an AggregateError with no message. */
export function describePgError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0 && !error.message) {
    return error.errors.map((inner: unknown) => describePgError(inner)).join('; ');
  }
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const message = error.message || (typeof code === 'string' ? code : error.name);
  return redact(message);
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/** True for failures to reach or log in to the server (as opposed to a failing statement). */
function isConnectionFailure(error: unknown): boolean {
  if (error instanceof AggregateError) return error.errors.some(isConnectionFailure);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || /^(08|28|3D)/.test(code))) return true;
  return error instanceof Error && /timeout exceeded when trying to connect|Connection terminated/i.test(error.message);
}

/** Attempts of a transaction that lost a deadlock or a serialisation conflict. */
const TRANSACTION_ATTEMPTS = 3;

export class PgDatabase implements Queryable {
  private readonly pool: pg.Pool;
  private readonly safeUrl: string;
  private closed = false;

  constructor(connectionString: string, options: PgDatabaseOptions) {
    this.safeUrl = options.safeUrl;
    this.pool = new pg.Pool({
      connectionString,
      max: options.poolSize ?? DEFAULT_POOL_SIZE,
      connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      application_name: 'sislink',
      // A command that forgets to close the store must still exit.
      allowExitOnIdle: true,
    });
    // An idle connection dropped by the server must not crash the process; the pool replaces it.
    this.pool.on('error', (error) => {
      getLogger().warn({ state: this.safeUrl, reason: describePgError(error) }, 'state store connection lost');
    });
  }

  wrap(error: unknown): SislinkError {
    if (error instanceof SislinkError) return error;
    const what = isConnectionFailure(error) ? `cannot connect to state store ${this.safeUrl}` : `state store ${this.safeUrl}`;
    return new SislinkError('STATE_ERROR', `${what}: ${describePgError(error)}`, { cause: error });
  }

  async query<R>(text: string, values: unknown[] = []): Promise<R[]> {
    try {
      return (await this.pool.query(text, values)).rows as R[];
    } catch (error) {
      throw this.wrap(error);
    }
  }

  async execute(text: string, values: unknown[] = []): Promise<number> {
    try {
      return (await this.pool.query(text, values)).rowCount ?? 0;
    } catch (error) {
      throw this.wrap(error);
    }
  }

  /**
   * Runs `work` in one transaction on one connection; rolls back on any error. A transaction that
   * PostgreSQL chose as a deadlock victim (or failed to serialise) did nothing, so it is retried.
   */
  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.transactionOnce(work);
      } catch (error) {
        const code = (error as { cause?: { code?: string } }).cause?.code;
        if (attempt >= TRANSACTION_ATTEMPTS || (code !== '40P01' && code !== '40001')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 40));
      }
    }
  }

  private async transactionOnce<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw this.wrap(error);
    }
    const tx: Queryable = {
      query: async <R>(text: string, values: unknown[] = []) => (await client.query(text, values)).rows as R[],
      execute: async (text: string, values: unknown[] = []) => (await client.query(text, values)).rowCount ?? 0,
    };
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw this.wrap(error);
    } finally {
      // A connection whose rollback failed is in an unknown state: drop it rather than reuse it.
      client.release(broken);
    }
  }

  /** BEGIN on a connection of its own; the caller must commit() or rollback(). Not retried. */
  async begin(): Promise<OpenTransaction> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
      await client.query('BEGIN');
    } catch (error) {
      throw this.wrap(error);
    }
    let ended = false;
    const run = async <T>(work: () => Promise<T>): Promise<T> => {
      if (ended) throw new SislinkError('INTERNAL', `transaction on ${this.safeUrl} already ended`);
      try {
        return await work();
      } catch (error) {
        throw this.wrap(error);
      }
    };
    const end = async (statement: 'COMMIT' | 'ROLLBACK'): Promise<void> => {
      if (ended) return;
      ended = true;
      let broken = false;
      try {
        await client.query(statement);
      } catch (error) {
        broken = true;
        throw this.wrap(error);
      } finally {
        client.release(broken);
      }
    };
    return {
      query: <R>(text: string, values: unknown[] = []) => run(async () => (await client.query(text, values)).rows as R[]),
      execute: (text: string, values: unknown[] = []) => run(async () => (await client.query(text, values)).rowCount ?? 0),
      commit: () => end('COMMIT'),
      rollback: () => end('ROLLBACK'),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
