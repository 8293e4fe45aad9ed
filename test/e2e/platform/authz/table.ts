export type Outcome = 'ok' | '401' | '403' | '404';

/** Refusals that come after access was granted: the token, password or row state is wrong, not the caller. */
export const AFTER_ACCESS = [
  'identity.invalid_email_token', 'directory.invalid_invitation', 'privacy.wrong_password',
  'notifications.not_failed', 'channel_sharing.no_learned_weight', 'channel_sharing.rule_exists', 'channel_sharing.run_in_flight',
];

/**
 * Who may call what, on cluster A's rows (authz/fixture.ts). Columns, in order: anonymous, talent,
 * outsider (a member of an unrelated organisation of cluster A), otherStaff (staff of partner
 * cluster B), staff (of cluster A), admin. `ok`: allowed (2xx, or refused later by state: 409 or
 * an AFTER_ACCESS code); 401, 403, 404: refused. A row the actor may not see is 404; a kind of
 * action their role never has is 403. Every operation of the OpenAPI document needs a row here.
 */
export const EXPECTED: Record<string, string> = {
  //                                                         anon talent outsider otherStaff staff admin
  'GET /health/live': 'ok ok ok ok ok ok',
  'GET /health': 'ok ok ok ok ok ok',
  'GET /api/v1/audit': '401 403 403 ok ok ok',
  'GET /api/v1/notifications': '401 ok ok ok ok ok',
  'POST /api/v1/notifications/read-all': '401 ok ok ok ok ok',
  'GET /api/v1/notifications/failed': '401 403 403 ok ok ok',
  'POST /api/v1/notifications/digests/run': '401 403 403 403 403 ok',
  'POST /api/v1/admin/queue-dashboard/session': '401 403 403 403 403 ok',
  // The notification is the organisation owner's: no actor here is its recipient.
  'POST /api/v1/notifications/{id}/read': '401 404 404 404 404 404',
  'POST /api/v1/notifications/{id}/resend': '401 403 403 404 ok ok',
  'GET /api/v1/notification-preferences': '401 ok ok ok ok ok',
  'PUT /api/v1/notification-preferences/{category}': '401 ok ok ok ok ok',
  'POST /api/v1/auth/register': 'ok ok ok ok ok ok',
  'POST /api/v1/auth/verify-email': 'ok ok ok ok ok ok',
  'POST /api/v1/auth/verify-email/resend': 'ok ok ok ok ok ok',
  'POST /api/v1/auth/password-reset': 'ok ok ok ok ok ok',
  'POST /api/v1/auth/password-reset/confirm': 'ok ok ok ok ok ok',
  'POST /api/v1/auth/login': '401 401 401 401 401 401',
  'POST /api/v1/auth/refresh': '401 401 401 401 401 401',
  'POST /api/v1/auth/logout': 'ok ok ok ok ok ok',
  'GET /api/v1/me': '401 ok ok ok ok ok',
  'PATCH /api/v1/me': '401 ok ok ok ok ok',
  'GET /api/v1/clusters': '401 ok ok ok ok ok',
  'POST /api/v1/clusters': '401 403 403 403 403 ok',
  'GET /api/v1/clusters/{id}': '401 ok ok ok ok ok',
  // Clusters are public to signed-in users, so another cluster's staff get 403, not 404.
  'POST /api/v1/clusters/{id}/regions': '401 403 403 403 ok ok',
  'GET /api/v1/clusters/{id}/partners': '401 ok ok ok ok ok',
  'POST /api/v1/clusters/{id}/partners': '401 403 403 403 403 ok',
  'DELETE /api/v1/clusters/{id}/partners/{partnerId}': '401 403 403 403 403 ok',
  'POST /api/v1/clusters/{id}/staff': '401 403 403 403 403 ok',
  'GET /api/v1/clusters/{id}/invitations': '401 403 403 403 403 ok',
  'DELETE /api/v1/clusters/{id}/invitations/{invitationId}': '401 403 403 403 403 ok',
  'GET /api/v1/organisations': '401 403 ok ok ok ok',
  'POST /api/v1/organisations': '401 403 403 403 ok ok',
  'GET /api/v1/organisations/{id}': '401 403 404 404 ok ok',
  'PATCH /api/v1/organisations/{id}': '401 403 404 404 ok ok',
  'GET /api/v1/organisations/{id}/members': '401 403 404 404 ok ok',
  'POST /api/v1/organisations/{id}/members': '401 403 404 404 ok ok',
  'DELETE /api/v1/organisations/{id}/members/{userId}': '401 403 404 404 ok ok',
  'GET /api/v1/organisations/{id}/invitations': '401 403 404 404 ok ok',
  'DELETE /api/v1/organisations/{id}/invitations/{invitationId}': '401 403 404 404 ok ok',
  'POST /api/v1/invitations/accept': 'ok ok ok ok ok ok',
  'GET /api/v1/talents/me': '401 ok 403 403 403 403',
  'PUT /api/v1/talents/me': '401 ok 403 403 403 403',
  'GET /api/v1/talents': '401 403 403 ok ok ok',
  'GET /api/v1/talents/{userId}': '401 ok 403 404 ok ok',
  'GET /api/v1/approvals': '401 403 403 ok ok ok',
  'GET /api/v1/approvals/{id}': '401 403 403 404 ok ok',
  'POST /api/v1/approvals/{id}/assign': '401 403 403 404 ok ok',
  'POST /api/v1/approvals/{id}/decision': '401 403 403 404 ok ok',
  'GET /api/v1/products': '401 403 ok ok ok ok',
  // The catalogue is the members' own: staff and admins see it but do not edit it.
  'POST /api/v1/products': '401 403 404 404 403 403',
  'GET /api/v1/products/{id}': '401 403 404 404 ok ok',
  'PATCH /api/v1/products/{id}': '401 403 404 404 403 403',
  'DELETE /api/v1/products/{id}': '401 403 404 404 403 403',
  'GET /api/v1/channels': '401 403 ok ok ok ok',
  'POST /api/v1/channels': '401 403 404 404 403 403',
  'GET /api/v1/channels/{id}': '401 403 404 404 ok ok',
  'PATCH /api/v1/channels/{id}': '401 403 404 404 403 403',
  'DELETE /api/v1/channels/{id}': '401 403 404 404 403 403',
  // Staff name their cluster; naming another one is 404 (cluster scope), as for runs and seeding.
  'GET /api/v1/complementarity-rules': '401 403 403 404 ok ok',
  'POST /api/v1/complementarity-rules': '401 403 403 404 ok ok',
  'POST /api/v1/complementarity-rules/seed': '401 403 403 404 ok ok',
  'PATCH /api/v1/complementarity-rules/{id}': '401 403 403 404 ok ok',
  'DELETE /api/v1/complementarity-rules/{id}': '401 403 403 404 ok ok',
  'POST /api/v1/complementarity-rules/{id}/adopt-learned': '401 403 403 404 ok ok',
  'POST /api/v1/matching-runs': '401 403 403 404 ok ok',
  'GET /api/v1/matching-runs': '401 403 403 ok ok ok',
  'GET /api/v1/matching-runs/{id}': '401 403 403 404 ok ok',
  'GET /api/v1/channel-matches': '401 403 ok ok ok ok',
  'GET /api/v1/channel-matches/{id}': '401 403 404 404 ok ok',
  // Staff see matches of their cluster, but only the parties answer them.
  'POST /api/v1/channel-matches/{id}/accept': '401 403 404 404 403 403',
  'POST /api/v1/channel-matches/{id}/decline': '401 403 404 404 403 403',
  'POST /api/v1/channel-matches/{id}/agreement': '401 403 404 404 403 403',
  'GET /api/v1/me/export': '401 ok ok ok ok ok',
  // An export is its requester's alone; none of these actors made one.
  'GET /api/v1/me/exports/{id}': '401 404 404 404 404 404',
  // Called with a wrong password (erasing the actors would end the run): refused after access.
  'POST /api/v1/me/erasure': '401 ok ok ok ok ok',
  'POST /api/v1/users/{id}/erasure': '401 403 403 404 ok ok',
};
