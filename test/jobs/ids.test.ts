/**
 * Export ids must never change between sislink versions: a different id for the same course,
 * courseWork and student would duplicate the record in the SIS.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { districtNamespace, lineItemId, resultId, uuidV5 } from '../../src/jobs/export/ids.js';

/** RFC 4122 section 4.3, written the plain way. */
function referenceUuidV5(namespace: string, name: string): string {
  const bytes = createHash('sha1').update(Buffer.from(namespace.replaceAll('-', ''), 'hex')).update(name, 'utf8').digest();
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex', 0, 16);
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
}

describe('export ids', () => {
  it('are RFC 4122 version 5 UUIDs', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    const namespace = districtNamespace('maple.example.edu');
    const variants = new Set<string>();
    for (let index = 0; index < 400; index++) {
      const name = `result:${index}:é${'x'.repeat(index % 7)}`;
      const id = uuidV5(namespace, name);
      expect(id).toBe(referenceUuidV5(namespace, name));
      variants.add(id.charAt(19));
    }
    expect([...variants].sort()).toEqual(['8', '9', 'a', 'b']);
  });

  it('keep the values earlier versions wrote to the SIS', () => {
    const namespace = districtNamespace('Maple.Example.edu');
    expect(namespace).toBe('4307f629-57f6-5558-9dc2-626da81f3298');
    expect(lineItemId(namespace, '123456789012', '987654321098')).toBe('36d21968-36a9-5cd7-8ccb-72f17a95a69d');
    expect(resultId(namespace, '123456789012', '987654321098', '111122223333')).toBe('aca7515d-791a-532c-aab4-b4f080585fc0');
    expect(resultId(namespace, 'cours-é', 'travail', 'élève')).toBe('3dcc23fd-eb32-5fb5-b37b-5e5ff8412077');
  });
});
