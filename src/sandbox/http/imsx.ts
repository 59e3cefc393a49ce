/** imsx_StatusInfo error bodies, shaped as the OneRoster REST binding's JSON (see schemas/oneroster/imsx-status.schema.json). */
export type CodeMajor = 'success' | 'processing' | 'failure' | 'unsupported';
export type Severity = 'status' | 'warning' | 'error';
export type CodeMinor =
  | 'fullsuccess'
  | 'invalid_filter_field'
  | 'invalid_selection_field'
  | 'invalid_sort_field'
  | 'invaliddata'
  | 'unauthorisedrequest'
  | 'forbidden'
  | 'server_busy'
  | 'unknownobject'
  | 'internal_server_error'
  | 'unsupported';

export interface ImsxStatus {
  imsx_codeMajor: CodeMajor;
  imsx_severity: Severity;
  imsx_description: string;
  imsx_CodeMinor: { imsx_codeMinorField: { imsx_codeMinorFieldName: string; imsx_codeMinorFieldValue: CodeMinor }[] };
}

export function imsxStatus(codeMinor: CodeMinor, description: string, codeMajor: CodeMajor = 'failure'): ImsxStatus {
  return {
    imsx_codeMajor: codeMajor,
    imsx_severity: codeMajor === 'success' ? 'status' : 'error',
    imsx_description: description,
    imsx_CodeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: codeMinor }] },
  };
}
