import { DomainError, NotFoundError } from '../../platform/http/domain-error';

export class ClusterNotFoundError extends NotFoundError {
  constructor() {
    super('The cluster', 'directory.cluster_not_found');
  }
}

export class OrganisationNotFoundError extends NotFoundError {
  constructor() {
    super('The organisation', 'directory.organisation_not_found');
  }
}

export class TalentNotFoundError extends NotFoundError {
  constructor() {
    super('The talent profile', 'directory.talent_not_found');
  }
}

export class NotAllowedError extends DomainError {
  constructor(message: string, code = 'directory.not_allowed') {
    super('forbidden', code, message);
  }
}

export class InvalidInvitationError extends DomainError {
  constructor() {
    super('invalid', 'directory.invalid_invitation', 'The invitation is invalid, already used or expired.');
  }
}

export class InvitationEmailTakenError extends DomainError {
  constructor() {
    super(
      'unauthenticated',
      'directory.invitation_password_mismatch',
      'An account with this email exists; give its current password to accept the invitation.',
    );
  }
}

export class LastOwnerError extends DomainError {
  constructor() {
    super('conflict', 'directory.last_owner', 'An organisation must keep at least one owner.');
  }
}

export class PartnershipExistsError extends DomainError {
  constructor() {
    super('conflict', 'directory.partnership_exists', 'These clusters are already partners.');
  }
}

export class AlreadyMemberError extends DomainError {
  constructor() {
    super('conflict', 'directory.already_member', 'This person is already a member of the organisation.');
  }
}

export class InvitationNotFoundError extends NotFoundError {
  constructor() {
    super('The invitation', 'directory.invitation_not_found');
  }
}
