import type { ConversationViewQuery } from '../graphql/generated/graphql';
import { saveFile, transcriptFileName, transcriptJson, transcriptText } from './transcript-export';
import type { TranscriptMessage } from './use-transcript';

/** "Download transcript: Text · JSON", of what the page has loaded (every message, notes included). */
export function TranscriptDownload({ conversation, messages }: { conversation: NonNullable<ConversationViewQuery['conversation']>; messages: TranscriptMessage[] }) {
  const name = transcriptFileName(conversation);
  return (
    <p className="transcript-download" data-testid="transcript-download">
      <span className="muted">Download transcript:</span>{' '}
      <button type="button" className="link-button" onClick={() => saveFile(`${name}.txt`, 'text/plain;charset=utf-8', transcriptText(conversation, messages))}>
        Text
      </button>{' '}
      ·{' '}
      <button type="button" className="link-button" onClick={() => saveFile(`${name}.json`, 'application/json', transcriptJson(conversation, messages))}>
        JSON
      </button>
    </p>
  );
}
