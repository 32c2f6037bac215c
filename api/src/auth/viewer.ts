import type { UserRole } from '../users/user.entity';

/** Who is calling: resolved once per request or websocket connection from the bearer token. */
export type Viewer =
  | { kind: 'anonymous' }
  | { kind: 'user'; accountId: string; userId: string; role: UserRole }
  | { kind: 'apiKey'; accountId: string; apiKeyId: string; actingUserId: string; role: UserRole.ADMIN }
  | { kind: 'visitor'; accountId: string; conversationId: string }
  | { kind: 'operator' };

/** A member of an account's team: a signed-in user or an API key acting for an admin. */
export type MemberViewer = Extract<Viewer, { kind: 'user' | 'apiKey' }>;

export function isMember(viewer: Viewer): viewer is MemberViewer {
  return viewer.kind === 'user' || viewer.kind === 'apiKey';
}

/** The user a member acts as: themselves, or the admin who created the API key. */
export function actingUserId(viewer: MemberViewer): string {
  return viewer.kind === 'user' ? viewer.userId : viewer.actingUserId;
}
