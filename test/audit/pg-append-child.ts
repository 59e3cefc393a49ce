/** Child process: `pg-append-child.ts STATE_URL COUNT TAG` appends COUNT events to the state's audit chain, then prints "done". */
import { openAuditLogForState } from '../../src/audit/for-state.js';

const [url, count, tag] = process.argv.slice(2) as [string, string, string];
const log = openAuditLogForState(url, { git: false });
try {
  for (let index = 0; index < Number(count); index += 1) {
    await log.append({ event: 'action.applied', district: `d-${tag}`, outcome: 'ok', details: { tag, index } });
  }
} finally {
  await log.close();
}
process.stdout.write('done\n');
