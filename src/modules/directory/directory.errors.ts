import { DomainError, NotFoundError } from '../../platform/http/domain-error';
import { CodeOfKind, CodesOf, defineErrors } from '../../platform/http/error-catalogue';

/** Every problem code the directory answers with (error-catalogue.ts). */
export const DIRECTORY_ERRORS = defineErrors('directory', {
  cluster_not_found: { kind: 'not_found', title: 'The cluster does not exist.' },
  organisation_not_found: { kind: 'not_found', title: 'The organisation does not exist, or you may not see it.' },
  talent_not_found: { kind: 'not_found', title: 'The talent profile does not exist, or you may not see it.' },
  member_not_found: { kind: 'not_found', title: 'The person is not a member of the organisation.' },
  invitation_not_found: { kind: 'not_found', title: 'The invitation does not exist, or is not yours to manage.' },
  not_allowed: { kind: 'forbidden', title: 'Your role or membership does not allow this here.' },
  self_partnership: { kind: 'forbidden', title: 'A cluster cannot partner with itself.' },
  invalid_invitation: { kind: 'invalid', title: 'The invitation is invalid, already used or expired.' },
  invitation_password_mismatch: { kind: 'unauthenticated', title: 'An account with this email exists and the password given is not its password.' },
  last_owner: { kind: 'conflict', title: 'An organisation must keep at least one owner.' },
  partnership_exists: { kind: 'conflict', title: 'These clusters are already partners.' },
  already_member: { kind: 'conflict', title: 'This person is already a member of the organisation.' },
});

declare module '../../platform/http/error-catalogue' {
  interface ErrorCodes extends CodesOf<typeof DIRECTORY_ERRORS> {}
}

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
  constructor(message: string, code: Extract<CodeOfKind<'forbidden'>, `directory.${string}`> = 'directory.not_allowed') {
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
