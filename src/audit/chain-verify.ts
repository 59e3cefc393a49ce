/** Verifies a store-kept audit chain with the same checks as a file: rows in seq order are its lines. */
import type { AuditChain, StoredLine } from './chain.js';
import type { RawLine } from './lines.js';
import type { AuditVerifyResult } from './types.js';
import { verifyChainLines } from './verify-chain.js';

/** Numbers rows by position, so a missing, extra or moved row shows as a wrong seq at that position. */
async function* asRawLines(lines: AsyncIterable<StoredLine>): AsyncGenerator<RawLine> {
  let number = 0;
  for await (const stored of lines) {
    number += 1;
    yield { number, bytes: Buffer.from(stored.line, 'utf8'), complete: true };
  }
}

/** `line` in a failed result is the seq where the chain first breaks. */
export async function verifyAuditChain(chain: AuditChain): Promise<AuditVerifyResult> {
  // The head is read first: appends that land meanwhile only extend what it covers.
  const head = await chain.head();
  return verifyChainLines(asRawLines(chain.lines()), head, `the audit head in ${chain.location}`);
}
