/**
 * `startSandbox()`: a local OneRoster 1.1 / 1.2 SIS on one port (token endpoint, rostering,
 * gradebook, resources, admin API), seeded and deterministic. See docs/sandbox.md.
 */
import type { AddressInfo } from 'node:net';
import { registerSecret } from '../secrets/redact.js';
import { NonceCache } from './auth/oauth1.js';
import { TokenStore } from './auth/tokens.js';
import { createClock } from './clock.js';
import { generateDataset } from './data/generate.js';
import { loadState, saveState } from './data/persist.js';
import { SandboxStore } from './data/store.js';
import { createFaultInjector, parseFaultSpec, type FaultInjector } from './faults.js';
import { TrafficLog, type TrafficEntry } from './http/traffic.js';
import { initialRecords, resetRuntime } from './lifecycle.js';
import {
  DEFAULT_ADMIN_TOKEN, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, resolveDataOptions, type SandboxOptions,
} from './options.js';
import type { AccessRecordBook } from './auth/records.js';
import type { SandboxConfig, SandboxRuntime } from './runtime.js';
import { createSandboxServer } from './server.js';
import { createClassroomEmulator, type ClassroomEmulator } from './classroom/index.js';
import type { ServiceAccountKey } from '../classroom/types.js';

export type { SandboxOptions, SandboxSize, SandboxLogger } from './options.js';
export { DEFAULT_ADMIN_TOKEN, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_DOMAIN, SIZES } from './options.js';
export type { TrafficEntry } from './http/traffic.js';
export type { SandboxStore } from './data/store.js';
export type { AccessRecord, PublicAccessRecord } from './auth/records.js';
export { parseFaultSpec, createFaultInjector, type FaultSpec, type FaultDecision, type FaultInjector } from './faults.js';

export interface SandboxHandle {
  /** http://host:port */
  url: string;
  oneRoster11Url: string;
  rostering12Url: string;
  gradebook12Url: string;
  resources12Url: string;
  tokenUrl: string;
  adminUrl: string;
  /** Classroom API emulator root (its /v1/... beneath) and its JWT-bearer token endpoint. */
  classroomUrl: string;
  classroomTokenUrl: string;
  /** Service-account key the emulator accepts (a private key: keep it out of output). */
  classroomServiceAccountKey: ServiceAccountKey | undefined;
  readonly classroom: ClassroomEmulator | undefined;
  clientId: string;
  clientSecret: string;
  adminToken: string;
  /** Requests served so far (admin requests included), oldest first. */
  requests(): ReadonlyArray<TrafficEntry>;
  clearRequests(): void;
  /** Moves the sandbox clock (it keeps running from there); null goes back to real time. */
  setClock(date: Date | null): void;
  /** Back to the seeded start state, like POST /admin/reset. */
  reset(): void;
  /** Writes --data now (also done by close()). */
  save(): Promise<void>;
  close(): Promise<void>;
  /** The live in-memory store (replaced by reset()). */
  readonly data: SandboxStore;
  readonly accessRecords: AccessRecordBook;
  readonly faults: FaultInjector | undefined;
}

function buildConfig(options: SandboxOptions, now: Date): SandboxConfig {
  return {
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    maxPageSize: options.maxPageSize ?? 10_000,
    adminToken: options.adminToken ?? DEFAULT_ADMIN_TOKEN,
    data: resolveDataOptions(options, now),
    clientId: options.clientId ?? DEFAULT_CLIENT_ID,
    clientSecret: options.clientSecret ?? DEFAULT_CLIENT_SECRET,
    builtinClient: options.builtinClient ?? true,
    faultSpec: options.faults,
  };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const clock = createClock();
  if (options.now) clock.set(options.now);
  const config = buildConfig(options, clock.now());
  if (config.clientSecret !== DEFAULT_CLIENT_SECRET) registerSecret(config.clientSecret);
  if (config.adminToken !== DEFAULT_ADMIN_TOKEN) registerSecret(config.adminToken);
  const loaded = options.dataFile ? await loadState(options.dataFile) : undefined;
  if (loaded) config.data = loaded.options;
  for (const record of loaded?.accessRecords ?? []) if (record.secret) registerSecret(record.secret);
  const faults = options.faults ? createFaultInjector(parseFaultSpec(options.faults), config.data.seed) : undefined;

  const dataset = loaded?.dataset ?? generateDataset(config.data);
  const classroom = options.classroom === false
    ? undefined
    : createClassroomEmulator({
      seed: config.data.seed,
      sisDataset: dataset,
      seedOptions: { emptyClassroom: options.classroom?.emptyClassroom, ...(options.classroom?.courseWorkPerCourse ? { courseWorkPerCourse: options.classroom.courseWorkPerCourse } : {}) },
      clock,
      adminToken: config.adminToken,
      faults: options.faults ? createFaultInjector(parseFaultSpec(options.faults), config.data.seed + 1) : undefined,
    });
  const runtime: SandboxRuntime = {
    store: new SandboxStore(dataset),
    records: initialRecords(config, clock.now().toISOString(), loaded?.accessRecords),
    tokens: new TokenStore(),
    nonces: new NonceCache(),
    clock,
    traffic: new TrafficLog(),
    faults,
    config,
    origin: '',
    logger: options.logger,
    classroom,
    reset: () => resetRuntime(runtime, options.now),
  };
  const server = createSandboxServer(runtime);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  runtime.origin = url;
  options.logger?.info({ url, faults: options.faults ?? null }, 'sandbox listening');

  const save = async () => {
    if (!options.dataFile) return;
    await saveState(options.dataFile, {
      savedAt: clock.now().toISOString(), options: runtime.config.data, dataset: runtime.store.toDataset(),
      accessRecords: runtime.records.list(),
    });
  };
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await save();
    })();
    return closing;
  };

  return {
    url,
    oneRoster11Url: `${url}/ims/oneroster/v1p1`,
    rostering12Url: `${url}/ims/oneroster/rostering/v1p2`,
    gradebook12Url: `${url}/ims/oneroster/gradebook/v1p2`,
    resources12Url: `${url}/ims/oneroster/resources/v1p2`,
    tokenUrl: `${url}/oauth/token`,
    adminUrl: `${url}/admin`,
    classroomUrl: `${url}/classroom`,
    classroomTokenUrl: `${url}/classroom/token`,
    classroomServiceAccountKey: classroom?.serviceAccountKey,
    classroom,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    adminToken: config.adminToken,
    requests: () => runtime.traffic.list(),
    clearRequests: () => runtime.traffic.clear(),
    setClock: (date) => clock.set(date),
    reset: () => runtime.reset(),
    save,
    close,
    get data() {
      return runtime.store;
    },
    get accessRecords() {
      return runtime.records;
    },
    faults,
  };
}
