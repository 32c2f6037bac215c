// Global IDs are base64 and often end in "=", which is fine in a path: keep it readable
// (/chats/Q29u…NQ==) while still escaping anything that could break the route.
const segment = (id: string) => encodeURIComponent(id).replace(/%3D/g, '=');

export const chatPath = (conversationId: string) => `/chats/${segment(conversationId)}`;
export const contactPath = (contactId: string) => `/contacts/${segment(contactId)}`;
export const inboxPath = (highlightId?: string) => (highlightId ? `/?highlight=${encodeURIComponent(highlightId)}` : '/');
export const webhookDeliveriesPath = (endpointId: string) => `/webhooks/${segment(endpointId)}`;
