/** `sislink validate [PATH...]`: findings to stdout (text or JSON), a summary to stderr. */
import path from 'node:path';
import { redact } from '../secrets/redact.js';
import type { Finding } from './types.js';
import { loadDetailed } from './load.js';
import { formatFinding, summaryLine } from './format.js';
import { checkSecrets, type SecretCheck } from './check-secrets.js';

export interface ValidateOptions {
  paths: string[];
  format: 'text' | 'json';
  checkSecrets: boolean;
  cwd?: string;
  stdout?: { write(text: string): unknown };
  stderr?: { write(text: string): unknown };
  /** Receives stdout and stderr text alike (for callers that show the run inline). */
  write?: (text: string) => void;
}

export interface ValidateReport {
  files: string[];
  districts: Array<{ name: string; vendor: string; file: string; documentIndex: number }>;
  findings: Finding[];
  secrets?: SecretCheck[];
}

function byFileThenPosition(a: Finding, b: Finding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

/** Returns the exit code: 0 when there is no error finding (warnings allowed), else 1. */
export async function runValidate(options: ValidateOptions): Promise<number> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const inline = options.write ? { write: options.write } : undefined;
  const stdout = inline ?? options.stdout ?? process.stdout;
  const stderr = inline ?? options.stderr ?? process.stderr;
  const loaded = await loadDetailed(options.paths, { cwd });
  const report: ValidateReport = {
    files: loaded.files,
    districts: loaded.districts.map((district) => ({
      name: district.config.metadata.name,
      vendor: district.config.spec.vendor,
      file: path.relative(cwd, district.source.file).split(path.sep).join('/'),
      documentIndex: district.source.documentIndex,
    })),
    findings: loaded.findings,
  };
  if (options.checkSecrets) {
    const secrets = await checkSecrets(loaded.documents);
    // Stable sort: secret findings follow the other findings of the same file.
    report.findings = [...report.findings, ...secrets.findings].sort(byFileThenPosition);
    report.secrets = secrets.checks;
  }
  if (options.format === 'json') {
    stdout.write(`${redact(JSON.stringify(report, null, 2))}\n`);
  } else {
    for (const finding of report.findings) stdout.write(`${redact(formatFinding(finding))}\n`);
  }
  const resolved = report.secrets ? `; ${report.secrets.filter((check) => check.resolved).length}/${report.secrets.length} secret references resolve` : '';
  stderr.write(`${summaryLine(report.files.length, report.districts.length, report.findings)}${resolved}\n`);
  return report.findings.some((finding) => finding.severity === 'error') ? 1 : 0;
}
