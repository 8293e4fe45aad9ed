import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { AccessTokenClaims, actorOf, isAccessTokenClaims } from './access-token';
import { Actor, Role } from './actor';
import { ForbiddenRoleError, UnauthenticatedError } from './auth.errors';
import { IS_PUBLIC, REQUIRED_ROLES } from './decorators';

/**
 * Global guard: every route needs a valid bearer access token unless marked @Public(), and a
 * role from @Roles() when it names any. Row-level rules are the services' business.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      return true;
    }
    const request = context
      .switchToHttp()
      .getRequest<{ id?: string; headers: Record<string, string | undefined>; actor?: Actor }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new UnauthenticatedError();
    }
    let claims: AccessTokenClaims | null = null;
    try {
      const payload: unknown = await this.jwt.verifyAsync(token);
      if (isAccessTokenClaims(payload)) claims = payload;
    } catch {
      // answered below, as a token of the wrong shape is
    }
    if (!claims) throw new UnauthenticatedError('The access token is invalid or has expired.', 'auth.invalid_token');
    const actor = { ...actorOf(claims), requestId: request.id === undefined ? undefined : String(request.id) };
    request.actor = actor;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && roles.length > 0 && !roles.some((role) => actor.roles.includes(role))) {
      throw new ForbiddenRoleError();
    }
    return true;
  }
}
