import { open, seal } from './secret-box';
import { generateWebhookSecret, signWebhook, verifyWebhook } from './signature';

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
