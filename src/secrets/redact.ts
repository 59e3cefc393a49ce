/**
 * Redaction by value: every secret resolved at run time is registered here, and every line that
 * leaves the process (logs, errors, plans, comments) passes through `redact`. Encoded forms are
 * registered too, so a secret cannot slip out as base64 in a Basic header or percent-encoded in a URL.
 */
const MIN_SECRET_LENGTH = 4;
export const REDACTED = '[REDACTED]';

const registered = new Set<string>();
/**
 * Registered forms by their first MIN_SECRET_LENGTH characters, longest first. A fleet registers
 * thousands of forms; one alternation regex over all of them cost more than the lines it scrubbed.
 */
const byPrefix = new Map<string, string[]>();

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

/** Registers a secret value (and its encoded forms) for scrubbing. Short values are ignored. */
export function registerSecret(value: string): void {
  if (value.length < MIN_SECRET_LENGTH) return;
  for (const form of encodedForms(value)) {
    if (registered.has(form)) continue;
    registered.add(form);
    const prefix = form.slice(0, MIN_SECRET_LENGTH);
    const forms = byPrefix.get(prefix);
    if (forms === undefined) byPrefix.set(prefix, [form]);
    else {
      forms.push(form);
      forms.sort((a, b) => b.length - a.length);
    }
  }
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

/** The longest registered form starting at `index`, if any. */
function formAt(text: string, index: number): string | undefined {
  const forms = byPrefix.get(text.slice(index, index + MIN_SECRET_LENGTH));
  return forms?.find((form) => text.startsWith(form, index));
}

/** Replaces every registered form, leftmost first and the longest at each position. */
export function redact(text: string): string {
  if (registered.size === 0) return text;
  let out = '';
  let copied = 0;
  for (let index = 0; index + MIN_SECRET_LENGTH <= text.length;) {
    const form = formAt(text, index);
    if (form === undefined) {
      index += 1;
      continue;
    }
    out += text.slice(copied, index) + REDACTED;
    index += form.length;
    copied = index;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** For tests: forget every registered value. */
export function clearRegisteredSecrets(): void {
  registered.clear();
  byPrefix.clear();
}
