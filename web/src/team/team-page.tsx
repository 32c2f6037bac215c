import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router';
import { useViewer } from '../auth/viewer';
import { AssignmentSettings } from '../routing/assignment-settings';
import type { TeamMemberFragment } from '../graphql/generated/graphql';
import { contactLabel, formatDuration } from '../ui/format';
import { chatPath } from '../ui/paths';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { useNow } from '../ui/use-now';
import { canTakeChat, loadLabel } from './availability';
import { CapacityForm } from './capacity-form';
import { SetTeammateAcceptingDocument, TeamDocument } from './team.documents';
import './team.css';

/** Often enough that a supervisor sees a chat arrive or someone switch off within seconds. */
const POLL_MS = 4000;

/** Who is taking chats, how loaded each person is, and what is waiting; admins can switch a teammate off. */
export function TeamPage() {
  const viewer = useViewer();
  const now = useNow(1000);
  const { data, loading, error, refetch } = useQuery(TeamDocument, { pollInterval: POLL_MS, fetchPolicy: 'cache-and-network' });
  const members = data?.team.members ?? [];
  const waiting = data?.team.waitingChats ?? [];
  const accepting = members.filter((member) => member.acceptingChats).length;

  if (!data && loading) return <Loading label="Loading your team…" />;
  if (!data && error) return <ErrorState error={error} onRetry={() => void refetch()} />;

  return (
    <section className="page" aria-labelledby="team-title">
      <header className="page__header">
        <div>
          <h1 id="team-title">Team</h1>
          <p className="page__lead" data-testid="team-summary">
            {accepting === 1 ? '1 person is' : `${accepting} people are`} accepting chats · {waiting.length} waiting
          </p>
        </div>
      </header>

      <AssignmentSettings canManage={viewer.role === 'ADMIN'} />

      <h2 className="section-title">People</h2>
      <p className="hint team-hint">
        Numbers are active chats / the most each person takes at once{viewer.role === 'ADMIN' ? '; select them to change the limit.' : '.'}
      </p>
      <ul className="team-list" data-testid="team-members">
        {members.map((member) => (
          <MemberRow key={member.id} member={member} isViewer={member.id === viewer.id} canManage={viewer.role === 'ADMIN'} />
        ))}
      </ul>

      <h2 className="section-title">Waiting chats</h2>
      {waiting.length === 0 ? (
        <EmptyState title="Nobody is waiting">
          <p>Chats waiting for someone to accept them appear here with how long they have waited.</p>
        </EmptyState>
      ) : (
        <ul className="chat-list" data-testid="team-waiting">
          {waiting.map((chat) => (
            <li key={chat.id} className="chat-list__item" data-testid="team-waiting-chat" data-conversation-id={chat.id}>
              <Link to={chatPath(chat.id)} className="chat-list__link">
                <span className="chat-list__name">
                  {contactLabel(chat.contact)}
                  {chat.offer && <span className="muted" data-testid="team-waiting-offer"> · offered to {chat.offer.user.name}</span>}
                </span>
                <span className="chat-list__time" data-testid="team-waiting-age">
                  Waiting {formatDuration(now - new Date(chat.waitingSince ?? chat.createdAt).getTime())}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function MemberRow({ member, isViewer, canManage }: { member: TeamMemberFragment; isViewer: boolean; canManage: boolean }) {
  const [switchOff, { loading }] = useMutation(SetTeammateAcceptingDocument);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const full = member.acceptingChats && !canTakeChat(member);

  const stopAccepting = async () => {
    setError(null);
    try {
      const { data } = await switchOff({ variables: { userId: member.id, accepting: false } });
      const userError = data?.setAcceptingChats.userErrors[0];
      if (userError) setError(userError.message);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <li className="team-member" data-testid="team-member" data-user-id={member.id} data-accepting={member.acceptingChats}>
      <div className="team-member__who">
        <span className="team-member__name">
          {member.name}
          {isViewer && <span className="muted"> (you)</span>}
        </span>
        <span className="muted team-member__role">{member.role === 'ADMIN' ? 'Admin' : 'Agent'}</span>
      </div>
      <span className={`pill team-member__status${member.acceptingChats ? ' pill--active' : ''}`} data-testid="team-member-status">
        {member.acceptingChats ? (full ? 'Accepting · full' : 'Accepting') : 'Not accepting'}
      </span>
      {canManage ? (
        <button type="button" className="link-button team-member__load" data-testid="team-member-load" aria-label={`Change ${member.name}’s capacity (${loadLabel(member)} active chats)`} onClick={() => setEditing(!editing)} aria-expanded={editing}>
          <span className="visually-hidden">Active chats: </span>
          {loadLabel(member)}
        </button>
      ) : (
        <span className="team-member__load" data-testid="team-member-load" title="Active chats / capacity">
          <span className="visually-hidden">Active chats: </span>
          {loadLabel(member)}
        </span>
      )}
      {canManage && member.acceptingChats && (
        <button type="button" className="button button--secondary team-member__action" disabled={loading} onClick={() => void stopAccepting()} aria-label={`Switch ${member.name}’s accepting chats off`}>
          Switch off
        </button>
      )}
      {editing && (
        <div className="team-member__edit">
          <CapacityForm member={member} onDone={() => setEditing(false)} />
        </div>
      )}
      {error && (
        <p className="form-error team-member__error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
