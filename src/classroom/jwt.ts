/**
 * RFC 7523 JWT bearer assertions for a service account with domain-wide delegation: an RS256 JWT
 * whose issuer is the service account and whose subject is the user it acts as.
 */
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { SislinkError } from '../errors.js';
import { registerSecret } from '../secrets/redact.js';
import type { ServiceAccountKey } from './types.js';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const ASSERTION_LIFETIME_S = 3600;

export interface AssertionClaims {
  iss: string;
  sub: string;
  scope: string;
  aud: string;
  iat: number;
  exp: number;
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/** Registers the key in every form it could leak in: the PEM, its base64 body, each PEM line. */
export function registerPrivateKey(pem: string): void {
  registerSecret(pem);
  const lines = pem.split(/\r?\n/).filter((line) => line.length > 0 && !line.startsWith('-----'));
  registerSecret(lines.join(''));
  for (const line of lines) registerSecret(line);
}

/** Parses the key once; a malformed key is a configuration error that names no key material. */
export function loadPrivateKey(key: ServiceAccountKey): KeyObject {
  if (typeof key.client_email !== 'string' || key.client_email.length === 0) {
    throw new SislinkError('CONFIG_INVALID', 'the Classroom service-account key has no client_email');
  }
  if (typeof key.private_key !== 'string' || key.private_key.length === 0) {
    throw new SislinkError('CONFIG_INVALID', `the Classroom service-account key of ${key.client_email} has no private_key`);
  }
  registerPrivateKey(key.private_key);
  try {
    return createPrivateKey({ key: key.private_key, format: 'pem' });
  } catch {
    throw new SislinkError('CONFIG_INVALID', `the private_key of Classroom service account ${key.client_email} is not a readable PEM key`);
  }
}

export function signAssertion(privateKey: KeyObject, claims: AssertionClaims, keyId?: string): string {
  const header: Record<string, string> = { alg: 'RS256', typ: 'JWT' };
  if (keyId !== undefined) header.kid = keyId;
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = sign('RSA-SHA256', Buffer.from(input), privateKey).toString('base64url');
  const assertion = `${input}.${signature}`;
  // A signed assertion is a credential for its lifetime.
  registerSecret(signature);
  registerSecret(assertion);
  return assertion;
}

export function assertionClaims(options: { issuer: string; subject: string; scopes: readonly string[]; audience: string; nowMs: number }): AssertionClaims {
  const iat = Math.floor(options.nowMs / 1000);
  return { iss: options.issuer, sub: options.subject, scope: options.scopes.join(' '), aud: options.audience, iat, exp: iat + ASSERTION_LIFETIME_S };
}
