import { raw, type EntityManager, type FilterQuery } from '@mikro-orm/core';
import { badUserInput } from '../errors/graphql-errors';
import { paginate, type ConnectionArgs } from '../relay/connection';
import { Contact } from './contact.entity';
import { sortDirection } from '../relay/order';
import { ContactOrderField, type ContactFilterInput, type ContactOrderInput } from './contact.types';

const MAX_QUERY = 100;

/** Contacts of an account: the visitors who talked to its flows. */
export class ContactService {
  /** Newest first unless `order` says otherwise; `filter` narrows by email, text or last change. */
  list(em: EntityManager, accountId: string, args: ConnectionArgs, filter?: ContactFilterInput | null, order?: ContactOrderInput | null) {
    const where: FilterQuery<Contact> = { account: accountId };
    // Case-insensitive equality on lower(email): the (account, lower(email)) index answers it.
    if (filter?.email) Object.assign(where, { [raw((alias) => `lower(${alias}.email)`)]: filter.email.trim().toLowerCase() });
    if (filter?.query != null) {
      const text = filter.query.trim();
      if (!text || text.length > MAX_QUERY) throw badUserInput(`\`filter.query\` is 1 to ${MAX_QUERY} characters.`, { argumentName: 'filter' });
      const pattern = `%${escapeLike(text)}%`;
      where.$or = [{ name: { $ilike: pattern } }, { email: { $ilike: pattern } }];
    }
    if (filter?.updatedAfter) where.updatedAt = { $gt: filter.updatedAfter };
    return paginate(em, Contact, where, args, sortDirection(order?.direction), order?.field === ContactOrderField.UPDATED_AT ? 'updatedAt' : 'id');
  }

  get(em: EntityManager, accountId: string, contactId: string): Promise<Contact | null> {
    return em.findOne(Contact, { id: contactId, account: accountId });
  }
}

/** Text matched literally by ILIKE: its wildcards and the escape character are escaped. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
