/** Splits `items` into consecutive slices of at most `size` (batched statements on either backend). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}

/** Keys per `IN (...)` or `= ANY(...)` read: well under SQLite's bound-parameter limit. */
export const KEYS_PER_READ = 500;
