import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { SetAcceptingChatsDocument } from '../auth/auth.documents';
import { useViewer } from '../auth/viewer';
import { clearInbox } from '../inbox/inbox-cache';

/** The agent's availability: while on, waiting chats are shown and pushed to them. */
export function AcceptingSwitch() {
  const viewer = useViewer();
  const [error, setError] = useState<string | null>(null);
  const [setAccepting, { loading }] = useMutation(SetAcceptingChatsDocument);
  const accepting = viewer.acceptingChats;
  const liveChat = viewer.account.liveChatEnabled;

  const toggle = async () => {
    const next = !accepting;
    setError(null);
    try {
      const { data } = await setAccepting({
        variables: { accepting: next },
        optimisticResponse: {
          setAcceptingChats: { __typename: 'SetAcceptingChatsPayload', user: { __typename: 'User', id: viewer.id, acceptingChats: next }, userErrors: [] },
        },
        update: (cache, result) => {
          if (result.data?.setAcceptingChats.user?.acceptingChats === false) clearInbox(cache);
        },
      });
      const userError = data?.setAcceptingChats.userErrors[0];
      if (userError) setError(userError.message);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div className="accepting">
      <button
        type="button"
        role="switch"
        aria-checked={accepting}
        className="switch"
        disabled={loading || (!liveChat && !accepting)}
        title={liveChat ? undefined : 'Live chat is not enabled for this account yet.'}
        onClick={() => void toggle()}
      >
        <span className="switch__track" aria-hidden="true">
          <span className="switch__thumb" />
        </span>
        <span className="switch__label">Accepting chats</span>
      </button>
      {error && (
        <p className="accepting__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
