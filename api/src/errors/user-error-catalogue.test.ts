import { getNamedType, isObjectType } from 'graphql';
import { signUpAccount } from '../test/fixtures';
import { startTestApp, type TestApp } from '../test/test-app';
import { MUTATION_USER_ERRORS, takeUndeclaredUserErrors } from './user-error-catalogue';

describe('the userErrors catalogue', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('has an entry for every mutation whose payload carries userErrors, and no other', () => {
    const mutations = Object.values(app.http.schema.getMutationType()!.getFields());
    const withUserErrors = mutations.filter((field) => {
      const payload = getNamedType(field.type);
      return isObjectType(payload) && 'userErrors' in payload.getFields();
    });
    expect(withUserErrors.map((field) => field.name).filter((name) => !(name in MUTATION_USER_ERRORS))).toEqual([]);
    expect(Object.keys(MUTATION_USER_ERRORS).filter((name) => !mutations.some((field) => field.name === name))).toEqual([]);
    // Published where integrators read: the mutation's own description.
    expect(app.http.schema.getMutationType()!.getFields().acceptChat.description).toContain('`userErrors` codes: `ALREADY_ACCEPTED`');
  });

  it('notices a code a mutation returned that it does not list, under an alias too', async () => {
    takeUndeclaredUserErrors();
    const admin = await signUpAccount(app);
    // Listed: an empty name is INVALID_NAME for createFlow.
    await app.gql(`mutation { createFlow(input: { name: " ", steps: [] }) { userErrors { code } } }`, {}, admin.token);
    expect(takeUndeclaredUserErrors()).toEqual([]);
    // Not listed for this mutation: pretend the catalogue forgot it.
    const listed = MUTATION_USER_ERRORS.createFlow as string[];
    const index = listed.indexOf('INVALID_NAME');
    listed.splice(index, 1);
    try {
      await app.gql(`mutation { made: createFlow(input: { name: " ", steps: [] }) { userErrors { code } } }`, {}, admin.token);
      expect(takeUndeclaredUserErrors()).toEqual([{ mutation: 'createFlow', code: 'INVALID_NAME' }]);
    } finally {
      listed.splice(index, 0, 'INVALID_NAME');
    }
  });
});
