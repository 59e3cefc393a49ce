import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedReference, referencePath } from '../../src/config/docs-cli.js';
import { renderConfigReference } from '../../src/config/docs.js';

describe('docs/config-reference.md', () => {
  it('matches what the schema generates (run `npm run build && npm run docs` after a schema change)', () => {
    expect(readFileSync(referencePath(), 'utf8')).toBe(generatedReference());
  });

  it('renders nested mappings, defaults and enums', () => {
    const text = renderConfigReference({
      type: 'object',
      properties: { a: { $ref: '#/$defs/a', default: {} } },
      $defs: { a: { type: 'object', description: 'The A.', properties: { b: { type: 'string', enum: ['x', 'y'], default: 'x', description: 'B | b.' } } } },
    });
    expect(text).toContain('## `a`');
    expect(text).toContain('| `b` | `x` \\| `y` | no | `"x"` | B \\| b. |');
  });
});
