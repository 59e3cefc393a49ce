/** The shared StateStore contract against PostgreSQL, and opening PostgreSQL stores by URL. */
import { describe, expect, it } from 'vitest';
import { isSislinkError } from '../../src/errors.js';
import { redact } from '../../src/secrets/redact.js';
import { openStateStore, parseStateUrl } from '../../src/state/open.js';
import { freePort } from '../helpers/postgres.js';
import { freshPostgresUrl, postgresServerUrl } from '../helpers/postgres-url.js';
import { describeStateStoreContract } from './contract.js';

describeStateStoreContract('postgres', async () => openStateStore(await freshPostgresUrl()));

async function stateError(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (isSislinkError(error, 'STATE_ERROR')) return error;
    throw error;
  }
  throw new Error('expected STATE_ERROR');
}

describe('openStateStore with postgres:// URLs', () => {
  it('opens postgres:// and postgresql:// URLs and shows them without the password', async () => {
    const url = await freshPostgresUrl();
    const password = new URL(url).password;
    expect(password.length).toBeGreaterThan(8);
    const store = await openStateStore(url);
    expect(store.url).not.toContain(password);
    expect(store.url).toMatch(/^postgres:\/\/sislink_test@127\.0\.0\.1:\d+\//);
    await store.setValue('d1', 'k', { b: 1, a: 2 });
    await store.close();
    const again = await openStateStore(url.replace(/^postgres:/, 'postgresql:'));
    // Key order survives the round trip (plans render observed values in stored order).
    expect(JSON.stringify(await again.getValue('d1', 'k'))).toBe('{"b":1,"a":2}');
    await again.close();
    expect(redact(`x ${password} y`)).not.toContain(password);
  });

  it('reports an unreachable server as STATE_ERROR without the password', async () => {
    const port = await freePort();
    const password = 'hunter2-unreachable-Secret';
    const error = await stateError(openStateStore(`postgres://sislink:${password}@127.0.0.1:${port}/sislink`));
    expect(error.message).toContain(`cannot connect to state store postgres://sislink@127.0.0.1:${port}/sislink`);
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.message).not.toContain(password);
    expect(redact(password)).not.toContain(password);
  });

  it('reports a wrong password as STATE_ERROR without either password', async () => {
    const server = new URL(postgresServerUrl());
    const real = server.password;
    server.password = 'wrong-Password-1234';
    const error = await stateError(openStateStore(server.toString()));
    expect(error.message).toMatch(/cannot connect to state store .*password authentication failed/);
    expect(error.message).not.toContain('wrong-Password-1234');
    expect(error.message).not.toContain(real);
  });

  it('refuses malformed PostgreSQL URLs as USAGE without echoing the password', () => {
    expect(() => parseStateUrl('postgres://user:s3cret-pass@[broken/db')).toThrow(
      expect.objectContaining({ code: 'USAGE', message: expect.not.stringContaining('s3cret-pass') }),
    );
    expect(() => parseStateUrl('postgress://user:s3cret-pass@host/db')).toThrow(
      expect.objectContaining({ code: 'USAGE', message: expect.not.stringContaining('s3cret-pass') }),
    );
  });

  it('refuses a store written by a newer sislink', async () => {
    const url = await freshPostgresUrl();
    const store = await openStateStore(url);
    await store.close();
    const { sql } = await import('../helpers/postgres-url.js');
    await sql(url, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')");
    const error = await stateError(openStateStore(url));
    expect(error.message).toMatch(/newer than this sislink/);
    expect(error.message).not.toContain(new URL(url).password);
  });
});
