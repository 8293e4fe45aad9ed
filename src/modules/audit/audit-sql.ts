/** A name the audit trail files entries under (an action or a subject kind): written into SQL, so only these characters. */
const AUDIT_NAME = /^[a-z][a-z_.]*$/;

/**
 * The body of a data-modifying CTE that files one system entry (no actor, no request) per row of
 * `from`, for set-based writes that change many records in one statement. `from` names a CTE
 * with `cluster_id` and `id` columns (the subject); `changes` is a SQL expression over its
 * columns giving `{ field: { before, after } }`, as `AuditService.record` stores it.
 */
export function auditRowsSql(from: string, action: string, subjectKind: string, changes: string): string {
  if (!AUDIT_NAME.test(action) || !AUDIT_NAME.test(subjectKind)) throw new Error(`not an audit name: ${action}, ${subjectKind}`);
  return `INSERT INTO audit_log (cluster_id, action, subject_kind, subject_id, changes)
          SELECT cluster_id, '${action}', '${subjectKind}', id::text, ${changes} FROM ${from}`;
}
