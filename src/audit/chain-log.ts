/**
 * The audit log on a store-kept chain (PostgreSQL): the same records, lines and chaining rules as
 * the file log, so an exported chain verifies as a file. Each append is one short transaction
 * under the chain's serialising lock; git lookups and redaction happen before it.
 */
import { randomUUID } from 'node:crypto';
import { SislinkError } from '../errors.js';
import type { AuditChain } from './chain.js';
import { parseAuditLine, type AuditLog } from './log.js';
import { enqueue } from './queue.js';
import { auditRecordMaker, type AuditLogOptions, type SealedRecord } from './record.js';
import type { AuditEvent, AuditRecord } from './types.js';

/** Where a chain comes from: opened on first use, closed with the log when the log opened it. */
export interface AuditChainSource {
  readonly location: string;
  chain(): Promise<AuditChain>;
  close(): Promise<void>;
}

export function openChainAuditLog(source: AuditChainSource, options: AuditLogOptions = {}): AuditLog {
  const maker = auditRecordMaker(options);
  // Keeps this log's appends in call order; other logs and processes are serialised by the chain's lock.
  const queue = `chain:${randomUUID()}`;

  async function write(given: AuditEvent): Promise<AuditRecord> {
    const event = await maker.prepare(given);
    const chain = await source.chain();
    let sealed: SealedRecord | undefined;
    await chain.append((tip) => {
      sealed = maker.seal(event, tip);
      return { seq: sealed.record.seq, line: sealed.line };
    });
    if (sealed === undefined) throw new SislinkError('INTERNAL', `audit chain ${source.location} appended nothing`);
    return sealed.record;
  }

  return {
    path: source.location,
    append: (event) => enqueue(queue, () => write(event)),
    read: () => readChainRecords(source),
    // Queued behind pending appends, so none loses its connection.
    close: () => enqueue(queue, () => source.close()),
  };
}

async function* readChainRecords(source: AuditChainSource): AsyncGenerator<AuditRecord> {
  const chain = await source.chain();
  for await (const stored of chain.lines()) {
    yield parseAuditLine(`${source.location} seq ${stored.seq}`, stored.line, 'sislink audit verify');
  }
}
