/**
 * A throwaway service account for tests and the sandbox: an RSA key pair and the key JSON in the
 * shape Google issues, so the client reads it exactly as it would a real key file.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { ServiceAccountKey } from '../../classroom/types.js';

export interface TestServiceAccount {
  /** The parsed key file (give it to createClassroomClient as serviceAccountKey). */
  key: ServiceAccountKey & { type: 'service_account'; project_id: string; client_id: string };
  /** The key file's text. */
  keyJson: string;
  /** SPKI PEM: give it to the emulator (serviceAccount.publicKey). */
  publicKeyPem: string;
}

export function generateTestServiceAccount(options: { clientEmail?: string; tokenUri?: string; projectId?: string } = {}): TestServiceAccount {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const projectId = options.projectId ?? 'sislink-sandbox';
  const key: TestServiceAccount['key'] = {
    type: 'service_account',
    project_id: projectId,
    private_key_id: randomBytes(20).toString('hex'),
    private_key: privateKey,
    client_email: options.clientEmail ?? `sislink@${projectId}.iam.gserviceaccount.com`,
    client_id: String(100_000_000_000_000_000_000n + BigInt(`0x${randomBytes(8).toString('hex')}`)),
    ...(options.tokenUri === undefined ? {} : { token_uri: options.tokenUri }),
  };
  return { key, keyJson: `${JSON.stringify(key, null, 2)}\n`, publicKeyPem: publicKey };
}
