/** Everything a request handler may touch, in one object passed explicitly (no module state). */
import type { AccessRecordBook } from './auth/records.js';
import type { TokenStore } from './auth/tokens.js';
import type { NonceCache } from './auth/oauth1.js';
import type { Clock } from './clock.js';
import type { SandboxStore } from './data/store.js';
import type { TrafficLog } from './http/traffic.js';
import type { FaultInjector } from './faults.js';
import type { ResolvedDataOptions, SandboxLogger } from './options.js';
import type { ClassroomEmulator } from './classroom/index.js';

export interface SandboxConfig {
  tokenTtlSeconds: number;
  maxPageSize: number;
  adminToken: string;
  data: ResolvedDataOptions;
  clientId: string;
  clientSecret: string;
  builtinClient: boolean;
  faultSpec: string | undefined;
}

export interface SandboxRuntime {
  store: SandboxStore;
  records: AccessRecordBook;
  tokens: TokenStore;
  nonces: NonceCache;
  clock: Clock;
  traffic: TrafficLog;
  faults: FaultInjector | undefined;
  config: SandboxConfig;
  /** http://host:port, known once listening. */
  origin: string;
  logger: SandboxLogger | undefined;
  /** The Classroom API emulator, seeded from the same roster; undefined when turned off. */
  classroom: ClassroomEmulator | undefined;
  /** Back to the seeded start state (POST /admin/reset). */
  reset(): void;
}
