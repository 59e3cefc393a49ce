/**
 * Renders docs/config-reference.md from the JSON Schema: one section per mapping, one table row
 * per key. Pure; docs-cli.ts writes the file and a test fails when the committed copy drifts.
 */
type Schema = Record<string, unknown>;

interface Row {
  key: string;
  type: string;
  required: boolean;
  default?: unknown;
  description: string;
}

interface Section {
  path: string;
  description: string;
  rows: Row[];
}

function resolve(root: Schema, schema: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const target = ref.replace(/^#\/\$defs\//, '');
  const defs = root.$defs as Record<string, Schema>;
  const resolved = defs[target];
  if (!resolved) throw new Error(`unresolved $ref ${ref}`);
  // Keywords next to $ref (description, default) win over the definition's.
  return { ...resolve(root, resolved), ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$ref')) };
}

function typeOf(root: Schema, raw: Schema): string {
  const schema = resolve(root, raw);
  if (schema.const !== undefined) return `\`${String(schema.const)}\``;
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => `\`${String(value)}\``).join(' | ');
  if (schema.type === 'array') return `list of ${typeOf(root, schema.items as Schema)}`;
  if (schema.type === 'object') return schema.properties ? 'mapping' : 'map of string';
  if (schema.type === 'integer') {
    const range = schema.minimum !== undefined && schema.maximum !== undefined ? ` (${String(schema.minimum)}–${String(schema.maximum)})` : '';
    return `integer${range}`;
  }
  if (schema.format === 'uri') return 'URL';
  if (schema.pattern === '^[0-9]{4}-[0-9]{2}-[0-9]{2}$') return 'date';
  return String(schema.type ?? 'any');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function renderDefault(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'object' && value !== null && Object.keys(value).length === 0) return Array.isArray(value) ? '`[]`' : '(defaults below)';
  return `\`${JSON.stringify(value)}\``;
}

function collect(root: Schema, raw: Schema, path: string, sections: Section[]): void {
  const schema = resolve(root, raw);
  if (schema.type === 'array') {
    collect(root, schema.items as Schema, `${path}[]`, sections);
    return;
  }
  const properties = schema.properties as Record<string, Schema> | undefined;
  if (schema.type !== 'object' || !properties) return;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const rows = Object.entries(properties).map(([key, child]) => {
    const resolved = resolve(root, child);
    return { key, type: typeOf(root, child), required: required.has(key), default: resolved.default, description: String(resolved.description ?? '') };
  });
  sections.push({ path, description: String(schema.description ?? ''), rows });
  for (const [key, child] of Object.entries(properties)) collect(root, child, path === '' ? key : `${path}.${key}`, sections);
}

export function renderConfigReference(schema: Schema, migrations: ReadonlyArray<{ from: string; to: string; description: string }> = []): string {
  const sections: Section[] = [];
  collect(schema, schema, '', sections);
  const lines = [
    '# Config reference',
    '',
    '<!-- Generated from schemas/sislink-v1.schema.json by `npm run docs`. Do not edit by hand. -->',
    '',
    'Every mapping rejects unknown keys. Defaults are filled in when a file is loaded; `oneRosterVersion`, `tokenUrl` and `auth` default per vendor profile.',
    'Secret references are `env:NAME` or `file:PATH` (relative to the config file, confined to the repository); a pasted secret is an error.',
    '',
  ];
  for (const section of sections) {
    lines.push(`## \`${section.path === '' ? '(document)' : section.path}\``, '');
    if (section.description) lines.push(section.description, '');
    lines.push('| Key | Type | Required | Default | Description |', '| --- | --- | --- | --- | --- |');
    for (const row of section.rows) {
      lines.push(`| \`${row.key}\` | ${cell(row.type)} | ${row.required ? 'yes' : 'no'} | ${cell(renderDefault(row.default))} | ${cell(row.description)} |`);
    }
    lines.push('');
  }
  if (migrations.length > 0) {
    lines.push('## Older versions', '', 'Upgrade with `sislink migrate FILE` (prints a diff) and `--write` (rewrites, keeping comments).', '');
    for (const migration of migrations) lines.push(`- \`${migration.from}\` → \`${migration.to}\`: ${migration.description}`);
    lines.push('');
  }
  return lines.join('\n');
}
