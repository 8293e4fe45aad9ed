import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig, InjectConfig } from '../../../config/app-config';
import { AccessTokenClaims } from '../../auth/access-token';
import { Actor } from '../../auth/actor';

export const DASHBOARD_PATH = '/admin/queues';
export const DASHBOARD_COOKIE = 'cl_queue_dashboard';
const AUDIENCE = 'queue-dashboard';

export type DashboardAccess = 'ok' | 'unauthenticated' | 'invalid' | 'forbidden';

/** The value of one cookie in a Cookie header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/**
 * Who may open the queue dashboard (docs/adr/0017): an admin, recognised by either
 * - an access token in `Authorization: Bearer` (curl, a header extension), or
 * - the dashboard cookie that POST /api/v1/admin/queue-dashboard/session sets for a browser.
 *
 * The cookie holds a token signed with a key derived from JWT_SECRET for this purpose only, so it
 * opens the dashboard and nothing else: the API's guard cannot verify it, and an access token
 * copied into the cookie fails here. It lives as long as an access token, is HttpOnly (no script
 * reads it), SameSite=Strict (no other site's page can make the browser send it, which guards
 * the dashboard's retry and delete actions) and scoped to the dashboard's path.
 */
@Injectable()
export class DashboardSessions {
  private readonly key: Buffer;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly jwt: JwtService,
  ) {
    this.key = createHmac('sha256', config.JWT_SECRET).update('clusterlink queue-dashboard session').digest();
  }

  /** The Set-Cookie value that opens the dashboard for this actor (an admin, checked by the route). */
  async cookieFor(actor: Actor): Promise<string> {
    const ttl = this.config.JWT_ACCESS_TTL_SECONDS;
    const token = await this.jwt.signAsync({ sub: actor.userId, roles: actor.roles }, { secret: this.key, audience: AUDIENCE, expiresIn: ttl });
    const secure = this.config.APP_URL.startsWith('https:') ? '; Secure' : '';
    return `${DASHBOARD_COOKIE}=${token}; Path=${DASHBOARD_PATH}; Max-Age=${ttl}; HttpOnly; SameSite=Strict${secure}`;
  }

  /** Whether a dashboard request comes from an admin. */
  async check(authorization: string | undefined, cookie: string | undefined): Promise<DashboardAccess> {
    const [scheme, bearer] = (authorization ?? '').split(' ');
    const fromCookie = cookieValue(cookie, DASHBOARD_COOKIE);
    let roles: string[];
    try {
      if (scheme?.toLowerCase() === 'bearer' && bearer) {
        roles = (await this.jwt.verifyAsync<AccessTokenClaims>(bearer)).roles;
      } else if (fromCookie) {
        roles = (await this.jwt.verifyAsync<{ roles: string[] }>(fromCookie, { secret: this.key, audience: AUDIENCE })).roles;
      } else {
        return 'unauthenticated';
      }
    } catch {
      return 'invalid';
    }
    return Array.isArray(roles) && roles.includes('admin') ? 'ok' : 'forbidden';
  }
}
