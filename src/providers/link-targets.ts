/**
 * Link targets behind one interface. `connector` is sislink's own link, kept in the state store
 * and used by the export and roster jobs. `classroom-admin` is Google's built-in link: it has no
 * API, so changes become manual steps and the link is known only as a person attested it.
 */
import type { Fields } from '../plan/types.js';
import type { ManualAction } from '../plan/types.js';
import type { StateStore } from '../state/types.js';
import { fieldsFromLinkRecord, linkRecordFromFields } from './link-fields.js';

export type LinkTargetId = 'connector' | 'classroom-admin';

export interface LinkTarget {
  readonly id: LinkTargetId;
  /** The link as this target knows it. */
  observe(district: string): Promise<Fields | undefined>;
  /** Manual steps handed out and not attested yet. */
  pendingSteps(district: string): Promise<{ id: string; title: string }[]>;
  ensure(district: string, after: Fields, context: { at: string; planHash: string }): Promise<void>;
  remove(district: string): Promise<void>;
  handOut(district: string, action: ManualAction, context: { at: string; planHash: string }): Promise<void>;
}

const ATTESTED_KEY = 'classroom-admin.link';
const stepKey = (id: string) => `classroom-admin.step.${id}`;

export function connectorTarget(store: StateStore): LinkTarget {
  return {
    id: 'connector',
    async observe(district) {
      const link = await store.getLink(district);
      return link === undefined ? undefined : fieldsFromLinkRecord(link);
    },
    async pendingSteps() {
      return [];
    },
    async ensure(district, after, { at, planHash }) {
      await store.putLink(linkRecordFromFields(district, after, at, planHash));
    },
    async remove(district) {
      await store.deleteLink(district);
    },
    async handOut() {
      throw new TypeError('the connector target has no manual steps');
    },
  };
}

export function classroomAdminTarget(store: StateStore): LinkTarget {
  return {
    id: 'classroom-admin',
    async observe(district) {
      return store.getValue<Fields>(district, ATTESTED_KEY);
    },
    async pendingSteps(district) {
      const steps = await store.listManualSteps(district);
      return steps.filter((step) => step.attestedAt === null).map((step) => ({ id: step.id, title: step.title }));
    },
    async ensure(district, after) {
      await store.setValue(district, ATTESTED_KEY, after);
    },
    async remove(district) {
      await store.deleteValue(district, ATTESTED_KEY);
    },
    async handOut(district, action, { at, planHash }) {
      await store.setValue(district, stepKey(action.stepId), { after: action.after });
      await store.putManualStep({
        district,
        id: action.stepId,
        title: action.title,
        instructions: action.instructions,
        values: action.values,
        createdAt: at,
        planHash,
        attestedBy: null,
        attestedAt: null,
      });
    },
  };
}

/**
 * Records that a person carried out a manual step: the console link now has the step's values
 * (or none, for an unlink step). Returns undefined when no such step exists.
 */
export async function attestStep(store: StateStore, district: string, stepId: string, actor: string, at: string) {
  const step = await store.attestManualStep(district, stepId, actor, at);
  if (step === undefined) return undefined;
  const handed = await store.getValue<{ after: Fields }>(district, stepKey(stepId));
  const after = handed?.after ?? {};
  if (Object.keys(after).length === 0) await store.deleteValue(district, ATTESTED_KEY);
  else await store.setValue(district, ATTESTED_KEY, after);
  return step;
}

export function linkTarget(store: StateStore, id: LinkTargetId): LinkTarget {
  return id === 'connector' ? connectorTarget(store) : classroomAdminTarget(store);
}
