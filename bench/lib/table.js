// Plain-text table of uniform rows (objects with the same keys).
export function formatTable(rows) {
  if (rows.length === 0) return '(no rows)';
  const keys = Object.keys(rows[0]);
  const cells = [keys, ...rows.map((row) => keys.map((key) => String(row[key] ?? '')))];
  const widths = keys.map((_, i) => Math.max(...cells.map((line) => line[i].length)));
  const render = (line) => line.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  return [render(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(render)].join('\n');
}
