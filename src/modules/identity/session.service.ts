import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { EntityManager, IsNull } from 'typeorm';
import { AppConfig, InjectConfig } from '../../config/app-config';
import { claimsOf } from '../../platform/auth/access-token';
import { Actor } from '../../platform/auth/actor';
import { MembershipLookup } from '../../platform/auth/membership-lookup';
import { hashSecretToken, newSecretToken } from '../../platform/auth/secret-token';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { InvalidRefreshTokenError, RefreshTokenReusedError } from './identity.errors';
import { RefreshToken } from './refresh-token.entity';
import { User } from './user.entity';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/**
 * Sessions: a short-lived JWT access token plus an opaque refresh token that rotates on every use.
 * Refresh tokens of one sign-in share a family; presenting a rotated one revokes the family. A
 * family lives REFRESH_TTL_DAYS from sign-in, however often it rotates.
 */
@Injectable()
export class SessionService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly memberships: MembershipLookup,
    private readonly uow: UnitOfWork,
  ) {}

  /** Starts a new family for the user (sign-in). */
  async start(em: EntityManager, user: User): Promise<TokenPair> {
    return this.issue(em, user, randomUUID(), new Date());
  }

  /** Exchanges a refresh token for a new pair; a reused token revokes its whole family. */
  async rotate(refreshToken: string): Promise<TokenPair> {
    const outcome = await this.uow.run(async (em) => {
      const row = await em.findOne(RefreshToken, { where: { tokenHash: hashSecretToken(refreshToken) } });
      if (!row || row.revokedAt || this.familyEnd(row.familyStartedAt) <= Date.now()) {
        return { error: new InvalidRefreshTokenError() };
      }
      // Conditional update: of two concurrent refreshes with the same token exactly one wins.
      const claimed = await em.update(RefreshToken, { id: row.id, usedAt: IsNull(), revokedAt: IsNull() }, { usedAt: new Date() });
      if (claimed.affected !== 1) {
        await this.revokeFamily(em, row.familyId);
        return { error: new RefreshTokenReusedError() };
      }
      const user = await em.findOneByOrFail(User, { id: row.userId });
      return { pair: await this.issue(em, user, row.familyId, row.familyStartedAt) };
    });
    // The revocation must commit even though the caller gets an error, hence no throw inside.
    if ('error' in outcome) throw outcome.error;
    return outcome.pair;
  }

  /** Signs out every session of the token's family. Unknown tokens are ignored (idempotent). */
  async revoke(refreshToken: string): Promise<void> {
    await this.uow.run(async (em) => {
      const row = await em.findOne(RefreshToken, { where: { tokenHash: hashSecretToken(refreshToken) } });
      if (row) await this.revokeFamily(em, row.familyId);
    });
  }

  /** Signs out every session of the user (password reset, password change, mailbox proven by an invitation). */
  async revokeAllOf(em: EntityManager, userId: string): Promise<void> {
    await em.update(RefreshToken, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  async actorFor(em: EntityManager, user: User): Promise<Actor> {
    return {
      userId: user.id,
      roles: user.roles,
      clusterId: user.roles.includes('staff') ? user.staffClusterId : null,
      organisations: await this.memberships.forUser(user.id, em),
    };
  }

  /** A family ends REFRESH_TTL_DAYS after sign-in; rotation does not move that end. */
  private familyEnd(familyStartedAt: Date): number {
    return familyStartedAt.getTime() + this.config.REFRESH_TTL_DAYS * 24 * 3600 * 1000;
  }

  private async issue(em: EntityManager, user: User, familyId: string, familyStartedAt: Date): Promise<TokenPair> {
    const actor = await this.actorFor(em, user);
    const { token, hash } = newSecretToken();
    await em.insert(RefreshToken, {
      userId: user.id,
      familyId,
      tokenHash: hash,
      familyStartedAt,
      expiresAt: new Date(this.familyEnd(familyStartedAt)),
    });
    return {
      accessToken: await this.jwt.signAsync({ ...claimsOf(actor) }),
      refreshToken: token,
      tokenType: 'Bearer',
      expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
    };
  }

  private async revokeFamily(em: EntityManager, familyId: string): Promise<void> {
    await em.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
