/** Data exchange: what the connector needs, jobs that would not run, job names, vendor extras. */
import type { DistrictConfig } from '../types.js';
import { error, warning, type RuleFinding } from './types.js';

export function checkClassroomRequired(config: DistrictConfig): RuleFinding[] {
  const { link, dataExchange, classroom } = config.spec;
  if (link.target !== 'connector' || classroom) return [];
  if (!dataExchange.gradeExport && !dataExchange.rosterImport) return [];
  return [error('CLASSROOM_REQUIRED', 'spec.classroom', 'link target connector with a data exchange switched on needs spec.classroom (service account)', 'parent')];
}

export function checkJobsEnabled(config: DistrictConfig): RuleFinding[] {
  const { exports, rosterImport, dataExchange } = config.spec;
  const findings: RuleFinding[] = [];
  if (exports.length > 0 && !dataExchange.gradeExport) {
    findings.push(warning('JOB_DISABLED', 'spec.exports', 'export jobs are defined but dataExchange.gradeExport is false; they will not run', 'key'));
  }
  if (rosterImport && !dataExchange.rosterImport) {
    findings.push(warning('JOB_DISABLED', 'spec.rosterImport', 'a roster import is defined but dataExchange.rosterImport is false; it will not run', 'key'));
  }
  const fallback = rosterImport !== undefined && (rosterImport.mapping.rule === 'teacher-email-title' || rosterImport.mapping.allowFallback);
  if (rosterImport?.adoptFallbackMatches === true && !fallback) {
    findings.push(warning('ADOPT_WITHOUT_FALLBACK', 'spec.rosterImport.adoptFallbackMatches', 'no course is matched by teacher email + title unless mapping.rule is teacher-email-title or mapping.allowFallback is true; this setting has no effect', 'key'));
  }
  return findings;
}

export function checkJobNames(config: DistrictConfig): RuleFinding[] {
  const seen = new Set<string>();
  const findings: RuleFinding[] = [];
  const jobs: Array<[string, string]> = config.spec.exports.map((job, index) => [job.name, `spec.exports[${index}].name`]);
  if (config.spec.rosterImport) jobs.push([config.spec.rosterImport.name, 'spec.rosterImport.name']);
  for (const [name, path] of jobs) {
    if (seen.has(name)) findings.push(error('DUPLICATE_JOB_NAME', path, `job name "${name}" is already used in this district`));
    seen.add(name);
  }
  return findings;
}

export function checkVendorExtras(config: DistrictConfig): RuleFinding[] {
  const { sis, vendor } = config.spec;
  if (!sis.infiniteCampus || vendor === 'infinite-campus') return [];
  return [error('VENDOR_EXTRAS_MISMATCH', 'spec.sis.infiniteCampus', `infiniteCampus settings apply only to vendor infinite-campus, not ${vendor}`, 'key')];
}
