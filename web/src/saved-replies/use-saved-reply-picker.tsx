import { useQuery } from '@apollo/client/react';
import { useMemo, useState, type KeyboardEvent } from 'react';
import type { SavedReplyFragment } from '../graphql/generated/graphql';
import { fillPlaceholders, type PlaceholderValues } from './placeholders';
import { SavedRepliesDocument } from './saved-replies.documents';

const SHOWN = 8;

/**
 * The composer's "/" menu: while the text is "/" and a word, lists the saved replies whose
 * shortcut or title match; ↑/↓ choose, Enter or Tab inserts (placeholders filled), Escape closes.
 */
export function useSavedReplyPicker(text: string, setText: (text: string) => void, values: PlaceholderValues) {
  const query = /^\/(\S*)$/.exec(text)?.[1]?.toLowerCase() ?? null;
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const { data } = useQuery(SavedRepliesDocument, { skip: query === null, fetchPolicy: 'cache-first' });
  const matches = useMemo(() => {
    if (query === null) return [];
    const all = data?.cannedResponses ?? [];
    return all.filter((reply) => reply.shortcut.startsWith(query) || reply.title.toLowerCase().includes(query)).slice(0, SHOWN);
  }, [data, query]);
  const open = query !== null && dismissed !== text && matches.length > 0;
  const current = Math.min(active, Math.max(matches.length - 1, 0));

  const insert = (reply: SavedReplyFragment) => {
    setText(fillPlaceholders(reply.body, values));
    setActive(0);
  };

  /** Handles the menu's keys; true when the key was the menu's. */
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((current + (event.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
      return true;
    }
    if ((event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) || event.key === 'Tab') {
      event.preventDefault();
      insert(matches[current]!);
      return true;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      setDismissed(text);
      return true;
    }
    return false;
  };

  const menu = open ? (
    <ul className="saved-reply-menu" role="listbox" id="saved-reply-menu" aria-label="Saved replies" data-testid="saved-reply-menu">
      {matches.map((reply, index) => (
        <li
          key={reply.id}
          id={`saved-reply-${reply.id}`}
          role="option"
          aria-selected={index === current}
          className={`saved-reply-menu__item${index === current ? ' saved-reply-menu__item--active' : ''}`}
          // mousedown, not click: the textarea keeps the focus.
          onMouseDown={(event) => {
            event.preventDefault();
            insert(reply);
          }}
        >
          <span className="saved-reply-menu__shortcut">/{reply.shortcut}</span>
          <span className="saved-reply-menu__title">{reply.title}</span>
        </li>
      ))}
    </ul>
  ) : null;

  const activeId = open ? `saved-reply-${matches[current]!.id}` : undefined;
  return { menu, onKeyDown, open, activeId };
}
