/** What a saved reply's placeholders are filled from. */
export interface PlaceholderValues {
  visitor: { name?: string | null; email?: string | null };
  agent: { name?: string | null };
}

const PLACEHOLDER = /\{\{\s*(visitor|agent)\.(name|email)\s*\}\}/g;

/**
 * Fills `{{visitor.name}}`, `{{visitor.email}}` and `{{agent.name}}`. A value the contact has
 * not given becomes empty, with the space before it ("Hi {{visitor.name}},"
 * reads "Hi,"), so the visitor never reads a raw placeholder.
 */
export function fillPlaceholders(body: string, values: PlaceholderValues): string {
  return body
    .replace(/ ?\{\{\s*(visitor|agent)\.(name|email)\s*\}\}/g, (match, who: 'visitor' | 'agent', what: 'name' | 'email') => {
      const value = (values[who] as Record<string, string | null | undefined>)[what]?.trim();
      return value ? match.replace(PLACEHOLDER, value) : '';
    })
    .trim();
}
