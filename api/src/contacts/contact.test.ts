import { Contact } from './contact.entity';
import { dbId, signUpAccount } from '../test/fixtures';
import { startTestApp, type TestApp } from '../test/test-app';

const CONTACTS = /* GraphQL */ `
  query($filter: ContactFilter, $orderBy: ContactOrder, $first: Int, $after: String) {
    contacts(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      edges { node { name email updatedAt } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

describe('contacts: lookup and incremental sync', () => {
  let app: TestApp;
  let token: string;
  let otherToken: string;
  const t0 = Date.parse('2026-11-30T10:00:00.000Z');
  beforeAll(async () => {
    app = await startTestApp();
    const account = await signUpAccount(app);
    token = account.token;
    const other = await signUpAccount(app);
    otherToken = other.token;
    const em = app.runtime.orm.em.fork();
    const people: [string, string | null, number][] = [
      ['Grace Hopper', 'grace@example.com', 3],
      ['Ada Lovelace', 'Ada@Example.com', 1],
      ['Alan Turing', 'alan@example.com', 2],
      ['100% Anonymous', null, 4],
    ];
    for (const [name, email, minutes] of people) {
      const contact = em.create(Contact, { account: dbId(account.accountId), name, email });
      await em.flush();
      // Set afterwards: onUpdate would move it again on a later flush.
      await em.getConnection().execute('update contacts set updated_at = ? where id = ?', [new Date(t0 + minutes * 60_000), contact.id]);
    }
    em.create(Contact, { account: dbId(other.accountId), name: 'Grace Elsewhere', email: 'grace@example.com' });
    await em.flush();
  });
  afterAll(() => app.close());

  const names = async (variables: Record<string, unknown>, as = token) => {
    const result = await app.gql(CONTACTS, variables, as);
    if (result.errors) return result.errors.map((error) => error.extensions?.code);
    return result.data!.contacts.edges.map((edge: { node: { name: string } }) => edge.node.name);
  };

  it('finds a contact by email, whatever its case, in the caller’s account only', async () => {
    expect(await names({ filter: { email: 'ADA@example.com' } })).toEqual(['Ada Lovelace']);
    expect(await names({ filter: { email: 'grace@example.com' } })).toEqual(['Grace Hopper']);
    expect(await names({ filter: { email: 'grace@example.com' } }, otherToken)).toEqual(['Grace Elsewhere']);
    // A wildcard is a character like any other.
    expect(await names({ filter: { email: '%' } })).toEqual([]);
  });

  it('searches names and emails by text, literally', async () => {
    expect(await names({ filter: { query: 'ALAN' } })).toEqual(['Alan Turing']);
    expect(await names({ filter: { query: '100%' } })).toEqual(['100% Anonymous']);
    expect(await names({ filter: { query: 'example.com' }, orderBy: { field: 'UPDATED_AT', direction: 'ASC' } })).toEqual(['Ada Lovelace', 'Alan Turing', 'Grace Hopper']);
    expect(await names({ filter: { query: ' ' } })).toEqual(['BAD_USER_INPUT']);
  });

  it('syncs what changed since a time, oldest change first, page by page', async () => {
    const since = new Date(t0 + 90_000).toISOString();
    const order = { field: 'UPDATED_AT', direction: 'ASC' };
    const first = await app.gql(CONTACTS, { filter: { updatedAfter: since }, orderBy: order, first: 2 }, token);
    const page = first.data!.contacts;
    expect(page.edges.map((edge: { node: { name: string } }) => edge.node.name)).toEqual(['Alan Turing', 'Grace Hopper']);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(await names({ filter: { updatedAfter: since }, orderBy: order, first: 2, after: page.pageInfo.endCursor })).toEqual(['100% Anonymous']);
    // Newest change first, and the default order (newest created first).
    expect(await names({ orderBy: { field: 'UPDATED_AT', direction: 'DESC' } })).toEqual(['100% Anonymous', 'Grace Hopper', 'Alan Turing', 'Ada Lovelace']);
    expect(await names({})).toEqual(['100% Anonymous', 'Alan Turing', 'Ada Lovelace', 'Grace Hopper']);
    // A cursor of the creation order is refused for the change order.
    const created = (await app.gql(CONTACTS, { first: 1 }, token)).data!.contacts.pageInfo.endCursor;
    expect(await names({ orderBy: order, after: created })).toEqual(['BAD_USER_INPUT']);
  });
});
