/**
 * Plans a set of district files: load, observe each district, run the pure planner. Districts the
 * state remembers under the scanned paths but whose file is gone are planned too (never unlinked
 * unless asked).
 */
import { relative, resolve, sep } from 'node:path';
import { stat } from 'node:fs/promises';
import type { LoadedDistrict } from '../config/types.js';
import { planDistrict } from '../plan/planner.js';
import { assemblePlan } from '../plan/plan.js';
import type { DistrictPlan, Plan } from '../plan/types.js';
import type { LinkTargetId } from '../providers/link-targets.js';
import type { ReconcileContext } from './context.js';
import { mapConcurrent } from '../http/index.js';
import { observeDistrict, type Observation, type ObserveOptions } from './observe.js';

export interface DistrictSourceRecord {
  file: string;
  target: LinkTargetId;
}

export const SOURCE_KEY = 'source';
const OBSERVE_CONCURRENCY = 8;
export const APPLIED_KEY = 'applied';

export interface PlanRunOptions extends ObserveOptions {
  allowUnlink?: boolean;
}

export interface PlanRun {
  plan: Plan;
  observations: Map<string, Observation>;
}

async function scannedRoots(paths: string[], cwd: string): Promise<{ root: string; isDir: boolean }[]> {
  const roots = paths.length === 0 ? [cwd] : paths.map((path) => resolve(cwd, path));
  return Promise.all(
    roots.map(async (root) => ({ root, isDir: await stat(root).then((info) => info.isDirectory(), () => false) })),
  );
}

function under(file: string, roots: { root: string; isDir: boolean }[]): boolean {
  return roots.some(({ root, isDir }) => (isDir ? file === root || file.startsWith(root + sep) : file === root));
}

/** Districts linked from a file under the scanned paths that no longer holds them. */
async function vanishedDistricts(context: ReconcileContext, paths: string[], loaded: LoadedDistrict[]) {
  const roots = await scannedRoots(paths, context.cwd);
  const present = new Set(loaded.map((district) => district.config.metadata.name));
  const vanished: { name: string; source: DistrictSourceRecord }[] = [];
  for (const name of await context.store.listDistricts()) {
    if (present.has(name)) continue;
    const source = await context.store.getValue<DistrictSourceRecord>(name, SOURCE_KEY);
    if (source !== undefined && under(source.file, roots)) vanished.push({ name, source });
  }
  return vanished;
}

export function planObservation(observation: Observation, options: PlanRunOptions, file?: string): DistrictPlan {
  return planDistrict(observation.desired, observation.observed, {
    allowUnlink: options.allowUnlink ?? false,
    vendorName: observation.vendorName,
    file,
  });
}

/** Plans name files relative to the working directory, so a saved plan travels with its checkout. */
function relativeFile(context: ReconcileContext, plan: DistrictPlan): DistrictPlan {
  return plan.file === '' ? plan : { ...plan, file: relative(context.cwd, resolve(context.cwd, plan.file)).split(sep).join('/') };
}

export async function planDistricts(
  context: ReconcileContext,
  paths: string[],
  loaded: LoadedDistrict[],
  options: PlanRunOptions = {},
): Promise<PlanRun> {
  const observations = new Map<string, Observation>();
  const inputs = [
    ...loaded.map((district) => ({ name: district.config.metadata.name, district, target: district.config.spec.link.target, file: undefined as string | undefined })),
    ...(await vanishedDistricts(context, paths, loaded)).map(({ name, source }) => ({ name, district: undefined, target: source.target, file: source.file })),
  ];
  // Observation is network-bound (one credential test per district): overlap it, keep file order.
  const districtPlans = new Array<DistrictPlan>(inputs.length);
  await mapConcurrent(inputs, OBSERVE_CONCURRENCY, async (input, index) => {
    const observation = await observeDistrict(context, input.name, input.district, input.target, options);
    observations.set(input.name, observation);
    districtPlans[index] = relativeFile(context, planObservation(observation, options, input.file));
  });
  return { plan: assemblePlan(districtPlans, context.now), observations };
}
