import type { LookupAddress } from 'node:dns';
import { hostname } from 'node:os';
import { isPrivateAddress, resolvedAddressProblem, urlProblem } from './safe-http';

const production = { allowHttp: false, allowPrivateAddresses: false };
type Callback = (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void;
const answering = (answer: LookupAddress[] | string) => (_host: string, _options: { all: true }, callback: Callback) =>
  setImmediate(() => (typeof answer === 'string' ? callback(Object.assign(new Error(answer), { code: answer }), []) : callback(null, answer)));

describe('webhook URL checks', () => {
  it('classifies private, loopback, link-local and mapped addresses', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1']) {
      expect([address, isPrivateAddress(address)]).toEqual([address, true]);
    }
    for (const address of ['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111']) expect([address, isPrivateAddress(address)]).toEqual([address, false]);
  });

  it('requires https unless allowed, and refuses private hosts and credentials', () => {
    expect(urlProblem('https://crm.example.com/hook', production)).toBeNull();
    expect(urlProblem('http://crm.example.com/hook', production)).toEqual({ kind: 'invalid', message: 'Use an https URL.' });
    expect(urlProblem('http://crm.example.com/hook', { ...production, allowHttp: true })).toBeNull();
    expect(urlProblem('https://127.0.0.1/hook', production)?.message).toMatch(/private/);
    expect(urlProblem('https://[::1]/hook', production)?.message).toMatch(/private/);
    expect(urlProblem('https://localhost/hook', production)?.message).toMatch(/private/);
    expect(urlProblem('https://user:pw@crm.example.com/', production)?.message).toMatch(/credentials/);
    expect(urlProblem('not a url', production)?.message).toMatch(/full URL/);
  });

  it('refuses loopback names by their form, fully qualified or not', () => {
    for (const url of ['https://localhost/h', 'https://localhost./h', 'https://LOCALHOST/h', 'https://api.localhost/h', 'https://ip6-localhost/h', 'https://ip6-loopback./h', 'https://printer.local/h', 'https://127.0.0.1./h', 'https://[::ffff:127.0.0.1]/h']) {
      expect([url, urlProblem(url, production)?.kind]).toEqual([url, 'private']);
    }
    expect(urlProblem('https://localhost./h', { ...production, allowPrivateAddresses: true })).toBeNull();
    expect(urlProblem('https://crm.example.com/h', production)).toBeNull();
  });

  it('resolves names on this machine: its own name (in /etc/hosts) leads to loopback, a .invalid name nowhere', async () => {
    expect(await resolvedAddressProblem(`https://${hostname()}/h`, { timeoutMs: 5000 })).toEqual({ kind: 'private', message: expect.stringMatching(/resolves to 127\.0\.0\.1\.$/) });
    expect(await resolvedAddressProblem('https://localhost/h', { timeoutMs: 5000 })).toMatchObject({ kind: 'private' });
    expect(await resolvedAddressProblem('https://nothing-here.invalid/h', { timeoutMs: 5000 })).toEqual({
      kind: 'invalid',
      message: 'nothing-here.invalid does not resolve to an address: check the host name.',
    });
    // An IP literal is not looked up (urlProblem checked it).
    const refuse = () => {
      throw new Error('looked up');
    };
    expect(await resolvedAddressProblem('https://203.0.113.10/h', { timeoutMs: 5000, lookup: refuse })).toBeNull();
  });

  it('refuses a name when any of its addresses is private, and answers in time when DNS does not', async () => {
    const mixed = answering([{ address: '203.0.113.10', family: 4 }, { address: 'fd00::1', family: 6 }]);
    expect(await resolvedAddressProblem('https://crm.example.com/h', { timeoutMs: 1000, lookup: mixed })).toEqual({
      kind: 'private',
      message: 'Webhooks cannot be sent to private, loopback or link-local addresses. crm.example.com resolves to fd00::1.',
    });
    expect(await resolvedAddressProblem('https://crm.example.com/h', { timeoutMs: 1000, lookup: answering([{ address: '203.0.113.10', family: 4 }]) })).toBeNull();
    expect(await resolvedAddressProblem('https://crm.example.com/h', { timeoutMs: 1000, lookup: answering('EAI_AGAIN') })).toEqual({
      kind: 'invalid',
      message: 'crm.example.com could not be resolved just now (EAI_AGAIN): try again in a moment.',
    });
    const started = Date.now();
    const silent = () => undefined;
    expect(await resolvedAddressProblem('https://crm.example.com/h', { timeoutMs: 100, lookup: silent })).toMatchObject({ kind: 'invalid', message: expect.stringContaining('(ETIMEOUT)') });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
