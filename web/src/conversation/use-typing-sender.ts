import { useMutation } from '@apollo/client/react';
import { useCallback, useEffect, useRef } from 'react';
import { SetTypingDocument } from './signals.documents';

/** While the agent keeps typing, "still typing" is said again this often (the server's TTL is 6 s). */
const KEEP_ALIVE_MS = 3_000;

/**
 * Tells the visitor the agent is typing: once when typing starts, again every few seconds while
 * it goes on, and "stopped" on send, on blur and when the box is emptied. Failures are ignored:
 * a lost typing signal only hides the indicator.
 */
export function useTypingSender(conversationId: string) {
  const [setTyping] = useMutation(SetTypingDocument);
  const lastSent = useRef(0);
  const typing = useRef(false);

  const say = useCallback(
    (value: boolean) => {
      typing.current = value;
      lastSent.current = value ? Date.now() : 0;
      setTyping({ variables: { conversationId, typing: value } }).catch(() => undefined);
    },
    [conversationId, setTyping],
  );

  const onDraftChange = useCallback(
    (draft: string) => {
      if (!draft.trim()) {
        if (typing.current) say(false);
        return;
      }
      if (!typing.current || Date.now() - lastSent.current >= KEEP_ALIVE_MS) say(true);
    },
    [say],
  );

  const stop = useCallback(() => {
    if (typing.current) say(false);
  }, [say]);

  // Leaving the chat stops typing too.
  useEffect(() => stop, [stop]);
  return { onDraftChange, stop };
}
