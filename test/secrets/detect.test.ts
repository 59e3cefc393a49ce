import { describe, expect, it } from 'vitest';
import { looksLikeSecretValue } from '../../src/secrets/refs.js';

const SECRETS = [
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'Zx81kQ9vLm3Rt7YpWq2N',
  'dGhpcyBpcyBhIHNlY3JldCB2YWx1ZQ==',
  '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----',
  'abcdefghijklmnopqrstuvwxyzqwertyuiopasdfgh1',
  'https://GOOGLE:hunter22@sis.example.org/api',
  'https://sis.example.org/api?access_token=abc123',
  'InfiniteCampus_3fa85f64c7d2',
  'sk_live_51HxQ2bK8vN3mR7tY',
];

const ORDINARY = [
  'Assignments',
  'GOOGLE',
  'Google Classroom 2025',
  'Google-Classroom-2025',
  'GoogleClassroomAssignments',
  'CorrectHorseBatteryStaple',
  'hello world',
  'America/Chicago',
  '2025-06-01',
  'https://demo.skyward.com/demoapi/ims/oneroster/v1p1/',
  'maplevalley.k12.example',
  'env:SIS_SECRET',
  'file:secrets/sis-secret.txt',
  'env:NOT-VALID',
  '',
  'secret',
  'changeme',
];

describe('looksLikeSecretValue', () => {
  it.each(SECRETS)('flags %j', (text) => {
    expect(looksLikeSecretValue(text)).toBe(true);
  });

  it.each(ORDINARY)('leaves %j alone', (text) => {
    expect(looksLikeSecretValue(text)).toBe(false);
  });
});
