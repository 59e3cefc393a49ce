/**
 * Which audit log a state URL uses: an explicit file always wins; SQLite (file) state keeps the
 * log next to the database; PostgreSQL state keeps one chain in the database for the whole fleet.
 */
import { SislinkError } from '../errors.js';
import { openStateStore, parseStateUrl } from '../state/open.js';
import { safePostgresUrl } from '../state/postgres/url.js';
import { holdsAuditChain, type AuditChain } from './chain.js';
import { openChainAuditLog, type AuditChainSource } from './chain-log.js';
import { openAuditLog, type AuditLog } from './log.js';
import { auditPathForState } from './paths.js';
import type { AuditLogOptions } from './record.js';

export interface AuditForStateOptions {
  /** An explicit audit log file (`--audit-log`); wins over the state's own log. */
  auditFile?: string | undefined;
  cwd?: string | undefined;
  /** The store already opened on the same URL; reused for a database chain (and left open). */
  store?: unknown;
}

export type AuditLocation = { kind: 'file'; path: string } | { kind: 'chain'; source: AuditChainSource };

function chainOfStore(store: unknown, location: string): Promise<AuditChain> {
  if (!holdsAuditChain(store)) throw new SislinkError('INTERNAL', `state store ${location} does not keep an audit chain`);
  return Promise.resolve(store.auditChain());
}

/** A source on the given store, or one that opens (and later closes) its own store on first use. */
function chainSource(url: string, options: AuditForStateOptions): AuditChainSource {
  const location = safePostgresUrl(url);
  if (options.store !== undefined) {
    const store = options.store;
    return { location, chain: () => chainOfStore(store, location), close: async () => undefined };
  }
  let opened: ReturnType<typeof openStateStore> | undefined;
  return {
    location,
    chain: async () => {
      opened ??= openStateStore(url, options.cwd === undefined ? {} : { cwd: options.cwd });
      return chainOfStore(await opened, location);
    },
    close: async () => {
      if (opened === undefined) return;
      const store = await opened.catch(() => undefined);
      await store?.close();
    },
  };
}

export function auditLocationForState(stateUrl: string, options: AuditForStateOptions = {}): AuditLocation {
  const cwd = options.cwd ?? process.cwd();
  if (options.auditFile !== undefined) return { kind: 'file', path: options.auditFile };
  const state = parseStateUrl(stateUrl, cwd);
  if (state.kind === 'postgres') return { kind: 'chain', source: chainSource(state.url, options) };
  return { kind: 'file', path: auditPathForState(stateUrl, cwd) };
}

/** The audit log every command appends to for this state; close() it when done. */
export function openAuditLogForState(stateUrl: string, options: AuditForStateOptions & AuditLogOptions = {}): AuditLog {
  const { auditFile, store, ...logOptions } = options;
  const location = auditLocationForState(stateUrl, { auditFile, cwd: options.cwd, store });
  return location.kind === 'file' ? openAuditLog(location.path, logOptions) : openChainAuditLog(location.source, logOptions);
}
