import type { EntityManager } from '@mikro-orm/core';
import { paginate, type ConnectionArgs } from '../relay/connection';
import { Contact } from './contact.entity';

/** Contacts of an account: the visitors who talked to its flows. */
export class ContactService {
  /** Newest first. */
  list(em: EntityManager, accountId: string, args: ConnectionArgs) {
    return paginate(em, Contact, { account: accountId }, args, 'desc');
  }

  get(em: EntityManager, accountId: string, contactId: string): Promise<Contact | null> {
    return em.findOne(Contact, { id: contactId, account: accountId });
  }
}
