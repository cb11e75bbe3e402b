import { describe, expect, it } from '@jest/globals';
import { checkWebhookUrl, parseAllowedHosts } from './webhook-hosts.js';

describe('webhook host allow-list', () => {
  const allowed = parseAllowedHosts(' Hooks.Example.com , 127.0.0.1:8080,[::1]');
  const verdict = (url: string) => {
    const result = checkWebhookUrl(url, allowed);
    return result.ok ? 'ok' : result.reason;
  };

  it('admits the listed hosts, any port unless one is listed, case-insensitively', () => {
    expect(verdict('https://hooks.example.com/sales')).toBe('ok');
    expect(verdict('http://HOOKS.example.com:9000/x?y=1')).toBe('ok');
    expect(verdict('http://127.0.0.1:8080/hook')).toBe('ok');
    expect(verdict('http://[::1]:7000/hook')).toBe('ok');
  });

  it('refuses other hosts, other ports of a host:port entry, look-alikes and other schemes', () => {
    expect(verdict('https://evil.example.com/')).toMatch(/not in SALES_WEBHOOK_HOSTS/);
    expect(verdict('https://hooks.example.com.evil.io/')).toMatch(/not in SALES_WEBHOOK_HOSTS/);
    expect(verdict('http://127.0.0.1:9090/')).toMatch(/not in SALES_WEBHOOK_HOSTS/);
    expect(verdict('ftp://hooks.example.com/')).toMatch(/http or https/);
    expect(verdict('file:///etc/passwd')).toMatch(/http or https/);
    expect(verdict('https://user:pw@hooks.example.com/')).toMatch(/credentials/);
    expect(verdict('not a url')).toMatch(/absolute URL/);
  });

  it('allows nothing when SALES_WEBHOOK_HOSTS is unset or empty', () => {
    for (const raw of [undefined, '', ' , ']) {
      const result = checkWebhookUrl('http://127.0.0.1/', parseAllowedHosts(raw));
      expect(result).toEqual({
        ok: false,
        reason: 'no webhook host is allowed (SALES_WEBHOOK_HOSTS is unset)',
      });
    }
  });
});
