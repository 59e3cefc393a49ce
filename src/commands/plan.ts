import { writeFile, rename } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadDistrictsOrThrow } from '../config/load.js';
import { renderPlan, type PlanFormat } from '../plan/render.js';
import { planHasChanges } from '../plan/plan.js';
import { planDistricts } from '../reconcile/plan-run.js';
import type { Plan } from '../plan/types.js';
import { openReconcileContext, type ContextOptions } from './context.js';
import { rosterPlanSection } from '../jobs/roster/index.js';

export interface PlanCommandOptions extends ContextOptions {
  paths: string[];
  out?: string;
  format: PlanFormat;
  detailedExitcode: boolean;
  allowUnlink?: boolean;
  write?: (text: string) => void;
}

export async function writePlanFile(path: string, plan: Plan): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(plan, null, 2)}\n`, { mode: 0o644 });
  await rename(temporary, path);
}

/** Exit code: 0 no changes, 2 changes (with --detailed-exitcode), 1 any district in error. */
export async function runPlan(options: PlanCommandOptions): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const { districts } = await loadDistrictsOrThrow(options.paths, { cwd });
  const context = await openReconcileContext({ ...options, cwd });
  try {
    const { plan } = await planDistricts(context, options.paths, districts, { allowUnlink: options.allowUnlink });
    write(renderPlan(plan, options.format));
    if (options.out !== undefined) await writePlanFile(resolve(cwd, options.out), plan);
    // Roster imports are jobs, not part of the saved link plan: shown after it in the readable views.
    let rosterChanges = false;
    if (options.format !== 'json') {
      for (const district of districts) {
        const section = await rosterPlanSection(context.store, district, { now: context.now });
        if (section === undefined) continue;
        rosterChanges ||= section.hasChanges;
        write(options.format === 'markdown' ? `\n<details><summary>roster import</summary>\n\n\`\`\`\n${section.text}\`\`\`\n</details>\n` : `\n${section.text}`);
      }
    }
    if (plan.districts.some((district) => district.errors.length > 0)) return 1;
    return options.detailedExitcode && (planHasChanges(plan) || rosterChanges) ? 2 : 0;
  } finally {
    await context.close();
  }
}
