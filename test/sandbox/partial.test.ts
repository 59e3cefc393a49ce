import { describe, expect, it } from 'vitest';
import { applyFieldMask, FieldMaskError, parseFieldMask } from '../../src/sandbox/classroom/partial.js';

describe('Classroom partial responses (fields=)', () => {
  it('parses lists, nested selections and slash paths into one tree', () => {
    const mask = parseFieldMask('nextPageToken, items(id,profile/name/fullName,profile/emailAddress),meta');
    expect(mask.get('nextPageToken')).toBe(true);
    expect(mask.get('meta')).toBe(true);
    const items = mask.get('items') as Map<string, unknown>;
    expect([...items.keys()]).toEqual(['id', 'profile']);
    const profile = items.get('profile') as Map<string, unknown>;
    expect(profile.get('emailAddress')).toBe(true);
    expect((profile.get('name') as Map<string, unknown>).get('fullName')).toBe(true);
  });

  it('keeps a whole field when it is selected whole and in part', () => {
    expect(parseFieldMask('a/b,a').get('a')).toBe(true);
    expect(parseFieldMask('a,a(b)').get('a')).toBe(true);
  });

  it('refuses malformed selections with the position', () => {
    for (const bad of ['', 'a(', 'a)', 'a,,b', 'a(b))', 'a b', 'a-b', '(a)']) {
      expect(() => parseFieldMask(bad), bad).toThrow(FieldMaskError);
    }
    expect(() => parseFieldMask('items(id')).toThrow(/expected \) at position 8/);
  });

  it('projects objects and every element of arrays, leaving out what is absent', () => {
    const body = {
      nextPageToken: 't1',
      items: [
        { id: '1', userId: 'u1', profile: { emailAddress: 'a@x.edu', name: { fullName: 'A' } }, extra: 1 },
        { id: '2', userId: 'u2', profile: { name: { fullName: 'B' } } },
      ],
    };
    expect(applyFieldMask(body, parseFieldMask('items(id,profile/emailAddress)'))).toEqual({
      items: [{ id: '1', profile: { emailAddress: 'a@x.edu' } }, { id: '2', profile: {} }],
    });
    expect(applyFieldMask(body, parseFieldMask('nextPageToken,items(*)'))).toEqual(body);
    expect(applyFieldMask({ a: 1 }, parseFieldMask('b'))).toEqual({});
  });
});
