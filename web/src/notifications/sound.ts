import { useSyncExternalStore } from 'react';

const MUTED_KEY = 'chatonce.soundMuted';
const listeners = new Set<() => void>();

function readMuted(): boolean {
  try {
    return localStorage.getItem(MUTED_KEY) === 'true';
  } catch {
    return false;
  }
}

let muted = readMuted();

export function setSoundMuted(next: boolean): void {
  muted = next;
  try {
    localStorage.setItem(MUTED_KEY, String(next));
  } catch {
    // The choice then lasts for this tab only.
  }
  listeners.forEach((listener) => listener());
}

/** Whether the new-chat sound is muted; persisted in localStorage. */
export function useSoundMuted(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    () => muted,
  );
}

let context: AudioContext | undefined;

// Browsers only let audio start after a user gesture: create and resume the context on the first one.
function unlock(): void {
  if (typeof AudioContext === 'undefined') return;
  context ??= new AudioContext();
  if (context.state === 'suspended') void context.resume();
}
for (const type of ['pointerdown', 'keydown'] as const) window.addEventListener(type, unlock, { capture: true, passive: true });

/** A short two-tone chime made with WebAudio, so there is no sound file to ship. */
export function playNewChatSound(): void {
  if (muted || !context || context.state !== 'running') return;
  const start = context.currentTime;
  const gain = context.createGain();
  gain.connect(context.destination);
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.45);
  [880, 1320].forEach((frequency, index) => {
    const oscillator = context!.createOscillator();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    oscillator.connect(gain);
    oscillator.start(start + index * 0.12);
    oscillator.stop(start + 0.45);
  });
}
