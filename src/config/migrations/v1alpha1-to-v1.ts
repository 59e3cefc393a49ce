/**
 * sislink/v1alpha1 -> sislink/v1.
 *
 * v1alpha1 mirrored Google's SIS form: a flat `spec` with `hostUrl`, one `key` / `secret` pair
 * (`keyIssued`, `keyExpires`), `shareDomainWithVendor`, `linkEnabled`, `importRosters`,
 * `exportGrades` and `workspaceEdition`. v1 groups these under sis, link, consent, dataExchange,
 * licensing and credentials.records. Pairs are moved, not rebuilt, so their comments move too.
 */
import { isMap, isScalar, Pair, Scalar, YAMLMap, YAMLSeq, type Document } from 'yaml';
import type { Migration } from './types.js';

function take(map: YAMLMap, key: string): Pair | undefined {
  const index = map.items.findIndex((pair) => isScalar(pair.key) && pair.key.value === key);
  if (index < 0) return undefined;
  return map.items.splice(index, 1)[0] as Pair;
}

function renamed(pair: Pair | undefined, key: string): Pair | undefined {
  if (!pair) return undefined;
  if (isScalar(pair.key)) pair.key.value = key;
  else pair.key = new Scalar(key);
  return pair;
}

function group(key: string, pairs: Array<Pair | undefined>): Pair | undefined {
  const present = pairs.filter((pair): pair is Pair => pair !== undefined);
  if (present.length === 0) return undefined;
  const map = new YAMLMap();
  map.items.push(...present);
  return new Pair(new Scalar(key), map);
}

function plain(key: string, value: unknown): Pair {
  return new Pair(new Scalar(key), new Scalar(value));
}

function scalarText(pair: Pair | undefined): string | undefined {
  return pair && isScalar(pair.value) ? String(pair.value.value) : undefined;
}

function credentials(spec: YAMLMap): Pair | undefined {
  const key = take(spec, 'key');
  const secret = take(spec, 'secret');
  const issued = renamed(take(spec, 'keyIssued'), 'effective');
  const expires = renamed(take(spec, 'keyExpires'), 'expiration');
  if (!key && !secret && !issued && !expires) return undefined;
  const year = scalarText(issued)?.slice(0, 4);
  const record = new YAMLMap();
  const name = plain('name', year ? `Google Classroom ${year}` : 'Google Classroom');
  record.items.push(...[name, key, secret, issued, expires].filter((pair): pair is Pair => pair !== undefined));
  const records = new YAMLSeq();
  records.items.push(record);
  return group('credentials', [new Pair(new Scalar('records'), records)]);
}

function link(spec: YAMLMap): Pair {
  const enabled = renamed(take(spec, 'linkEnabled'), 'enabled');
  // v1alpha1 only described Google's built-in link.
  return group('link', [plain('target', 'classroom-admin'), enabled]) as Pair;
}

function updateSchemaComment(doc: Document): void {
  const rewrite = (text: string | null | undefined) => text?.replace(/sislink-v1alpha1\.schema\.json/g, 'sislink-v1.schema.json');
  doc.commentBefore = rewrite(doc.commentBefore) ?? null;
  if (isMap(doc.contents)) {
    doc.contents.commentBefore = rewrite(doc.contents.commentBefore) ?? null;
    const first = doc.contents.items[0];
    if (first && isScalar(first.key)) first.key.commentBefore = rewrite(first.key.commentBefore) ?? null;
  }
}

function migrate(doc: Document): void {
  const apiVersion = doc.get('apiVersion', true);
  if (isScalar(apiVersion)) apiVersion.value = 'sislink/v1';
  else doc.set('apiVersion', 'sislink/v1');
  updateSchemaComment(doc);
  const spec = doc.get('spec', true);
  if (!isMap(spec)) return;
  const vendor = take(spec, 'vendor');
  const sis = group('sis', [
    renamed(take(spec, 'hostUrl'), 'baseUrl'),
    take(spec, 'applicationUrl'),
    take(spec, 'oneRosterVersion'),
    take(spec, 'tokenUrl'),
  ]);
  const linkPair = link(spec);
  const consent = group('consent', [renamed(take(spec, 'shareDomainWithVendor'), 'sisSupport')]);
  const dataExchange = group('dataExchange', [
    renamed(take(spec, 'importRosters'), 'rosterImport'),
    renamed(take(spec, 'exportGrades'), 'gradeExport'),
  ]);
  const licensing = group('licensing', [renamed(take(spec, 'workspaceEdition'), 'edition')]);
  const creds = credentials(spec);
  const rest = spec.items.splice(0);
  const ordered = [vendor, sis, linkPair, consent, dataExchange, licensing, creds].filter((pair): pair is Pair => pair !== undefined);
  spec.items.push(...ordered, ...rest);
}

export const v1alpha1ToV1: Migration = {
  from: 'sislink/v1alpha1',
  to: 'sislink/v1',
  description: 'group the flat v1alpha1 spec (hostUrl, key, secret, ...) into sis, link, consent, dataExchange, licensing and credentials.records',
  migrate,
};
