/**
 * Heuristics for "a credential was pasted where a reference belongs". Tuned to flag random
 * tokens, keys and encoded blobs while leaving names, words, dates and plain URLs alone.
 */

const JWT = /^[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}$/;
const HEX = /^(0x)?[0-9a-fA-F]{24,}$/;
const SECRETISH_QUERY = /[?&](token|secret|key|sig|signature|password|access_token|client_secret)=/i;

/** Shannon entropy in bits per character. */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

type CharClass = 'lower' | 'upper' | 'digit' | 'other';

function classOf(char: string): CharClass {
  if (char >= 'a' && char <= 'z') return 'lower';
  if (char >= 'A' && char <= 'Z') return 'upper';
  if (char >= '0' && char <= '9') return 'digit';
  return 'other';
}

/**
 * Share of adjacent alphanumeric pairs that switch between lower, upper and digit. Random base62
 * text switches about 60% of the time; words and CamelCase names far less.
 */
export function classSwitchRatio(text: string): number {
  let pairs = 0;
  let switches = 0;
  for (let i = 1; i < text.length; i++) {
    const a = classOf(text[i - 1] ?? '');
    const b = classOf(text[i] ?? '');
    if (a === 'other' || b === 'other') continue;
    pairs++;
    if (a !== b) switches++;
  }
  return pairs === 0 ? 0 : switches / pairs;
}

function looksLikeUrlWithoutCredentials(text: string): boolean | undefined {
  if (!/^https?:\/\//i.test(text)) return undefined;
  try {
    const url = new URL(text);
    return url.password === '' && !SECRETISH_QUERY.test(url.search);
  } catch {
    return undefined;
  }
}

/** True when `text` looks like a credential rather than an ordinary word, name or URL. */
export function looksLikeCredential(text: string): boolean {
  const value = text.trim();
  if (value.includes('-----BEGIN')) return true;
  if (value === '' || /\s/.test(value)) return false;
  const plainUrl = looksLikeUrlWithoutCredentials(value);
  if (plainUrl !== undefined) return !plainUrl;
  if (JWT.test(value)) return true;
  if (value.length < 16) return false;
  if (HEX.test(value)) return true;
  const entropy = shannonEntropy(value);
  if (classSwitchRatio(value) >= 0.3 && entropy >= 3.0) return true;
  return value.length >= 32 && entropy >= 4.0;
}
