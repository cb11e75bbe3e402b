import { describe, expect, it } from '@jest/globals';
import { loadSecurityConfig } from './security-config.js';

describe('security configuration from the environment', () => {
  it('limits 6000 requests a minute per key and keeps CORS off by default', () => {
    expect(loadSecurityConfig({})).toEqual({ rateLimitPerMinute: 6000, corsOrigins: [] });
  });

  it('reads a limit (0 = off) and an allow-list of origins', () => {
    expect(
      loadSecurityConfig({
        SALES_RATE_LIMIT_PER_MINUTE: '120',
        SALES_CORS_ORIGINS: 'https://a.example.com, http://localhost:5173',
      }),
    ).toEqual({ rateLimitPerMinute: 120, corsOrigins: ['https://a.example.com', 'http://localhost:5173'] });
    expect(loadSecurityConfig({ SALES_RATE_LIMIT_PER_MINUTE: '0' }).rateLimitPerMinute).toBeNull();
  });

  it.each([
    [{ SALES_RATE_LIMIT_PER_MINUTE: '-1' }],
    [{ SALES_RATE_LIMIT_PER_MINUTE: 'lots' }],
    [{ SALES_CORS_ORIGINS: '*' }],
    [{ SALES_CORS_ORIGINS: 'https://a.example.com/path' }],
  ])('refuses %j', (env) => {
    expect(() => loadSecurityConfig(env)).toThrow();
  });
});
