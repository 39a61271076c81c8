export { appendAudit, listAudit, DEFAULT_AUDIT_PAGE, MAX_AUDIT_PAGE } from './audit-store';
export type { AuditEntry, AuditInput, AuditListQuery, ListAuditOptions } from './audit-store';
export { mutate } from './mutate';
export { authorStampedOnUse } from './stamp';
export type { StampedAuthor } from './stamp';
