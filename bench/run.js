// Runs every bench/*.bench.js in turn (against the built dist/), prints a table per benchmark and
// writes each report to bench/results/<name>-<timestamp>.json. Usage: npm run build && npm run bench
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatTable } from './lib/table.js';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);

async function main() {
  const files = (await readdir(here)).filter((f) => f.endsWith('.bench.js') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
  const resultsDir = join(here, 'results');
  await mkdir(resultsDir, { recursive: true });
  let failed = false;
  for (const file of files) {
    const module = await import(pathToFileURL(join(here, file)).href);
    process.stderr.write(`running ${file}\n`);
    const report = await module.run();
    console.log(`\n${report.name}\n${formatTable(report.rows)}`);
    if (report.summary) console.log(report.summary);
    if (report.ok === false) failed = true;
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    await writeFile(join(resultsDir, `${report.name}-${stamp}.json`), `${JSON.stringify({ ...report, at: new Date().toISOString(), node: process.version }, null, 2)}\n`);
  }
  if (failed) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
