// Small DOM builders. Nothing here parses HTML: server text only ever becomes text nodes.

type Attributes = Record<string, string | boolean | undefined>;

/** An element with attributes (false/undefined are skipped) and children (strings become text). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === undefined) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children);
  return element;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A 24×24 stroke icon from path data; hidden from assistive technology. */
export function icon(...paths: string[]): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const d of paths) {
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

export const ICONS = {
  chat: ['M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12Z'],
  close: ['M6 6l12 12', 'M18 6L6 18'],
  minimise: ['M6 9l6 6 6-6'],
} as const;

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/gi;

/**
 * Message text as nodes: plain text, with http(s) links made clickable. The link text and
 * href are set as properties, never parsed, so a body cannot inject markup.
 */
export function linkifiedText(body: string): Node[] {
  const nodes: Node[] = [];
  let index = 0;
  for (const match of body.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    if (start > index) nodes.push(document.createTextNode(body.slice(index, start)));
    const link = document.createElement('a');
    link.href = match[0];
    link.textContent = match[0];
    link.target = '_blank';
    link.rel = 'noopener noreferrer nofollow';
    nodes.push(link);
    index = start + match[0].length;
  }
  if (index < body.length) nodes.push(document.createTextNode(body.slice(index)));
  return nodes;
}
