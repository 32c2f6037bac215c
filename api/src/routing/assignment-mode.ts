import { registerEnumType } from 'type-graphql';

/** How an account's waiting chats reach its users (see routing.service.ts). */
export enum AssignmentMode {
  MANUAL = 'MANUAL',
  AUTO = 'AUTO',
}
registerEnumType(AssignmentMode, {
  name: 'AssignmentMode',
  description: 'How waiting chats reach the account’s users.',
  valuesConfig: {
    MANUAL: { description: 'Every user who is accepting chats sees every waiting chat; the first to accept it gets it (the default).' },
    AUTO: {
      description:
        'Each waiting chat is offered to one accepting user below capacity (fewest active chats and live offers, then longest since their last chat, then the longest-standing user), who alone sees it for `Account.offerSeconds`; then to the next. When nobody is left to offer it to, it is pooled: every accepting user sees it, as in MANUAL.',
    },
  },
});

/** The accept window of a new account, in seconds. */
export const DEFAULT_OFFER_SECONDS = 30;
/** The longest accept window an account may set; the shortest is OFFER_MIN_SECONDS (config). */
export const MAX_OFFER_SECONDS = 600;
