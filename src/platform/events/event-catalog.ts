/** Every domain event and its payload. Handlers are methods marked @OnDomainEvent(type). */
export interface DomainEvents {
  /** A staff decision on an approval request; the module that owns the subject reacts to it. */
  'approval.decided': {
    approvalId: string;
    clusterId: string;
    subjectKind: string;
    subjectId: string;
    decision: 'approved' | 'rejected';
    decidedBy: string;
    reason: string | null;
  };
  /** A member added, changed or removed a product or channel: its matches need a refresh. */
  'channel_sharing.catalogue_changed': { organisationId: string; clusterId: string };
  /** Staff added, changed or removed complementarity rules: the cluster's matches need a rebuild. */
  'channel_sharing.rules_changed': { clusterId: string };
}
export type DomainEventType = keyof DomainEvents;
