import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parseAllDocuments } from 'yaml';
import { validate as generated } from '../../src/config/schema-validator.generated.js';
import { readSchema } from '../../src/config/schema.js';
import { GENERATED_VALIDATOR_FILE, validatorSource } from '../../src/config/validator-source.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..', '..');

/** Every YAML document of the config fixtures and examples that parses, as plain data. */
function documents(): { name: string; data: unknown }[] {
  const dirs = [path.join(here, '..', 'fixtures', 'valid'), path.join(here, '..', 'fixtures', 'invalid'), path.join(root, 'examples')];
  const out: { name: string; data: unknown }[] = [];
  for (const dir of dirs) {
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.yaml'))) {
      parseAllDocuments(readFileSync(path.join(dir, file), 'utf8')).forEach((doc, index) => {
        if (doc.errors.length > 0) return;
        try {
          out.push({ name: `${file}#${index}`, data: doc.toJS() });
        } catch {
          // The loader refuses it before the schema sees it (e.g. an alias bomb).
        }
      });
    }
  }
  return out;
}

function outcome(validate: { (data: unknown): boolean; errors?: unknown[] | null }, data: unknown) {
  const copy = structuredClone(data);
  const valid = validate(copy);
  const errors = (validate.errors ?? []) as { instancePath: string; keyword: string; params: unknown }[];
  return { valid, data: copy, errors: errors.map(({ instancePath, keyword, params }) => ({ instancePath, keyword, params })) };
}

describe('the generated schema validator', () => {
  it(`matches what the schema and the installed ajv generate (run \`npm run schema:compile\` after a schema change)`, () => {
    expect(readFileSync(path.join(root, 'src', 'config', GENERATED_VALIDATOR_FILE), 'utf8')).toBe(validatorSource());
  });

  it('judges every fixture and example as a schema compiled at run time does, defaults included', () => {
    const ajv = new Ajv2020({ allErrors: true, useDefaults: true, strict: true });
    addFormatsModule.default(ajv);
    const compiled = ajv.compile(readSchema());
    const docs = documents();
    expect(docs.length).toBeGreaterThan(40);
    let invalid = 0;
    for (const { name, data } of docs) {
      const expected = outcome(compiled, data);
      if (!expected.valid) invalid += 1;
      expect(outcome(generated as unknown as typeof compiled, data), name).toEqual(expected);
    }
    expect(invalid).toBeGreaterThan(10);
  });
});
