/** Text rendering of findings: `FILE:LINE:COL: severity CODE DOTTED.PATH: message`. */
import type { Finding } from './types.js';

export function formatFinding(finding: Finding): string {
  const path = finding.path === '' ? '(document)' : finding.path;
  return `${finding.file}:${finding.line}:${finding.column}: ${finding.severity} ${finding.code} ${path}: ${finding.message}`;
}

export function countBySeverity(findings: readonly Finding[]): { errors: number; warnings: number } {
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  return { errors, warnings: findings.length - errors };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function summaryLine(files: number, districts: number, findings: readonly Finding[]): string {
  const { errors, warnings } = countBySeverity(findings);
  return `${plural(files, 'file')}, ${plural(districts, 'valid district')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}
