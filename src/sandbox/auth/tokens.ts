/** Issued OAuth 2.0 access tokens: opaque random strings bound to an access record and scopes. */
import { randomBytes } from 'node:crypto';

export interface IssuedToken {
  recordId: string;
  scopes: Set<string>;
  /** Sandbox-clock milliseconds. */
  expiresAt: number;
}

const SWEEP_EVERY = 1000;

export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();
  private issuedSinceSweep = 0;

  issue(recordId: string, scopes: string[], ttlSeconds: number, nowMs: number): string {
    if (++this.issuedSinceSweep >= SWEEP_EVERY) this.sweep(nowMs);
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, { recordId, scopes: new Set(scopes), expiresAt: nowMs + ttlSeconds * 1000 });
    return token;
  }

  get(token: string): IssuedToken | undefined {
    return this.tokens.get(token);
  }

  revoke(token: string): void {
    this.tokens.delete(token);
  }

  clear(): void {
    this.tokens.clear();
  }

  private sweep(nowMs: number): void {
    this.issuedSinceSweep = 0;
    for (const [token, issued] of this.tokens) if (issued.expiresAt <= nowMs) this.tokens.delete(token);
  }
}
