import { open, seal } from './secret-box';
import { generateWebhookSecret, signWebhook, verifyWebhook } from './signature';
import { isPrivateAddress, urlProblem } from './safe-http';

describe('webhook signatures (Standard Webhooks)', () => {
  it('matches the example of the Standard Webhooks specification', () => {
    expect(signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('verifies a fresh signature and refuses a changed body, another secret or an old timestamp', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const now = Date.now();
    const timestamp = Math.floor(now / 1000);
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(timestamp), 'webhook-signature': signWebhook(secret, 'msg_1', timestamp, '{"a":1}') };
    expect(verifyWebhook(secret, headers, '{"a":1}', 300, now)).toBe(true);
    expect(verifyWebhook(secret, headers, '{"a":2}', 300, now)).toBe(false);
    expect(verifyWebhook(generateWebhookSecret(), headers, '{"a":1}', 300, now)).toBe(false);
    expect(verifyWebhook(secret, headers, '{"a":1}', 300, now + 600_000)).toBe(false);
  });

  it('keeps secrets encrypted at rest and notices tampering', () => {
    const sealed = seal('whsec_abc', 'k'.repeat(40));
    expect(sealed).not.toContain('whsec_abc');
    expect(open(sealed, 'k'.repeat(40))).toBe('whsec_abc');
    expect(() => open(sealed, 'x'.repeat(40))).toThrow();
    expect(() => open(sealed.slice(0, -2) + 'AA', 'k'.repeat(40))).toThrow();
  });
});

describe('webhook URL policy', () => {
  const strict = { allowHttp: false, allowPrivateAddresses: false };
  it('classifies private, loopback, link-local and mapped addresses', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1']) {
      expect([address, isPrivateAddress(address)]).toEqual([address, true]);
    }
    for (const address of ['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111']) expect([address, isPrivateAddress(address)]).toEqual([address, false]);
  });

  it('requires https unless allowed, and refuses private hosts and credentials', () => {
    expect(urlProblem('https://crm.example.com/hook', strict)).toBeNull();
    expect(urlProblem('http://crm.example.com/hook', strict)).toMatch(/https/);
    expect(urlProblem('http://crm.example.com/hook', { ...strict, allowHttp: true })).toBeNull();
    expect(urlProblem('https://127.0.0.1/hook', strict)).toMatch(/private/);
    expect(urlProblem('https://[::1]/hook', strict)).toMatch(/private/);
    expect(urlProblem('https://localhost/hook', strict)).toMatch(/private/);
    expect(urlProblem('https://user:pw@crm.example.com/', strict)).toMatch(/credentials/);
    expect(urlProblem('not a url', strict)).toMatch(/full URL/);
  });
});
