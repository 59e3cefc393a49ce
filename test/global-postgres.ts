/**
 * vitest globalSetup: one throwaway PostgreSQL for the whole run, stopped at the end. Test files
 * read it with `postgresServerUrl()` (test/helpers/postgres-url.ts) and create their own databases.
 * When the server cannot start, the reason is provided instead so only PostgreSQL tests fail.
 * SISLINK_TEST_POSTGRES_URL (a superuser URL) uses an existing server instead.
 */
import type { TestProject } from 'vitest/node';
import { startPostgres } from './helpers/postgres.js';
import './helpers/postgres-url.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // An existing server (superuser URL) may be used instead of starting one.
  const external = process.env.SISLINK_TEST_POSTGRES_URL;
  if (external) {
    project.provide('postgres', { url: external });
    return async () => undefined;
  }
  try {
    const server = await startPostgres();
    project.provide('postgres', { url: server.url });
    return () => server.stop();
  } catch (error) {
    project.provide('postgres', { error: error instanceof Error ? error.message : String(error) });
    return async () => undefined;
  }
}
