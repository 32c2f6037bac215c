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

/** Whether the alert sounds (chats and messages) are muted; persisted in localStorage. */
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
const stateListeners = new Set<() => void>();

function openContext(): AudioContext | undefined {
  if (context || typeof AudioContext === 'undefined') return context;
  try {
    context = new AudioContext();
  } catch {
    return undefined;
  }
  context.addEventListener('statechange', () => stateListeners.forEach((listener) => listener()));
  return context;
}

// Opened at once: where the browser allows autoplay (the user has interacted with the site
// before, say) it starts 'running' and a chat arriving after a reload rings without a click.
// Elsewhere it starts 'suspended', and the first gesture resumes it.
openContext();

function unlock(): void {
  const audio = openContext();
  if (audio && audio.state !== 'running') audio.resume().catch(() => {});
}
// pointerup and click as well: on touch screens a gesture only counts once the finger lifts.
for (const type of ['pointerdown', 'pointerup', 'click', 'keydown'] as const) window.addEventListener(type, unlock, { capture: true, passive: true });

/** Whether sounds cannot play until the user clicks or types (the browser blocks autoplay). */
export function useSoundBlocked(): boolean {
  return useSyncExternalStore(
    (listener) => {
      stateListeners.add(listener);
      return () => void stateListeners.delete(listener);
    },
    () => context !== undefined && context.state !== 'running' && context.state !== 'closed',
  );
}

const TONES: Record<SoundKind, number[]> = {
  // Rising: someone is waiting for a person.
  chat: [880, 1320],
  // One softer, lower note: a message in a chat of mine.
  message: [660],
};

/** What a sound announces: a waiting chat (new or reminded) or a visitor's message. */
export type SoundKind = 'chat' | 'message';

/** A short chime made with WebAudio, so there is no sound file to ship. Silent while muted or blocked. */
export function playSound(kind: SoundKind): void {
  const audio = context;
  if (muted || !audio || audio.state !== 'running') return;
  const start = audio.currentTime;
  const gain = audio.createGain();
  gain.connect(audio.destination);
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.45);
  TONES[kind].forEach((frequency, index) => {
    const oscillator = audio.createOscillator();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    oscillator.connect(gain);
    oscillator.start(start + index * 0.12);
    oscillator.stop(start + 0.45);
  });
}
