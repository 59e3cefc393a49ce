/** Builds district configs for vendor tests: a valid baseline plus the fields under test. */
import type { DistrictConfig, DistrictSpec, SisSpec, VendorId } from '../../src/config/types.js';

export function district(vendor: VendorId, sis: SisSpec, spec: Partial<DistrictSpec> = {}): DistrictConfig {
  return {
    apiVersion: 'sislink/v1',
    kind: 'SisLink',
    metadata: { name: 'maple-valley', domain: 'maplevalley.k12.example', timezone: 'America/Chicago' },
    spec: {
      vendor,
      sis,
      link: { target: 'connector', enabled: true },
      consent: { sisSupport: true },
      dataExchange: { rosterImport: true, gradeExport: true },
      licensing: { edition: 'education-plus' },
      credentials: {
        records: [{ name: 'Google Classroom 2025', key: 'GOOGLE', secret: 'env:SIS_SECRET_2025', effective: '2025-06-01', expiration: '2026-07-31' }],
      },
      exports: [],
      ...spec,
    },
  };
}
