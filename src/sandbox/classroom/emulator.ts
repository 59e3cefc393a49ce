/**
 * `createClassroomEmulator()`: the Google Classroom API as a node:http request handler that a
 * server mounts under a path prefix (default `/classroom`): the API root is `<origin>/classroom`
 * (`/v1/...` beneath it), the JWT bearer token endpoint `<origin>/classroom/token`, the admin API
 * `<origin>/classroom/admin/`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServiceAccountKey } from '../../classroom/types.js';
import type { FaultInjector } from '../faults.js';
import type { SandboxDataset } from '../data/types.js';
import { createAdmin, type ClassroomEmulatorAdmin, type ForcedFailure } from './admin.js';
import { EmulatorTokens, type EmulatorServiceAccount } from './auth.js';
import { dispatch, type DispatchConfig } from './dispatch.js';
import { rosterFromSisDataset } from './from-sis.js';
import { RequestLog } from './request-log.js';
import type { ClassroomRosterInput, ClassroomSeedOptions } from './roster-input.js';
import { seedClassroomFromRoster } from './seed.js';
import { ClassroomStore } from './store.js';
import { generateTestServiceAccount } from './test-key.js';
import type { ClassroomSeedData } from './types.js';

export interface ClassroomEmulatorOptions {
  /** Seed for generated data. Default 1. */
  seed?: number;
  /** Ready data; wins over roster and sisDataset. */
  data?: ClassroomSeedData;
  /** SIS roster to seed from (see seedClassroomFromRoster). */
  roster?: ClassroomRosterInput;
  /** The SIS sandbox's dataset, converted with rosterFromSisDataset. */
  sisDataset?: SandboxDataset;
  seedOptions?: Partial<ClassroomSeedOptions>;
  /** Default '/classroom'. */
  pathPrefix?: string;
  clock?: { now(): Date };
  /** The account allowed to get tokens; default: a generated one (see serviceAccountKey). */
  serviceAccount?: EmulatorServiceAccount;
  /** Users who may be impersonated (created when missing). Default: any subject. */
  adminEmails?: string[];
  /** Bearer token the admin API requires; default: none. */
  adminToken?: string;
  faults?: FaultInjector;
  tokenTtlSeconds?: number;
  /** Default 100 / 1000. */
  defaultPageSize?: number;
  maxPageSize?: number;
  logger?: { error(obj: object, msg?: string): void };
}

export interface ClassroomEmulator {
  /** Serves the request when its path is under the prefix; resolves false (untouched) otherwise. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** e.g. '/classroom': the Classroom apiUrl is origin + pathPrefix. */
  readonly pathPrefix: string;
  /** e.g. '/classroom/token': the tokenUrl is origin + tokenPath. */
  readonly tokenPath: string;
  /** The live store (replaced by reset()). */
  readonly store: ClassroomStore;
  readonly admin: ClassroomEmulatorAdmin;
  /** The generated service account's key file, when none was configured. */
  readonly serviceAccountKey: ServiceAccountKey | undefined;
}

function buildData(options: ClassroomEmulatorOptions): () => ClassroomSeedData {
  const seed = options.seed ?? 1;
  if (options.data !== undefined) {
    const frozen = JSON.stringify(options.data);
    return () => JSON.parse(frozen) as ClassroomSeedData;
  }
  const roster = options.roster ?? (options.sisDataset === undefined ? { classes: [] } : rosterFromSisDataset(options.sisDataset));
  return () => seedClassroomFromRoster(roster, seed, options.seedOptions);
}

export function createClassroomEmulator(options: ClassroomEmulatorOptions = {}): ClassroomEmulator {
  const pathPrefix = `/${(options.pathPrefix ?? '/classroom').replace(/^\/+|\/+$/g, '')}`;
  const generated = options.serviceAccount === undefined ? generateTestServiceAccount() : undefined;
  const account: EmulatorServiceAccount = options.serviceAccount ?? { client_email: generated!.key.client_email, publicKey: generated!.publicKeyPem };
  const now = () => options.clock?.now() ?? new Date();
  const build = buildData(options);
  const tokens = new EmulatorTokens();
  const log = new RequestLog();
  const forced: ForcedFailure[] = [];

  function freshStore(): ClassroomStore {
    const store = new ClassroomStore(build());
    for (const email of options.adminEmails ?? []) {
      if (store.resolveUser(email, undefined) === undefined) store.putUser({ id: store.nextId('user'), email, givenName: 'Domain', familyName: 'Admin' });
    }
    return store;
  }
  let store = freshStore();

  const admin = createAdmin({
    store: () => store, now, revokeTokens: () => tokens.revokeAll(), log, forced,
    reset: () => {
      store = freshStore();
    },
  });
  const config: DispatchConfig = {
    pathPrefix, tokenPath: `${pathPrefix}/token`, account, tokens, log, forced, admin, faults: options.faults,
    adminToken: options.adminToken, subjects: options.adminEmails, ttlSeconds: options.tokenTtlSeconds ?? 3600, now,
    limits: { defaultPageSize: options.defaultPageSize ?? 100, maxPageSize: options.maxPageSize ?? 1000 },
    store: () => store, logger: options.logger,
  };

  return {
    handle: (req, res) => dispatch(config, req, res),
    pathPrefix,
    tokenPath: config.tokenPath,
    get store() {
      return store;
    },
    admin,
    serviceAccountKey: generated?.key,
  };
}
