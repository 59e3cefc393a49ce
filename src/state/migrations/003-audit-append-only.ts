import type { StoreMigration } from './types.js';

/**
 * The PostgreSQL audit chain refuses UPDATE, DELETE and TRUNCATE: history cannot be rewritten
 * through ordinary statements, not only detected afterwards by `audit verify`. A role that may
 * disable triggers can still tamper; the hash chain is what catches that. SQLite stores keep the
 * audit log as a file, so they need nothing here.
 */
export const auditAppendOnly: StoreMigration = {
  version: 3,
  name: 'audit-append-only',
  statements: {
    sqlite: [],
    postgres: [
      `CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END
      $$`,
      `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`,
    ],
  },
};
