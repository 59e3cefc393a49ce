/** The Classroom API emulator's public surface (mounted by the sandbox server). */
export { createClassroomEmulator, type ClassroomEmulator, type ClassroomEmulatorOptions } from './emulator.js';
export type { ClassroomEmulatorAdmin, ForcedFailure, GradePatch, NewCourseWork } from './admin.js';
export { JWT_BEARER_GRANT, type EmulatorServiceAccount } from './auth.js';
export { rosterFromSisDataset } from './from-sis.js';
export {
  DEFAULT_SEED_OPTIONS, type ClassroomRosterInput, type ClassroomSeedOptions, type RosterCategory, type RosterClassInput,
  type RosterGradingPeriod, type RosterUserInput,
} from './roster-input.js';
export { seedClassroomFromRoster } from './seed.js';
export { ClassroomStore } from './store.js';
export { generateTestServiceAccount, type TestServiceAccount } from './test-key.js';
export type * from './types.js';
