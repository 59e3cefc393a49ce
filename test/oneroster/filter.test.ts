import { describe, expect, it } from 'vitest';
import { and, filter, or, quoteValue } from '../../src/oneroster/filter.js';

describe('filter builder', () => {
  it('quotes values and doubles embedded single quotes', () => {
    expect(filter('email', '=', 'a@b.org').expression).toBe("email='a@b.org'");
    expect(filter('familyName', '~', "O'Neil").expression).toBe("familyName~'O''Neil'");
    expect(quoteValue("x' OR status='active")).toBe("'x'' OR status=''active'");
    expect(filter('dateLastModified', '>=', '2025-01-01T00:00:00Z').expression).toBe("dateLastModified>='2025-01-01T00:00:00Z'");
  });

  it('joins two clauses with AND or OR', () => {
    expect(and(filter('status', '=', 'active'), filter('role', '!=', 'student')).expression).toBe("status='active' AND role!='student'");
    expect(or(filter('a', '<', 1), filter('b', '<=', 2)).expression).toBe("a<'1' OR b<='2'");
  });

  it('refuses a third clause, bad fields and bad operators', () => {
    const two = and(filter('a', '=', 'x'), filter('b', '=', 'y'));
    expect(() => and(two, filter('c', '=', 'z'))).toThrow(/at most two/);
    expect(() => filter("email' OR 1=1", '=', 'x')).toThrow(/field/);
    expect(() => filter('email', '==' as never, 'x')).toThrow(/operator/);
    // A value containing " AND " is still one clause.
    expect(and(filter('title', '=', 'Rock AND Roll'), filter('b', '=', 'y')).expression).toBe("title='Rock AND Roll' AND b='y'");
  });
});
