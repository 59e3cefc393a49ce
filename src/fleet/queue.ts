/**
 * The job queue: pg-boss in its own schema of the state database. One queue, `district-runs`,
 * with policy "singleton" keyed by district (never two active runs of a district), exponential
 * retries, and expiry: a run whose worker died stays active only until its expiry, then pg-boss's
 * maintenance (shared by all workers) hands it to another worker.
 */
import PgBoss from 'pg-boss';
import { SislinkError } from '../errors.js';
import { getLogger } from '../log.js';
import { describePgError, type Queryable } from '../state/postgres/db.js';
import { QUEUE_NAME, type FleetSettings, type RunKind } from './settings.js';

export interface RunJobData {
  kind: RunKind;
  district: string;
  /** Export or roster-import job name; '' for a reconcile. */
  job: string;
  /** ISO time of the cron tick this run serves. */
  tick: string;
}

export interface FetchedJob {
  id: string;
  data: RunJobData;
  /** 1 for the first attempt. */
  attempt: number;
  maxAttempts: number;
}

export interface QueuedJob {
  id: string;
  data: RunJobData;
}

/** pg-boss's adapter over a transaction, so queue writes commit with the fleet's own rows. */
function inTransaction(tx: Queryable): PgBoss.Db {
  return { executeSql: async (text: string, values: unknown[]) => ({ rows: await tx.query(text, values) }) };
}

export class FleetQueue {
  private readonly boss: PgBoss;
  private readonly settings: FleetSettings;

  constructor(connectionString: string, settings: FleetSettings) {
    this.settings = settings;
    this.boss = new PgBoss({
      connectionString,
      schema: settings.queueSchema,
      application_name: 'sislink-worker',
      max: 4,
      // The fleet schedules from district files itself; pg-boss's cron and clock checks stay off.
      schedule: false,
      supervise: true,
      maintenanceIntervalSeconds: settings.maintenanceIntervalSeconds,
      retryLimit: settings.retryLimit,
      retryDelay: settings.retryDelaySeconds,
      retryBackoff: true,
    });
    this.boss.on('error', (error) => getLogger().warn({ reason: describePgError(error) }, 'job queue error'));
  }

  async start(): Promise<void> {
    try {
      await this.boss.start();
      await this.boss.createQueue(QUEUE_NAME, {
        name: QUEUE_NAME,
        policy: 'singleton',
        retryLimit: this.settings.retryLimit,
        retryDelay: this.settings.retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: this.settings.expireSeconds.reconcile,
      });
    } catch (error) {
      await this.boss.stop({ graceful: false }).catch(() => undefined);
      throw new SislinkError('STATE_ERROR', `cannot start the job queue (schema ${this.settings.queueSchema}): ${describePgError(error)}`, { cause: error });
    }
  }

  /** Adds runs inside the caller's transaction; each expires after its kind's limit. */
  async insert(jobs: QueuedJob[], tx: Queryable): Promise<void> {
    if (jobs.length === 0) return;
    await this.boss.insert(jobs.map((job) => ({
      id: job.id,
      name: QUEUE_NAME,
      data: job.data,
      singletonKey: job.data.district,
      expireInSeconds: this.settings.expireSeconds[job.data.kind],
      retryLimit: this.settings.retryLimit,
      retryDelay: this.settings.retryDelaySeconds,
      retryBackoff: true,
    })), { db: inTransaction(tx) });
  }

  /** The next run ready to start, if any (SKIP LOCKED: workers never get the same one). */
  async fetch(): Promise<FetchedJob | undefined> {
    const [job] = await this.boss.fetch<RunJobData>(QUEUE_NAME, { batchSize: 1, includeMetadata: true });
    if (job === undefined) return undefined;
    return { id: job.id, data: job.data, attempt: job.retryCount + 1, maxAttempts: job.retryLimit + 1 };
  }

  async complete(id: string, output: object, tx: Queryable): Promise<void> {
    await this.boss.complete(QUEUE_NAME, id, output, { db: inTransaction(tx) });
  }

  /** Fails an attempt: pg-boss retries it later (with backoff) or marks it failed for good. */
  async fail(id: string, message: string, tx?: Queryable): Promise<void> {
    await this.boss.fail(QUEUE_NAME, id, { message }, tx === undefined ? {} : { db: inTransaction(tx) });
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: false, close: true });
  }
}
