import type { Document } from 'yaml';

/** One step of the config format's history: rewrites a parsed document in place, keeping comments. */
export interface Migration {
  from: string;
  to: string;
  /** One line for `sislink migrate` output and the docs. */
  description: string;
  migrate(doc: Document): void;
}
