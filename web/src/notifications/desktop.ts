import { useCallback, useEffect, useState } from 'react';

export type PermissionState = NotificationPermission | 'unsupported';

function currentPermission(): PermissionState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** The browser's notification permission, and a way to ask for it (only ever on a click). */
export function useNotificationPermission(): [PermissionState, () => Promise<void>] {
  const [permission, setPermission] = useState<PermissionState>(currentPermission);

  useEffect(() => {
    // The user may change it in the browser's site settings while the inbox is open.
    let status: PermissionStatus | undefined;
    const update = () => setPermission(currentPermission());
    navigator.permissions
      ?.query({ name: 'notifications' })
      .then((result) => {
        status = result;
        status.addEventListener('change', update);
      })
      .catch(() => {});
    window.addEventListener('focus', update);
    return () => {
      status?.removeEventListener('change', update);
      window.removeEventListener('focus', update);
    };
  }, []);

  const request = useCallback(async () => {
    if (typeof Notification === 'undefined') return;
    setPermission(await Notification.requestPermission());
  }, []);

  return [permission, request];
}

/**
 * Shows a desktop notification when allowed; clicking it focuses the tab and runs `onClick`.
 * One with the tag of a notification still shown replaces it; `renotify` alerts again as it does.
 */
export function showDesktopNotification(title: string, options: { body: string; tag: string; renotify?: boolean; onClick: () => void }): void {
  if (currentPermission() !== 'granted') return;
  try {
    // `renotify` is not in TypeScript's NotificationOptions yet.
    const init: NotificationOptions & { renotify?: boolean } = { body: options.body, tag: options.tag, renotify: options.renotify ?? false };
    const notification = new Notification(title, init);
    notification.onclick = () => {
      window.focus();
      options.onClick();
      notification.close();
    };
  } catch {
    // Some platforms (Android Chrome) only allow notifications from a service worker.
  }
}
