#!/usr/bin/env node
// Thin runner: the CLI is compiled to dist/ by `npm run build` (run by `npm ci` through `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cmd/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('sislink: not built yet; run `npm ci` (or `npm run build`) in the sislink checkout\n');
  process.exit(1);
}
await import(entry.href);
