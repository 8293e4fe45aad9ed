import { auditRowsSql } from '../../src/modules/audit/audit-sql';

describe('set-based audit entries', () => {
  it('file one entry per row of the named CTE, and refuse anything but audit names in the SQL they write', () => {
    expect(auditRowsSql('withdrawn', 'approval.withdrawn', 'approval_request', `'{}'::jsonb`).replace(/\s+/g, ' ')).toBe(
      `INSERT INTO audit_log (cluster_id, action, subject_kind, subject_id, changes) SELECT cluster_id, 'approval.withdrawn', 'approval_request', id::text, '{}'::jsonb FROM withdrawn`,
    );
    expect(() => auditRowsSql('withdrawn', `x'; DELETE FROM approval_requests; --`, 'approval_request', `'{}'`)).toThrow(/not an audit name/);
    expect(() => auditRowsSql('withdrawn', 'approval.withdrawn', 'Approval Request', `'{}'`)).toThrow(/not an audit name/);
  });
});
