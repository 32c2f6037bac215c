/** What the embedding `<script>` tag tells the widget. */
export interface WidgetConfig {
  flowId: string;
  /** GraphQL over HTTP, on the origin that served widget.js. */
  httpUrl: string;
  /** GraphQL over WebSocket, same host. */
  wsUrl: string;
  /** Brand colour (a valid CSS colour) and the text colour readable on it. */
  color: string;
  onColor: string;
  /** Brand colour as text or outline on white: the brand itself unless it is too light. */
  accentText: string;
  /** A signed-in user of the site, signed by its server (`window.chatOnceSettings.identity`). */
  identity: WidgetIdentity | null;
}

export interface WidgetIdentity {
  userId: string;
  email?: string;
  name?: string;
  signature: string;
}

/**
 * What the page tells the widget before loading it, Intercom-style:
 * `window.chatOnceSettings = { identity: { userId, email, name, signature } }`, the signature
 * computed by the site's server (HMAC-SHA256 of userId with the account's identity secret).
 */
export function readIdentity(settings: unknown): WidgetIdentity | null {
  const identity = (settings as { identity?: Record<string, unknown> } | undefined)?.identity;
  if (!identity || typeof identity.userId !== 'string' || typeof identity.signature !== 'string') return null;
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
  return { userId: identity.userId, signature: identity.signature, email: text(identity.email), name: text(identity.name) };
}

export const DEFAULT_COLOR = '#1f6feb';

/**
 * Reads the configuration from the script tag. The API origin comes from the script's own
 * `src`, so a customer site on another origin needs nothing but the tag.
 */
export function readConfig(script: HTMLScriptElement): WidgetConfig | null {
  const flowId = script.dataset.flowId?.trim();
  if (!flowId) {
    console.warn('[ChatOnce] The widget script needs a data-flow-id attribute.');
    return null;
  }
  const src = new URL(script.src || location.href, location.href);
  const wsProtocol = src.protocol === 'https:' ? 'wss:' : 'ws:';
  const color = brandColor(script.dataset.color);
  const onColor = textColorOn(color);
  return {
    flowId,
    httpUrl: `${src.origin}/graphql`,
    wsUrl: `${wsProtocol}//${src.host}/graphql`,
    color,
    onColor,
    accentText: onColor === '#ffffff' ? color : '#1f2328',
    identity: readIdentity((window as { chatOnceSettings?: unknown }).chatOnceSettings),
  };
}

/** The `data-color` value when the browser accepts it as a colour, else the default. */
function brandColor(value: string | undefined): string {
  const candidate = value?.trim();
  if (candidate && typeof CSS !== 'undefined' && CSS.supports('color', candidate)) return candidate;
  return DEFAULT_COLOR;
}

/** White or near-black, whichever contrasts more with a hex colour (white for other notations). */
export function textColorOn(color: string): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color)?.[1];
  if (!hex) return '#ffffff';
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  const channel = (i: number) => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  // Contrast with white is 1.05 / (L + 0.05); with #111 about (L + 0.05) / 0.056.
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.056 ? '#ffffff' : '#111111';
}
