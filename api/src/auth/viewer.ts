import type { ApiKeyScope } from '../api-keys/api-key-scopes';
import type { UserRole } from '../users/user.entity';

/** Who is calling: resolved once per request or websocket connection from the bearer token. */
export type Viewer =
  | { kind: 'anonymous' }
  | { kind: 'user'; accountId: string; userId: string; role: UserRole }
  | { kind: 'apiKey'; accountId: string; apiKeyId: string; actingUserId: string; role: UserRole.ADMIN; scopes: ReadonlySet<ApiKeyScope> | 'all'; expiresAt: Date | null }
  | { kind: 'visitor'; accountId: string; conversationId: string }
  | { kind: 'operator' };

/** A member of an account's team: a signed-in user or an API key acting for an admin. */
export type MemberViewer = Extract<Viewer, { kind: 'user' | 'apiKey' }>;

export function isMember(viewer: Viewer): viewer is MemberViewer {
  return viewer.kind === 'user' || viewer.kind === 'apiKey';
}

/** Whether the viewer may use what `scope` gates: users always (their role decides), keys by their scopes. */
export function hasScope(viewer: Viewer, scope: ApiKeyScope): boolean {
  return viewer.kind !== 'apiKey' || viewer.scopes === 'all' || viewer.scopes.has(scope);
}

/** The viewer's scopes as a cache key part: results shared between callers must not cross scopes. */
export function scopesKey(viewer: Viewer): string {
  return viewer.kind !== 'apiKey' || viewer.scopes === 'all' ? 'all' : [...viewer.scopes].sort().join(' ');
}

/** The user a member acts as: themselves, or the admin who created the API key. */
export function actingUserId(viewer: MemberViewer): string {
  return viewer.kind === 'user' ? viewer.userId : viewer.actingUserId;
}
