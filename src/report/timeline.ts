/**
 * An inline SVG timeline of a district's access records: each validity window as a bar, the
 * school-year rollovers as dashed lines, and today as a red line. Dates are YYYY-MM-DD strings.
 */
import type { AccessRecordSpec } from '../config/types.js';
import { addDays } from '../util/dates.js';
import { esc } from './escape.js';

export interface TimelineInput {
  records: readonly AccessRecordSpec[];
  /** MM-DD of the yearly rollover, when the district has a rotation policy. */
  rollover?: string;
  today: string;
}

const WIDTH = 960;
const LEFT = 190;
const RIGHT = 20;
const ROW = 26;
const TOP = 30;

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

function state(record: AccessRecordSpec, today: string): 'active' | 'future' | 'expired' {
  if (record.effective > today) return 'future';
  if (record.expiration !== undefined && record.expiration < today) return 'expired';
  return 'active';
}

const FILL = { active: '#2e7d32', future: '#1565c0', expired: '#9e9e9e' } as const;

export function renderTimeline(input: TimelineInput): string {
  const { records, today } = input;
  const starts = records.map((record) => record.effective);
  const ends = records.map((record) => record.expiration ?? addDays(today, 365));
  const from = addDays([today, ...starts].sort()[0] as string, -30);
  const to = addDays([today, ...ends].sort().at(-1) as string, 30);
  const span = Math.max(1, dayNumber(to) - dayNumber(from));
  const x = (date: string) => LEFT + ((dayNumber(date) - dayNumber(from)) / span) * (WIDTH - LEFT - RIGHT);
  const height = TOP + Math.max(1, records.length) * ROW + 24;
  const parts: string[] = [];
  const firstYear = Number(from.slice(0, 4));
  const lastYear = Number(to.slice(0, 4));
  for (let year = firstYear; year <= lastYear; year += 1) {
    const jan = `${year}-01-01`;
    if (jan >= from && jan <= to) {
      parts.push(`<line x1="${x(jan).toFixed(1)}" y1="${TOP - 8}" x2="${x(jan).toFixed(1)}" y2="${height - 20}" stroke="#e0e0e0"/>`);
      parts.push(`<text x="${(x(jan) + 3).toFixed(1)}" y="${height - 6}" font-size="11" fill="#616161">${year}</text>`);
    }
    const rollover = input.rollover === undefined ? undefined : `${year}-${input.rollover}`;
    if (rollover !== undefined && rollover >= from && rollover <= to) {
      parts.push(`<line x1="${x(rollover).toFixed(1)}" y1="${TOP - 8}" x2="${x(rollover).toFixed(1)}" y2="${height - 20}" stroke="#ef6c00" stroke-dasharray="4 3"><title>rollover ${esc(rollover)}</title></line>`);
      parts.push(`<text x="${(x(rollover) + 3).toFixed(1)}" y="${TOP - 12}" font-size="10" fill="#ef6c00">rollover ${esc(rollover.slice(5))}</text>`);
    }
  }
  records.forEach((record, index) => {
    const y = TOP + index * ROW;
    const end = record.expiration ?? to;
    const status = state(record, today);
    const title = `${record.name}: ${record.effective} → ${record.expiration ?? 'no expiration'} (${status})`;
    parts.push(`<text x="6" y="${y + 15}" font-size="12" fill="#212121">${esc(record.name)}</text>`);
    parts.push(`<rect x="${x(record.effective).toFixed(1)}" y="${y + 3}" width="${Math.max(2, x(end) - x(record.effective)).toFixed(1)}" height="${ROW - 8}" rx="3" fill="${FILL[status]}" opacity="0.85"><title>${esc(title)}</title></rect>`);
  });
  if (records.length === 0) parts.push(`<text x="6" y="${TOP + 15}" font-size="12" fill="#b71c1c">no access records</text>`);
  parts.push(`<line x1="${x(today).toFixed(1)}" y1="${TOP - 20}" x2="${x(today).toFixed(1)}" y2="${height - 20}" stroke="#c62828" stroke-width="2"/>`);
  parts.push(`<text x="${(x(today) + 4).toFixed(1)}" y="${TOP - 20}" font-size="11" fill="#c62828" dominant-baseline="hanging">today ${esc(today)}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="access record timeline">${parts.join('')}</svg>`;
}
