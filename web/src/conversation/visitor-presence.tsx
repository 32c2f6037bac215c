import { useFragment } from '@apollo/client/react';
import type { VisitorPresence } from '../graphql/generated/graphql';
import { formatRelative } from '../ui/format';
import { useNow } from '../ui/use-now';
import { VisitorPresenceFragment } from './signals.documents';
import { useConversationSignals } from './use-signals';

const LABELS: Record<VisitorPresence, string> = { ONLINE: 'Online', AWAY: 'Away', OFFLINE: 'Offline' };

interface Props {
  presence: VisitorPresence | null | undefined;
  lastSeenAt?: string | null;
}

/** "Online", "Away", "Offline · last seen 2 minutes ago": the visitor's presence in the header. */
export function PresenceLabel({ presence, lastSeenAt }: Props) {
  const now = useNow(30_000);
  if (!presence) return null;
  return (
    <span className="presence" data-testid="visitor-presence" data-presence={presence}>
      <PresenceDot presence={presence} />
      {LABELS[presence]}
      {presence === 'OFFLINE' && lastSeenAt ? ` · last seen ${formatRelative(lastSeenAt, now)}` : ''}
    </span>
  );
}

/** A coloured dot (with its name for screen readers) for lists of chats. */
export function PresenceDot({ presence }: { presence: VisitorPresence | null | undefined }) {
  if (!presence) return null;
  return <span className={`presence-dot presence-dot--${presence.toLowerCase()}`} data-testid="presence-dot" data-presence={presence} role="img" aria-label={`Visitor ${LABELS[presence].toLowerCase()}`} />;
}

/** The presence dot of one chat in a list: read from the cache, kept live by the chat's signals. */
export function LivePresenceDot({ conversationId }: { conversationId: string }) {
  useConversationSignals(conversationId, { typing: false });
  const { data } = useFragment({ fragment: VisitorPresenceFragment, from: { __typename: 'Conversation', id: conversationId } });
  return <PresenceDot presence={data?.visitorPresence} />;
}
