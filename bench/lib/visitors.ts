import { randomUUID } from 'node:crypto';
import { START_CONVERSATION, VISITOR_SEND_MESSAGE, type SendMessageData, type StartConversationData } from './documents';
import { expectNoUserErrors, type GraphQLHttp } from './http-client';

/** A visitor whose bot has offered live chat: one answer away from the inbox. */
export interface Visitor {
  conversationId: string;
  token: string;
}

const PAGE = { pageUrl: 'https://shop.example.test/pricing', referrer: 'https://search.example.test/', locale: 'en-GB' };

/** startConversation, as the widget sends it. */
export async function startVisitor(gql: GraphQLHttp, port: number, flowId: string): Promise<Visitor> {
  const { data } = await gql.request<StartConversationData>(port, START_CONVERSATION, { input: { flowId, visitor: PAGE } });
  const payload = expectNoUserErrors(data.startConversation, 'startConversation');
  return { conversationId: payload.conversation!.id, token: payload.visitorToken! };
}

/** The visitor accepts the offer: the chat enters the inbox. Returns the mutation's time in ms. */
export async function queueVisitor(gql: GraphQLHttp, port: number, visitor: Visitor): Promise<number> {
  const { data, ms } = await gql.request<SendMessageData>(
    port,
    VISITOR_SEND_MESSAGE,
    { input: { conversationId: visitor.conversationId, optionKey: 'accept', clientMessageId: randomUUID() } },
    visitor.token,
  );
  const payload = expectNoUserErrors(data.sendMessage, 'sendMessage(accept)');
  if (payload.conversation?.status !== 'WAITING') throw new Error(`the chat is ${payload.conversation?.status}, not WAITING, after the visitor accepted`);
  return ms;
}
