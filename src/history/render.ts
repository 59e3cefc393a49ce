/** Text, markdown and JSON views of a configuration history. */
import type { ApplyRecord } from './audit-join.js';
import type { FileHistory, HistoryEntry } from './history.js';
import { formatChange } from './semantic-diff.js';

export type HistoryFormat = 'text' | 'markdown' | 'json';

export function describeApply(apply: ApplyRecord): string {
  const verified = apply.converged === undefined ? '' : apply.converged ? ', verified' : ', NOT converged';
  return `applied ${apply.time} by ${apply.actor}${apply.district ? ` (${apply.district})` : ''}: ${apply.outcome ?? 'unknown'}${verified}`;
}

function heading(entry: HistoryEntry): string {
  const pr = entry.pullRequest === undefined ? '' : ` (PR #${entry.pullRequest})`;
  return `${entry.commit.slice(0, 12)} ${entry.date} ${entry.author} <${entry.email}>${pr}: ${entry.subject}`;
}

function changeLines(entry: HistoryEntry): string[] {
  if (entry.deleted) return ['file deleted'];
  if (entry.diffError !== undefined) return [entry.diffError];
  if (entry.changes.length === 0) return ['no semantic change'];
  return entry.changes.map(formatChange);
}

function renderText(histories: FileHistory[]): string {
  const sections = histories.map((history) => {
    const lines = [`${history.file}`];
    if (history.entries.length === 0) lines.push('  (no versions in range)');
    for (const entry of history.entries) {
      lines.push(`  ${heading(entry)}`);
      lines.push(...changeLines(entry).map((line) => `      ${line}`));
      lines.push(...entry.applies.map((apply) => `    ${describeApply(apply)}`));
    }
    return lines.join('\n');
  });
  return `${sections.join('\n\n')}\n`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (char) => `\\${char}`);
}

function renderMarkdown(histories: FileHistory[]): string {
  const out: string[] = ['# Configuration history', ''];
  for (const history of histories) {
    out.push(`## ${escapeMarkdown(history.file)}`, '');
    if (history.entries.length === 0) out.push('_No versions in range._', '');
    for (const entry of history.entries) {
      out.push(`### ${escapeMarkdown(heading(entry))}`, '');
      out.push(...changeLines(entry).map((line) => `- \`${line.replace(/`/g, "'")}\``));
      out.push(...entry.applies.map((apply) => `- ${escapeMarkdown(describeApply(apply))}`));
      out.push('');
    }
  }
  return `${out.join('\n')}`;
}

export function renderHistory(histories: FileHistory[], format: HistoryFormat): string {
  if (format === 'json') return `${JSON.stringify({ files: histories }, null, 2)}\n`;
  return format === 'markdown' ? renderMarkdown(histories) : renderText(histories);
}
