import type { ConversationViewQuery } from '../graphql/generated/graphql';
import type { TranscriptMessage } from './use-transcript';

type ExportedConversation = NonNullable<ConversationViewQuery['conversation']>;

const ROLES = { VISITOR: 'visitor', BOT: 'bot', AGENT: 'agent', SYSTEM: 'ChatOnce', NOTE: 'internal note' } as const;

/** "2026-12-01 10:02:03 UTC": the same wherever the file is read. */
function stamp(iso: string | null | undefined): string {
  if (!iso) return '—';
  const utc = new Date(iso).toISOString();
  return `${utc.slice(0, 10)} ${utc.slice(11, 19)} UTC`;
}

function visitorName(conversation: ExportedConversation): string {
  return conversation.contact?.name || conversation.contact?.email || 'Visitor';
}

/** Who wrote a message, as a reader of the file needs it: a name and what they are. */
function author(message: TranscriptMessage, conversation: ExportedConversation): string {
  switch (message.author) {
    case 'VISITOR':
      return `${visitorName(conversation)} (visitor)`;
    case 'AGENT':
      return `${message.senderName ?? 'Agent'} (agent)`;
    case 'NOTE':
      return `${message.senderName ?? 'A teammate'} (internal note, never shown to the visitor)`;
    case 'BOT':
      return 'Bot';
    default:
      return 'ChatOnce';
  }
}

/**
 * The team's transcript as plain text: a header with the visitor and the chat's times, then
 * one line per message with its time and author; internal notes are marked as such.
 */
export function transcriptText(conversation: ExportedConversation, messages: TranscriptMessage[]): string {
  const contact = conversation.contact;
  const header = [
    `ChatOnce transcript: ${visitorName(conversation)}${contact?.email && contact.name ? ` <${contact.email}>` : ''}`,
    `Conversation ${conversation.id} · ${conversation.status}${conversation.endReason ? ` (${conversation.endReason})` : ''}`,
    `Started ${stamp(conversation.createdAt)} · accepted ${stamp(conversation.acceptedAt)} · ended ${stamp(conversation.endedAt)}`,
    ...(conversation.assignee ? [`Handled by ${conversation.assignee.name}`] : []),
    ...(conversation.pageUrl ? [`Page ${conversation.pageUrl}`] : []),
    '',
  ];
  const lines = messages.map((message) => `[${stamp(message.createdAt)}] ${author(message, conversation)}: ${message.body.replace(/\r?\n/g, '\n    ')}`);
  return [...header, ...lines].join('\n') + '\n';
}

/** The same as JSON: the conversation's details, then every message with `internalNote` on the team's notes. */
export function transcriptJson(conversation: ExportedConversation, messages: TranscriptMessage[], now = new Date()): string {
  const { contact, assignee, flow } = conversation;
  return JSON.stringify(
    {
      exportedAt: now.toISOString(),
      conversation: {
        id: conversation.id,
        status: conversation.status,
        endReason: conversation.endReason ?? null,
        createdAt: conversation.createdAt,
        acceptedAt: conversation.acceptedAt ?? null,
        endedAt: conversation.endedAt ?? null,
        pageUrl: conversation.pageUrl ?? null,
        flow: flow ? { id: flow.id, name: flow.name } : null,
        contact: contact ? { id: contact.id, name: contact.name ?? null, email: contact.email ?? null } : null,
        assignee: assignee ? { id: assignee.id, name: assignee.name } : null,
        rating: conversation.rating ?? null,
      },
      messages: messages.map((message) => ({
        id: message.id,
        author: message.author,
        role: ROLES[message.author],
        senderName: message.senderName ?? null,
        body: message.body,
        createdAt: message.createdAt,
        internalNote: message.author === 'NOTE',
      })),
    },
    null,
    2,
  );
}

/** "grace-hopper-2026-12-01": a file name from the visitor and the chat's day. */
export function transcriptFileName(conversation: ExportedConversation): string {
  const who = visitorName(conversation).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'visitor';
  return `chatonce-${who}-${new Date(conversation.createdAt).toISOString().slice(0, 10)}`;
}

/** Saves text as a file on the user's device (a Blob URL: nothing is sent anywhere). */
export function saveFile(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
