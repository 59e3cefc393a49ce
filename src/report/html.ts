/** The auditor's report as one self-contained HTML page: inline CSS and SVG, no scripts, no external assets. */
import type { ApplyRecord } from '../history/audit-join.js';
import type { FileHistory } from '../history/history.js';
import { formatChange } from '../history/semantic-diff.js';
import { esc } from './escape.js';
import type { JobRunRecord, ReportDistrict, ReportModel } from './model.js';
import { renderTimeline } from './timeline.js';

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#212121;background:#fafafa}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid #1565c0;padding-bottom:4px}
h3{font-size:15px;margin:18px 0 6px}.muted{color:#616161}
table{border-collapse:collapse;background:#fff;margin:6px 0 12px}th,td{border:1px solid #e0e0e0;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#e3f2fd}code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
.ok{color:#2e7d32;font-weight:600}.bad{color:#c62828;font-weight:600}.warn{color:#ef6c00;font-weight:600}
.card{background:#fff;border:1px solid #e0e0e0;border-radius:6px;padding:10px 14px;margin:10px 0}
.legend span{display:inline-block;margin-right:14px}.sw{display:inline-block;width:12px;height:12px;border-radius:2px;vertical-align:middle;margin-right:4px}
ul.changes{margin:4px 0 8px 18px;padding:0}
`;

function yesNo(value: boolean, yes: string, no: string): string {
  return value ? `<span class="ok">${esc(yes)}</span>` : `<span class="warn">${esc(no)}</span>`;
}

function districtRow(district: ReportDistrict): string {
  return `<tr><td><b>${esc(district.name)}</b>${district.displayName ? `<br><span class="muted">${esc(district.displayName)}</span>` : ''}</td>` +
    `<td>${esc(district.vendor)}</td><td>${esc(district.target)}${district.enabled ? '' : ' <span class="warn">(disabled)</span>'}</td>` +
    `<td><code>${esc(district.host)}</code></td><td>${yesNo(district.sisSupport, 'SIS support enabled', 'SIS support off')}</td>` +
    `<td><code>${esc(district.file)}</code></td></tr>`;
}

function timelineCard(district: ReportDistrict): string {
  const rows = district.records.map((record) => `<tr><td>${esc(record.name)}</td><td><code>${esc(record.key)}</code></td><td>${esc(record.effective)}</td><td>${esc(record.expiration ?? 'none')}</td><td><code>${esc(record.secret)}</code></td></tr>`);
  return `<div class="card"><h3>${esc(district.name)}</h3>${renderTimeline({ records: district.records, rollover: district.rollover, today: district.today })}` +
    `<table><tr><th>record</th><th>key</th><th>effective</th><th>expiration</th><th>secret reference</th></tr>${rows.join('')}</table></div>`;
}

function verification(apply: ApplyRecord): string {
  if (apply.converged === undefined) return '<span class="muted">not verified</span>';
  return apply.converged ? '<span class="ok">converged</span>' : '<span class="bad">not converged</span>';
}

function applyRow(apply: ApplyRecord): string {
  const outcome = apply.outcome === 'applied' || apply.outcome === 'unchanged' ? 'ok' : 'bad';
  return `<tr><td>${esc(apply.time)}</td><td>${esc(apply.district ?? '')}</td><td>${esc(apply.actor)}</td>` +
    `<td class="${outcome}">${esc(apply.outcome ?? 'unknown')}</td><td>${verification(apply)}</td>` +
    `<td><code>${esc((apply.gitCommit ?? '').slice(0, 12))}</code></td><td><code>${esc((apply.planHash ?? '').slice(0, 12))}</code></td></tr>`;
}

const GOOD_JOB_OUTCOMES: ReadonlySet<string> = new Set(['succeeded', 'applied', 'no-changes']);

function jobRunRow(run: JobRunRecord): string {
  const outcome = GOOD_JOB_OUTCOMES.has(run.outcome ?? '') ? 'ok' : 'bad';
  const override = run.massRemovalAllowed ? ' <span class="warn">(safety rails overridden: --allow-mass-removal)</span>' : '';
  return `<tr><td>${esc(run.time)}</td><td>${esc(run.district ?? '')}</td><td><code>${esc(run.address ?? run.action)}</code></td><td>${esc(run.actor)}</td>` +
    `<td class="${outcome}">${esc(run.outcome ?? 'unknown')}</td><td>${esc(run.summary)}${override}</td></tr>`;
}

function historySection(history: FileHistory[]): string {
  return history.map((file) => {
    const entries = file.entries.map((entry) => {
      const changes = entry.deleted ? ['file deleted'] : entry.diffError ? [entry.diffError] : entry.changes.length === 0 ? ['no semantic change'] : entry.changes.map(formatChange);
      const applied = entry.applies.map((apply) => `<li>applied ${esc(apply.time)} by ${esc(apply.actor)}: ${esc(apply.outcome ?? 'unknown')}, ${verification(apply)}</li>`);
      return `<tr><td><code>${esc(entry.commit.slice(0, 12))}</code><br>${esc(entry.date)}</td><td>${esc(entry.author)}</td>` +
        `<td>${entry.pullRequest === undefined ? '' : `#${esc(entry.pullRequest)}`}</td><td>${esc(entry.subject)}` +
        `<ul class="changes">${changes.map((line) => `<li><code>${esc(line)}</code></li>`).join('')}${applied.join('')}</ul></td></tr>`;
    });
    return `<h3><code>${esc(file.file)}</code></h3><table><tr><th>commit</th><th>author</th><th>PR</th><th>change</th></tr>${entries.join('')}</table>`;
  }).join('');
}

export function renderReportHtml(model: ReportModel): string {
  const legend = '<p class="legend"><span><i class="sw" style="background:#2e7d32"></i>valid today</span><span><i class="sw" style="background:#1565c0"></i>future</span>' +
    '<span><i class="sw" style="background:#9e9e9e"></i>expired</span><span><i class="sw" style="background:#ef6c00"></i>rollover</span><span><i class="sw" style="background:#c62828"></i>today</span></p>';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>sislink report</title><style>${CSS}</style></head><body>
<h1>sislink: Classroom ↔ SIS links</h1><p class="muted">Report as of ${esc(model.now)}. ${esc(model.districts.length)} district${model.districts.length === 1 ? '' : 's'}.</p>
<h2>Districts</h2>
<table><tr><th>district</th><th>vendor</th><th>link target</th><th>OneRoster host</th><th>consent</th><th>file</th></tr>${model.districts.map(districtRow).join('')}</table>
<h2>Access records</h2>${legend}${model.districts.map(timelineCard).join('')}
<h2>Last applies</h2>${model.applies.length === 0 ? '<p class="muted">No apply recorded in the audit log.</p>' : `<table><tr><th>finished</th><th>district</th><th>by</th><th>outcome</th><th>verification</th><th>commit</th><th>plan</th></tr>${model.applies.map(applyRow).join('')}</table>`}
<h2>Last data-exchange runs</h2>${model.jobRuns.length === 0 ? '<p class="muted">No grade export or roster import recorded in the audit log.</p>' : `<table><tr><th>finished</th><th>district</th><th>job</th><th>by</th><th>outcome</th><th>counts</th></tr>${model.jobRuns.map(jobRunRow).join('')}</table>`}
<h2>Configuration history</h2>${model.historyNote ? `<p class="muted">${esc(model.historyNote)}</p>` : historySection(model.history)}
</body></html>
`;
}
