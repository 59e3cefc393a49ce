/** Builds request URLs: resolve against a base, append query parameters. */
export function resolveUrl(url: string, baseUrl?: string): string {
  if (url.startsWith('http://') || url.startsWith('https://') || /^https?:\/\//i.test(url)) return url;
  if (baseUrl === undefined) throw new TypeError(`relative URL ${url} needs a baseUrl`);
  // Join as paths so a base with its own path keeps it (new URL('/x', base) would drop it).
  return `${baseUrl.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

/** Appends parameters percent-encoded (spaces as %20, never '+', which some servers keep literally). */
export type QueryValue = string | number | boolean | undefined | ReadonlyArray<string | number | boolean>;

/** Arrays repeat the parameter (`a=1&a=2`), as Google APIs expect for multi-valued parameters. */
export function withQuery(url: string, query?: Record<string, QueryValue>): string {
  if (query === undefined) return url;
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const each of values) pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(each))}`);
  }
  if (pairs.length === 0) return url;
  const hashAt = url.indexOf('#');
  const bare = hashAt === -1 ? url : url.slice(0, hashAt);
  const separator = bare.includes('?') ? (bare.endsWith('?') || bare.endsWith('&') ? '' : '&') : '?';
  return `${bare}${separator}${pairs.join('&')}`;
}
