import { startTestApp, type TestApp } from '../test/test-app';

interface AuditResult {
  id: string;
  name: string;
  status: 'ok' | 'notice' | 'warn' | 'error';
  reason?: string;
  response?: Response;
}

/** graphql-http's own conformance audits (a devDependency pinned at 1.23.1), loaded by name. */
function serverAudits(url: string): { id: string; name: string; fn(): Promise<AuditResult> }[] {
  let audits: (options: { url: string }) => { id: string; name: string; fn(): Promise<AuditResult> }[];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    audits = (require('graphql-http') as { serverAudits: typeof audits }).serverAudits;
  } catch {
    throw new Error('graphql-http is not installed: npm install --save-dev --save-exact graphql-http@1.23.1');
  }
  return audits({ url });
}

describe('GraphQL over HTTP conformance (graphql-http serverAudits)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('passes every audit with no warning and no error', async () => {
    const results: AuditResult[] = [];
    for (const audit of serverAudits(`${app.url}/graphql`)) results.push(await audit.fn());
    const problems = await Promise.all(
      results.filter((result) => result.status === 'warn' || result.status === 'error').map(async (result) => `${result.status} ${result.id} ${result.name}: ${result.reason} (${result.response?.status} ${await result.response?.text()})`),
    );
    const count = (status: AuditResult['status']) => results.filter((result) => result.status === status).length;
    process.stdout.write(`serverAudits: ${results.length} audits, ${count('ok')} ok, ${count('notice')} notice, ${count('warn')} warn, ${count('error')} error\n`);
    expect(problems).toEqual([]);
    // The notices are the MAY audits for GET without a preflight header, which CSRF prevention refuses on purpose.
    expect(results.filter((result) => result.status === 'notice').map((result) => result.id).sort()).toEqual(['5A70', '6A70', 'D6D5']);
  });
});
