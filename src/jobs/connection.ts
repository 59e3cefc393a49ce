/**
 * Opens the clients a data-exchange job uses, from the link as last applied (never from an
 * untested configuration): OneRoster with the link's credential, Classroom with the district's
 * service account. Secrets are resolved just in time and only registered for redaction.
 */
import { dirname } from 'node:path';
import type { Dispatcher } from 'undici';
import type { LoadedDistrict } from '../config/types.js';
import { SislinkError } from '../errors.js';
import { createOneRosterClient, type OneRosterClient } from '../oneroster/index.js';
import { createClassroomClient, type ClassroomClient } from '../classroom/index.js';
import type { ServiceAccountKey } from '../classroom/types.js';
import { sisUserAgent } from '../providers/user-agent.js';
import { fingerprintSecret } from '../secrets/fingerprint.js';
import { findRepoRoot, resolveSecretRef } from '../secrets/refs.js';
import type { LinkRecord, StateStore } from '../state/types.js';
import { versionUrls } from '../vendors/urls.js';
import type { ResolvedSisEndpoints } from '../vendors/types.js';
import type { OneRosterVersion, SisAuthStyle } from '../config/types.js';

export interface JobConnections {
  link: LinkRecord;
  oneRoster: OneRosterClient;
  classroom: ClassroomClient;
  close(): Promise<void>;
}

export interface ConnectionOptions {
  dispatcher?: Dispatcher;
  /** Classroom quota override (benchmarks against the sandbox); default Classroom's own. */
  classroomRateLimit?: false | { perMinute?: number; perUserPerMinute?: number };
  connections?: number;
}

export function linkEndpoints(link: LinkRecord): ResolvedSisEndpoints {
  const version = link.oneRosterVersion as OneRosterVersion;
  return { baseUrl: link.baseUrl, ...versionUrls(link.baseUrl, version), tokenUrl: link.tokenUrl, version, auth: link.auth as SisAuthStyle };
}

async function resolveFor(district: LoadedDistrict, ref: string): Promise<string> {
  return resolveSecretRef(ref, { configFile: district.source.file, repoRoot: findRepoRoot(dirname(district.source.file)) });
}

function parseServiceAccountKey(text: string, ref: string): ServiceAccountKey {
  try {
    const key = JSON.parse(text) as ServiceAccountKey;
    if (typeof key.client_email === 'string' && typeof key.private_key === 'string') return key;
  } catch {
    // fall through to the error below, which never quotes the content
  }
  throw new SislinkError('SECRET_UNRESOLVED', `${ref} does not hold a service-account key (JSON with client_email and private_key)`);
}

export async function openJobConnections(store: StateStore, district: LoadedDistrict, options: ConnectionOptions = {}): Promise<JobConnections> {
  const name = district.config.metadata.name;
  const link = await store.getLink(name);
  if (link === undefined || !link.enabled) {
    throw new SislinkError('APPLY_REFUSED', `${name} is not linked; run \`sislink apply\` first`);
  }
  const classroomSpec = district.config.spec.classroom;
  if (classroomSpec === undefined) {
    throw new SislinkError('CONFIG_INVALID', `${name}: spec.classroom (service account and admin) is required for data exchange`);
  }
  const secret = await resolveFor(district, link.secretRef);
  if (fingerprintSecret(await store.stateKey(), secret) !== link.secretFingerprint) {
    throw new SislinkError('APPLY_REFUSED', `the secret behind ${link.secretRef} changed since the link was applied; run \`sislink apply\` so it is tested first`);
  }
  const extras = district.config.spec.sis.infiniteCampus;
  const vendorAuthorization = extras?.vendorKey && extras.vendorSecret
    ? `${await resolveFor(district, extras.vendorKey)}:${await resolveFor(district, extras.vendorSecret)}`
    : undefined;
  const userAgent = sisUserAgent(link.domain, link.consentSisSupport);
  const oneRoster = createOneRosterClient({
    endpoints: linkEndpoints(link),
    credentials: { clientId: link.key, clientSecret: secret },
    vendorAuthorization,
    userAgent,
    dispatcher: options.dispatcher,
    http: { connections: options.connections },
  });
  const key = parseServiceAccountKey(await resolveFor(district, classroomSpec.serviceAccountKey), classroomSpec.serviceAccountKey);
  const classroom = createClassroomClient({
    apiUrl: classroomSpec.apiUrl,
    tokenUrl: classroomSpec.tokenUrl,
    serviceAccountKey: key,
    subject: classroomSpec.adminSubject,
    dispatcher: options.dispatcher,
    userAgent: `sislink (${name})`,
    rateLimit: options.classroomRateLimit,
    http: { connections: options.connections },
  });
  return {
    link,
    oneRoster,
    classroom,
    async close() {
      await Promise.all([oneRoster.close(), classroom.close()]);
    },
  };
}
