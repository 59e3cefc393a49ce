/**
 * Test-side access to the PostgreSQL server started by test/global-postgres.ts. Each test file
 * gets its own database; each fresh store its own schema in it (selected through the URL's
 * `options=-c search_path=...`), which is far cheaper than a database per store.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject, type ProvidedContext } from 'vitest';
import { createDatabase } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: { url: string } | { error: string };
  }
}

/** The server's superuser URL; throws the reason the server could not start. */
export function postgresServerUrl(): string {
  const provided = inject('postgres') as ProvidedContext['postgres'] | undefined;
  if (provided === undefined) {
    throw new Error('no test PostgreSQL: add test/global-postgres.ts to globalSetup in vitest.config.ts');
  }
  if ('error' in provided) throw new Error(provided.error);
  return provided.url;
}

/** A new, empty database on the shared test server. */
export async function freshPostgresDatabase(prefix?: string): Promise<string> {
  return createDatabase(postgresServerUrl(), prefix);
}

let fileDatabase: Promise<string> | undefined;
let schemas = 0;

/** A URL whose tables land in a new, empty schema of this test file's database. */
export async function freshPostgresUrl(): Promise<string> {
  fileDatabase ??= freshPostgresDatabase('file');
  const database = await fileDatabase;
  schemas += 1;
  const schema = `store_${schemas}_${randomBytes(3).toString('hex')}`;
  const client = new pg.Client({ connectionString: database });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  const url = new URL(database);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/** Runs SQL against a store's URL (its schema included), for tests that reach under the store. */
export { sql } from './postgres.js';
