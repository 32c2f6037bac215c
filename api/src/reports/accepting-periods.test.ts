import { createSignedInUser, dbId, signUpAccount, type SignedUpAccount } from '../test/fixtures';
import { setAccepting } from '../test/live-chat-fixtures';
import { startTestApp, type TestApp } from '../test/test-app';

interface Period {
  started_at: Date;
  ended_at: Date | null;
}

describe('accepting periods: what setAcceptingChats records for the reports', () => {
  let app: TestApp;
  let admin: SignedUpAccount;
  beforeAll(async () => {
    app = await startTestApp();
    admin = await signUpAccount(app);
  });
  afterAll(() => app.close());

  const periods = async (userId: string): Promise<Period[]> =>
    (await app.runtime.orm.em.fork().getConnection().execute(`select started_at, ended_at from accepting_periods where user_id = ? order by started_at`, [dbId(userId)])).map((row: Record<string, string | null>) => ({
      started_at: new Date(row.started_at!),
      ended_at: row.ended_at ? new Date(row.ended_at) : null,
    }));
  const accepting = async (token: string) => (await app.gql(`{ me { acceptingChats } }`, {}, token)).data!.me.acceptingChats as boolean;

  it('on opens a period, on again changes nothing, off closes it, off again changes nothing; an admin switching a teammate off closes theirs', async () => {
    const agent = await createSignedInUser(app, admin.token, 'AGENT');
    expect(await periods(agent.userId)).toEqual([]);
    await setAccepting(app, agent.token, true);
    await setAccepting(app, agent.token, true);
    const [open] = await periods(agent.userId);
    expect(await periods(agent.userId)).toEqual([{ started_at: open.started_at, ended_at: null }]);
    await setAccepting(app, agent.token, false);
    await setAccepting(app, agent.token, false);
    const [closed] = await periods(agent.userId);
    expect(closed.started_at).toEqual(open.started_at);
    expect(closed.ended_at!.getTime()).toBeGreaterThanOrEqual(open.started_at.getTime());
    expect(await periods(agent.userId)).toHaveLength(1);

    await setAccepting(app, agent.token, true);
    const switched = await app.gql(`mutation($id: ID!) { setAcceptingChats(userId: $id, accepting: false) { userErrors { code } } }`, { id: agent.userId }, admin.token);
    expect(switched.data!.setAcceptingChats.userErrors).toEqual([]);
    const both = await periods(agent.userId);
    expect(both).toHaveLength(2);
    expect(both.every((period) => period.ended_at)).toBe(true);
    // An agent may not switch a teammate: nothing is recorded for a refused call.
    const other = await createSignedInUser(app, admin.token, 'AGENT');
    const refused = await app.gql(`mutation($id: ID!) { setAcceptingChats(userId: $id, accepting: true) { userErrors { code } } }`, { id: agent.userId }, other.token);
    expect(refused.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(await periods(agent.userId)).toHaveLength(2);
  });

  it('deactivating a teammate who is accepting chats closes their period, in the same transaction', async () => {
    const agent = await createSignedInUser(app, admin.token, 'AGENT');
    await setAccepting(app, agent.token, true);
    const deactivated = await app.gql(`mutation($input: DeactivateUserInput!) { deactivateUser(input: $input) { user { acceptingChats } userErrors { code } } }`, { input: { userId: agent.userId } }, admin.token);
    expect(deactivated.data!.deactivateUser).toEqual({ user: { acceptingChats: false }, userErrors: [] });
    const recorded = await periods(agent.userId);
    expect(recorded).toHaveLength(1);
    expect(recorded[0].ended_at).not.toBeNull();
  });

  it('switches racing from several tabs leave periods that never overlap and match the flag', async () => {
    const agent = await createSignedInUser(app, admin.token, 'AGENT');
    for (let round = 0; round < 3; round++) {
      await Promise.all(Array.from({ length: 12 }, (_, index) => setAccepting(app, agent.token, (index + round) % 3 !== 0)));
      const flag = await accepting(agent.token);
      const recorded = await periods(agent.userId);
      expect(recorded.filter((period) => !period.ended_at)).toHaveLength(flag ? 1 : 0);
      for (let index = 1; index < recorded.length; index++) expect(recorded[index].started_at.getTime()).toBeGreaterThanOrEqual(recorded[index - 1].ended_at!.getTime());
    }
  });
});
