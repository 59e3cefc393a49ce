import { SislinkError } from '../errors.js';
import { attestStep } from '../providers/link-targets.js';
import { openReconcileContext, type ContextOptions } from './context.js';

export interface AttestCommandOptions extends ContextOptions {
  district: string;
  stepId: string;
  actor?: string;
  write?: (text: string) => void;
}

/** Records that a person carried out a manual console step. */
export async function runAttest(options: AttestCommandOptions): Promise<number> {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const context = await openReconcileContext(options);
  try {
    const actor = options.actor ?? context.actor;
    const at = context.now.toISOString();
    const step = await attestStep(context.store, options.district, options.stepId, actor, at);
    if (step === undefined) {
      throw new SislinkError('NOT_FOUND', `no manual step ${options.stepId} for district ${options.district}; see \`sislink plan\` for pending steps`);
    }
    await context.audit.append({ event: 'manual.attested', district: options.district, action: 'manual', address: `link.${options.district}`, outcome: 'done', details: { stepId: options.stepId, title: step.title, actor } });
    write(`attested ${options.stepId} (${step.title}) for ${options.district} by ${actor} at ${at}\n`);
    return 0;
  } finally {
    await context.close();
  }
}
