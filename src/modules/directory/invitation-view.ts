import { InvitationView } from './dto/member.dto';
import { Invitation } from './invitation.entity';

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export function invitationStatus(i: Invitation, now = Date.now()): InvitationStatus {
  if (i.acceptedAt) return 'accepted';
  if (i.revokedAt) return 'revoked';
  return i.expiresAt.getTime() <= now ? 'expired' : 'pending';
}

export function invitationView(i: Invitation): InvitationView {
  return {
    id: i.id,
    email: i.email,
    kind: i.kind,
    clusterId: i.clusterId,
    organisationId: i.organisationId,
    organisationRole: i.organisationRole,
    status: invitationStatus(i),
    invitedBy: i.invitedBy,
    createdAt: i.createdAt.toISOString(),
    expiresAt: i.expiresAt.toISOString(),
  };
}
