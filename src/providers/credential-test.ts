/**
 * Tests a credential the way the link will use it: a token plus one cheap OneRoster read.
 * The secret is used for the call and dropped; only the outcome is returned.
 */
import type { ResolvedSisEndpoints } from '../vendors/types.js';
import type { Dispatcher } from 'undici';

export interface CredentialUnderTest {
  endpoints: ResolvedSisEndpoints;
  clientId: string;
  clientSecret: string;
  userAgent: string;
  vendorAuthorization?: string;
}

export interface CredentialTestResult {
  ok: boolean;
  /** Printable reason for a failure (status, imsx code); never a secret. */
  error?: string;
}

export type CredentialTester = (credential: CredentialUnderTest) => Promise<CredentialTestResult>;

export function oneRosterCredentialTester(options: { dispatcher?: Dispatcher; timeoutMs?: number } = {}): CredentialTester {
  return async (credential) => {
    const { createOneRosterClient } = await import('../oneroster/client.js');
    const client = createOneRosterClient({
      endpoints: credential.endpoints,
      credentials: { clientId: credential.clientId, clientSecret: credential.clientSecret },
      vendorAuthorization: credential.vendorAuthorization,
      userAgent: credential.userAgent,
      dispatcher: options.dispatcher,
      http: { timeoutMs: options.timeoutMs ?? 15_000 },
    });
    try {
      await client.probe();
      return { ok: true };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: message };
    } finally {
      await client.close();
    }
  };
}
