import { SoundOffIcon, SoundOnIcon } from '../ui/icons';
import { setSoundMuted, useSoundBlocked, useSoundMuted } from './sound';
import { useNotificationPermission } from './desktop';

/** Header toggle for the alert sounds. */
export function MuteToggle() {
  const muted = useSoundMuted();
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={muted ? 'Unmute sound' : 'Mute sound'}
      title={muted ? 'Sound is off for chats and messages' : 'Sound is on for chats and messages'}
      onClick={() => setSoundMuted(!muted)}
    >
      {muted ? <SoundOffIcon /> : <SoundOnIcon />}
    </button>
  );
}

/** Explains and offers desktop notifications; the permission prompt only follows a click. */
export function NotificationPrompt() {
  const [permission, request] = useNotificationPermission();
  if (permission === 'default') {
    return (
      <div className="banner banner--info">
        <p>
          <strong>Don’t miss a visitor.</strong> Get a desktop notification when a chat arrives while this tab is in the
          background.
        </p>
        <button type="button" className="button button--primary" onClick={() => void request()}>
          Enable notifications
        </button>
      </div>
    );
  }
  if (permission === 'denied') {
    return (
      <p className="hint notification-hint">
        Desktop notifications are blocked for this site. Allow them in your browser’s site settings to be alerted in the
        background.
      </p>
    );
  }
  return null;
}

/**
 * Where the browser blocks sound until the user interacts with the page (after a reload, say),
 * says so; the first click or key press anywhere enables it, and the hint goes.
 */
export function SoundHint() {
  const blocked = useSoundBlocked();
  const muted = useSoundMuted();
  if (!blocked || muted) return null;
  return (
    <p className="sound-hint" role="status" data-testid="sound-hint">
      <SoundOffIcon /> Click anywhere to enable sound
    </p>
  );
}
