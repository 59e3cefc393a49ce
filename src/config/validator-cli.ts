/** `npm run schema:compile`: writes the generated validator next to this module's source. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { schemaPath, SCHEMA_FILE_V1 } from './schema.js';
import { GENERATED_VALIDATOR_FILE, validatorSource } from './validator-source.js';

const target = path.join(path.dirname(path.dirname(schemaPath(SCHEMA_FILE_V1))), 'src', 'config', GENERATED_VALIDATOR_FILE);
await writeFile(target, validatorSource());
process.stderr.write(`wrote ${path.relative(process.cwd(), target)}\n`);
