/** Small building blocks for OneRoster client tests: endpoints, a token handler, a client factory. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OneRosterVersion, SisAuthStyle } from '../../src/config/types.js';
import { createOneRosterClient, type OneRosterClient, type OneRosterClientOptions } from '../../src/oneroster/client.js';
import type { ResolvedSisEndpoints } from '../../src/vendors/types.js';
import { sendJson } from '../http/server.js';

export const CLIENT_ID = 'sislink-test-id';
export const CLIENT_SECRET = 'canary-client secret+5c1d/%';

export function endpointsFor(url: string, version: OneRosterVersion = '1.2', auth: SisAuthStyle = 'oauth2-basic'): ResolvedSisEndpoints {
  const base = `${url}/ims/oneroster`;
  return version === '1.1'
    ? { baseUrl: url, rosteringUrl: `${base}/v1p1`, gradebookUrl: `${base}/v1p1`, tokenUrl: `${url}/oauth/token`, version, auth }
    : { baseUrl: url, rosteringUrl: `${base}/rostering/v1p2`, gradebookUrl: `${base}/gradebook/v1p2`, tokenUrl: `${url}/oauth/token`, version, auth };
}

export function makeClient(endpoints: ResolvedSisEndpoints, extra: Partial<OneRosterClientOptions> = {}): OneRosterClient {
  return createOneRosterClient({
    endpoints,
    credentials: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    userAgent: 'sislink-test',
    http: { retry: { attempts: 3, baseDelayMs: 2, maxDelayMs: 10 } },
    ...extra,
  });
}

export interface TokenIssuer {
  issued: Array<{ token: string; scope: string | undefined; via: 'basic' | 'body' }>;
  /** Handles POST /oauth/token; returns true when it answered. */
  handle(req: IncomingMessage, res: ServerResponse, body: string): boolean;
  /** The scope the bearer token of a request was issued for, or undefined when unknown. */
  scopeOf(req: IncomingMessage): string | undefined;
}

export function tokenIssuer(expiresIn = 3600): TokenIssuer {
  const issued: TokenIssuer['issued'] = [];
  return {
    issued,
    handle(req, res, body) {
      if (req.method !== 'POST' || !req.url?.startsWith('/oauth/token')) return false;
      const form = new URLSearchParams(body);
      const basic = req.headers.authorization?.startsWith('Basic ') === true;
      const [id, secret] = basic
        ? Buffer.from(req.headers.authorization!.slice(6), 'base64').toString('utf8').split(':').map((part) => decodeURIComponent(part.replace(/\+/g, ' ')))
        : [form.get('client_id'), form.get('client_secret')];
      if (id !== CLIENT_ID || secret !== CLIENT_SECRET || form.get('grant_type') !== 'client_credentials') {
        sendJson(res, 401, { error: 'invalid_client' });
        return true;
      }
      const token = `tok-${issued.length + 1}-${Math.random().toString(36).slice(2)}`;
      issued.push({ token, scope: form.get('scope') ?? undefined, via: basic ? 'basic' : 'body' });
      sendJson(res, 200, { access_token: token, token_type: 'bearer', expires_in: expiresIn });
      return true;
    },
    scopeOf(req) {
      const token = req.headers.authorization?.replace(/^Bearer /, '');
      return issued.find((entry) => entry.token === token)?.scope;
    },
  };
}
