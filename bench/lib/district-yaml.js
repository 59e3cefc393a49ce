// The district file benchmarks write: a OneRoster district linked through the connector to a
// sandbox, optionally with Classroom and a grade-export job.

export function benchDistrictYaml(name, sandbox, options = {}) {
  const classroom = options.classroom
    ? `  classroom:
    adminSubject: admin@${name}.example.edu
    serviceAccountKey: file:../secrets/sa.json
    apiUrl: ${sandbox.classroomUrl}
    tokenUrl: ${sandbox.classroomTokenUrl}
`
    : '';
  const exports = options.gradeExport
    ? `  exports:
    - name: grades
      defaultCategory: Assignments
`
    : '';
  return `apiVersion: sislink/v1
kind: SisLink
metadata:
  name: ${name}
  domain: ${name}.example.edu
  timezone: America/Chicago
spec:
  vendor: oneroster
  sis:
    baseUrl: ${sandbox.url}
    oneRosterVersion: "1.2"
    tokenUrl: ${sandbox.tokenUrl}
  link:
    target: connector
    enabled: true
  consent:
    sisSupport: false
  dataExchange:
    gradeExport: ${options.gradeExport === true}
    rosterImport: false
  licensing:
    edition: education-plus
${classroom}  credentials:
    records:
      - name: Google Classroom 2026
        key: ${sandbox.clientId}
        secret: file:../secrets/sis-secret
        effective: "2026-07-01"
        expiration: "2027-08-15"
${exports}`;
}
