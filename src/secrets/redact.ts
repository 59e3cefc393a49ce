/**
 * Redaction by value: every secret resolved at run time is registered here, and every line that
 * leaves the process (logs, errors, plans, comments) passes through `redact`. Encoded forms are
 * registered too, so a secret cannot slip out as base64 in a Basic header or percent-encoded in a URL.
 */
const MIN_SECRET_LENGTH = 4;
export const REDACTED = '[REDACTED]';

const registered = new Set<string>();
/** First MIN_SECRET_LENGTH characters of every registered form: a cheap pre-check before the regex. */
const prefixes = new Set<string>();
let pattern: RegExp | undefined;

function encodedForms(value: string): string[] {
  const forms = [
    value,
    encodeURIComponent(value),
    encodeURIComponent(value).replace(/%20/g, '+'),
    new URLSearchParams({ v: value }).toString().slice(2),
    Buffer.from(value, 'utf8').toString('base64'),
    Buffer.from(value, 'utf8').toString('base64url'),
    Buffer.from(value, 'utf8').toString('hex'),
    JSON.stringify(value).slice(1, -1),
  ];
  return forms.filter((form) => form.length >= MIN_SECRET_LENGTH);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Registers a secret value (and its encoded forms) for scrubbing. Short values are ignored. */
export function registerSecret(value: string): void {
  if (value.length < MIN_SECRET_LENGTH) return;
  let added = false;
  for (const form of encodedForms(value)) {
    if (!registered.has(form)) {
      registered.add(form);
      prefixes.add(form.slice(0, MIN_SECRET_LENGTH));
      added = true;
    }
  }
  if (added) pattern = undefined;
}

/**
 * Registers credentials combined as `id:secret` for HTTP Basic, whose base64 form does not contain
 * the base64 of the secret alone.
 */
export function registerBasicCredentials(id: string, secret: string): void {
  registerSecret(secret);
  registerSecret(`${id}:${secret}`);
  registerSecret(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`);
}

/** True when some registered form could start somewhere in the text. */
function mayHoldSecret(text: string): boolean {
  for (let index = 0; index + MIN_SECRET_LENGTH <= text.length; index += 1) {
    if (prefixes.has(text.slice(index, index + MIN_SECRET_LENGTH))) return true;
  }
  return false;
}

export function redact(text: string): string {
  // Most lines hold no secret: a scan of short prefixes spares them the (large) alternation regex.
  if (registered.size === 0 || !mayHoldSecret(text)) return text;
  if (pattern === undefined) {
    const alternatives = [...registered].sort((a, b) => b.length - a.length).map(escapeRegExp);
    pattern = new RegExp(alternatives.join('|'), 'g');
  }
  return text.replace(pattern, REDACTED);
}

/** For tests: forget every registered value. */
export function clearRegisteredSecrets(): void {
  registered.clear();
  prefixes.clear();
  pattern = undefined;
}
