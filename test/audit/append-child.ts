/** Child process: `append-child.ts LOG COUNT TAG` appends COUNT events, then prints "done". */
import { openAuditLog } from '../../src/audit/log.js';

const [path, count, tag] = process.argv.slice(2) as [string, string, string];
const log = openAuditLog(path);
for (let index = 0; index < Number(count); index += 1) {
  await log.append({ event: 'action.applied', details: { tag, index } });
}
process.stdout.write('done\n');
