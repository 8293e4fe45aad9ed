import { createHash } from 'node:crypto';
import { applyDecorators, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { type AppConfig, InjectConfig } from '../../config/app-config';

/**
 * What a per-account limit counts. Each bucket is one counter per account, shared by every route
 * that names it and by every API replica (Redis), whatever address the requests come from.
 */
export type AccountBucket = 'sign-in' | 'invitation' | 'password-check' | 'mail';

interface AccountThrottle {
  /** A body field holding the account's key (`email`, `token`), or `user` for the signed-in user. */
  source: string;
  bucket: AccountBucket;
  /** Count only requests whose body has this field (e.g. `currentPassword`). */
  onlyWith?: string;
}

const ACCOUNT_THROTTLE = 'clusterlink:account-throttle';

/**
 * Limits a route per account on top of the per-address limit: `@ThrottleBy('email', 'sign-in')`
 * counts sign-ins per (normalised) email address. Limits come from THROTTLE_ACCOUNT_* (and
 * THROTTLE_MAIL_* for the `mail` bucket); a 429 is problem+json with Retry-After.
 */
export const ThrottleBy = (source: string, bucket: AccountBucket, options: { onlyWith?: string } = {}) =>
  applyDecorators(
    SetMetadata(ACCOUNT_THROTTLE, { source, bucket, onlyWith: options.onlyWith } satisfies AccountThrottle),
    UseGuards(AccountThrottlerGuard),
  );

/** The counter's identity: the field's value, trimmed and lower-cased, hashed with its bucket. */
export function accountKey(bucket: AccountBucket, value: string): string {
  return createHash('sha256').update(`account:${bucket}:${value.trim().toLowerCase()}`).digest('hex');
}

/**
 * ThrottlerGuard's counting (same Redis storage, same blocking) keyed by an account instead of
 * a client address. Requests without the key (a missing or non-string field) are left to the
 * validation pipe and the per-address limit.
 */
@Injectable()
export class AccountThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super(options, storage, reflector);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const spec = this.reflector.get<AccountThrottle | undefined>(ACCOUNT_THROTTLE, context.getHandler());
    if (!spec) return true;
    const request = context.switchToHttp().getRequest<{ body?: unknown; actor?: { userId: string } }>();
    const body = request.body !== null && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
    if (spec.onlyWith && body[spec.onlyWith] === undefined) return true;
    const value = spec.source === 'user' ? request.actor?.userId : body[spec.source];
    if (typeof value !== 'string' || value.trim() === '') return true;
    const mail = spec.bucket === 'mail';
    const limit = mail ? this.config.THROTTLE_MAIL_LIMIT : this.config.THROTTLE_ACCOUNT_LIMIT;
    const ttl = (mail ? this.config.THROTTLE_MAIL_TTL_SECONDS : this.config.THROTTLE_ACCOUNT_TTL_SECONDS) * 1000;
    const key = accountKey(spec.bucket, value);
    return this.handleRequest({
      context,
      limit,
      ttl,
      blockDuration: ttl,
      throttler: { name: `account-${spec.bucket}`, limit, ttl, setHeaders: false },
      getTracker: async () => key,
      generateKey: () => key,
    });
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const { res } = this.getRequestResponse(context);
    this.setResponseHeader(res, 'Retry-After', Math.max(1, detail.timeToBlockExpire));
    return super.throwThrottlingException(context, detail);
  }

  protected override async getErrorMessage(): Promise<string> {
    return 'Too many attempts for this account; wait before trying again.';
  }
}
