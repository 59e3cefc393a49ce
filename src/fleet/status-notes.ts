/**
 * The notes `fleet status` shows about district files: files the workers cannot load (and whether
 * they still run the last good version), files this command itself cannot load, and districts the
 * state store links that have no file any more. Pure: the rows are read by the caller.
 */
import type { ConfigNoteRow } from './config-notes.js';

/** A district file `fleet status` could not load itself, with the names it declares (best effort). */
export interface LocalFileProblem {
  file: string;
  districts: string[];
  problem: string;
}

export interface ConfigView {
  /** Problems the running workers report. */
  notes: ConfigNoteRow[];
  /** Districts with a link in the state store. */
  linked: string[];
  /** Problems of the files given to `fleet status`. */
  local: LocalFileProblem[];
}

/** A district file with a problem and no known district name (nothing of it is scheduled). */
export interface FileNote {
  file: string;
  note: string;
}

export const EMPTY_CONFIG_VIEW: ConfigView = { notes: [], linked: [], local: [] };

export const NO_FILE_LINKED = 'no file: not scheduled; remove its state or restore the file';
export const NO_FILE = 'no file: not scheduled';

function workerNote(problem: string, running: boolean, workers: string[]): string {
  const on = workers.join(', ');
  return running ? `${problem} (last good version still running on ${on})` : `${problem} (never valid on ${on}: not scheduled)`;
}

/** Worker notes grouped by district name ('' for files of unknown districts). */
function groupWorkerNotes(rows: readonly ConfigNoteRow[]): Map<string, { text: string; problem: string; file: string }[]> {
  const groups = new Map<string, { district: string; file: string; problem: string; running: boolean; workers: string[] }>();
  for (const row of rows) {
    const key = `${row.district}\u0000${row.file}\u0000${row.problem}\u0000${row.running}`;
    const group = groups.get(key) ?? { district: row.district, file: row.file, problem: row.problem, running: row.running, workers: [] };
    group.workers.push(row.worker);
    groups.set(key, group);
  }
  const byDistrict = new Map<string, { text: string; problem: string; file: string }[]>();
  for (const group of groups.values()) {
    const list = byDistrict.get(group.district) ?? [];
    list.push({ text: workerNote(group.problem, group.running, group.workers), problem: group.problem, file: group.file });
    byDistrict.set(group.district, list);
  }
  return byDistrict;
}

export interface DistrictNotes {
  /** Per district name, its notes. */
  notes: Map<string, string[]>;
  /** Districts whose file exists though it does not load. */
  broken: Set<string>;
  files: FileNote[];
}

export function configNotes(view: ConfigView): DistrictNotes {
  const grouped = groupWorkerNotes(view.notes);
  const notes = new Map<string, string[]>();
  const add = (district: string, text: string) => notes.set(district, [...(notes.get(district) ?? []), text]);
  for (const [district, list] of grouped) {
    if (district !== '') for (const { text } of list) add(district, text);
  }
  const reported = new Set(view.notes.map((row) => row.problem));
  const files: FileNote[] = (grouped.get('') ?? []).map(({ file, text }) => ({ file, note: text }));
  for (const local of view.local) {
    if (reported.has(local.problem)) continue;
    const text = `${local.problem} (as read by fleet status)`;
    if (local.districts.length === 0) files.push({ file: local.file, note: text });
    for (const district of local.districts) add(district, text);
  }
  const broken = new Set([...notes.keys()]);
  return { notes, broken, files: files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)) };
}
