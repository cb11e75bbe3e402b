import { describe, expect, it } from '@jest/globals';
import { signBody, verifySignature } from './webhook-signature.js';

describe('webhook signature', () => {
  it('is sha256= and the hex HMAC-SHA256 of the raw body (RFC 4231 test case 2)', () => {
    expect(signBody('Jefe', 'what do ya want for nothing?')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('verifies its own signature and refuses another body, another secret or no header', () => {
    const body = '{"position":7}';
    const header = signBody('s3cret-s3cret-s3cret', body);
    expect(verifySignature('s3cret-s3cret-s3cret', body, header)).toBe(true);
    expect(verifySignature('s3cret-s3cret-s3cret', '{"position":8}', header)).toBe(false);
    expect(verifySignature('other-secret-other', body, header)).toBe(false);
    expect(verifySignature('s3cret-s3cret-s3cret', body, undefined)).toBe(false);
    expect(verifySignature('s3cret-s3cret-s3cret', body, 'sha256=00')).toBe(false);
  });
});
