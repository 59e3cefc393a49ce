import { afterEach, describe, expect, it } from 'vitest';
import { parseImsx } from '../../src/http/imsx.js';
import { scrubUrl } from '../../src/http/scrub-url.js';
import { clearRegisteredSecrets, registerSecret } from '../../src/secrets/redact.js';

afterEach(() => clearRegisteredSecrets());

describe('scrubUrl', () => {
  it('removes userinfo and secret query parameters', () => {
    expect(scrubUrl('https://id:pw@sis.example.org/ims/oneroster/v1p1/users?limit=5&client_secret=s&token=t&oauth_signature=x&sig=y'))
      .toBe('https://sis.example.org/ims/oneroster/v1p1/users?limit=5&client_secret=[REDACTED]&token=[REDACTED]&oauth_signature=[REDACTED]&sig=[REDACTED]');
  });

  it('scrubs registered secrets anywhere, even in an unparsable URL', () => {
    registerSecret('hunter2-secret');
    expect(scrubUrl('https://sis.example.org/x/hunter2-secret')).toBe('https://sis.example.org/x/[REDACTED]');
    expect(scrubUrl('not a url hunter2-secret')).toBe('not a url [REDACTED]');
  });
});

describe('parseImsx', () => {
  it('reads the 1.1 statusInfoSet shape', () => {
    const body = { statusInfoSet: [{ imsx_codeMajor: 'failure', imsx_severity: 'error', imsx_description: 'bad filter', imsx_CodeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldName: 'x', imsx_codeMinorFieldValue: 'invalid_filter_field' }] } }] };
    expect(parseImsx(JSON.stringify(body))).toEqual({ codeMajor: 'failure', severity: 'error', description: 'bad filter', codeMinor: 'invalid_filter_field' });
  });

  it('reads the bare 1.2 object and the imsx_statusInfo wrapper', () => {
    const bare = { imsx_codeMajor: 'failure', imsx_severity: 'error', imsx_CodeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: 'unknownobject' }] } };
    expect(parseImsx(JSON.stringify(bare))).toMatchObject({ codeMajor: 'failure', codeMinor: 'unknownobject' });
    expect(parseImsx(JSON.stringify({ imsx_statusInfo: bare }))).toMatchObject({ codeMinor: 'unknownobject' });
  });

  it('ignores bodies without a status object', () => {
    expect(parseImsx('')).toBeUndefined();
    expect(parseImsx('<html>imsx_</html>')).toBeUndefined();
    expect(parseImsx('{"users":[]}')).toBeUndefined();
  });
});
