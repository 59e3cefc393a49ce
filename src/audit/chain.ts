/**
 * An audit chain kept by a shared state store (PostgreSQL), so every process of a fleet extends
 * one history. Lines are stored as the exact bytes a file log would hold, one row per seq.
 */
import type { ChainTip } from './tail.js';

export interface StoredLine {
  seq: number;
  /** The canonical line, without newline. */
  line: string;
}

export interface AuditChain {
  /** Where the chain lives, for messages (never with a password). */
  readonly location: string;
  /**
   * Appends the line `next` builds from the current tip, in one short transaction that no other
   * append (any process) overlaps. `next` may run again if the transaction is retried.
   */
  append(next: (tip: ChainTip) => StoredLine): Promise<void>;
  /** Every line in seq order, read page by page. */
  lines(): AsyncIterable<StoredLine>;
  /** The newest line as last recorded next to the chain; undefined before the first append. */
  head(): Promise<ChainTip | undefined>;
}

/** A state store that keeps the audit chain itself. */
export interface AuditChainHolder {
  auditChain(): AuditChain;
}

export function holdsAuditChain(store: unknown): store is AuditChainHolder {
  return typeof store === 'object' && store !== null && typeof (store as Partial<AuditChainHolder>).auditChain === 'function';
}
