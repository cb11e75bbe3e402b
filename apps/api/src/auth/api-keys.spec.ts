import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeys } from './api-keys.js';

describe('API keys', () => {
  it('knows a key by its hash only and names its principal', () => {
    const keys = ApiKeys.fromSpecs([
      { name: 'svc', role: 'service', secret: 's3cret' },
      { name: 'aud', role: 'auditor', secret: 'other' },
    ]);
    expect(keys.authenticate('s3cret')).toEqual({ name: 'svc', role: 'service' });
    expect(keys.authenticate('other')).toEqual({ name: 'aud', role: 'auditor' });
    expect(keys.authenticate('s3cre')).toBeNull();
    expect(keys.authenticate('')).toBeNull();
  });

  it('creates an admin key on first start, stores only its hash (0600), and loads it later', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sales-keys-'));
    try {
      const file = join(dir, 'api-keys.json');
      const { created } = ApiKeys.loadOrCreate(file);
      expect(created).toMatch(/^sk_admin_/);
      expect(readFileSync(file, 'utf8')).not.toContain(String(created));
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const again = ApiKeys.loadOrCreate(file);
      expect(again.created).toBeNull();
      expect(again.keys.authenticate(String(created))).toEqual({ name: 'admin', role: 'admin' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['a short hash', [{ name: 'admin', role: 'admin', sha256: 'abcd' }]],
    ['an unknown role', [{ name: 'admin', role: 'root', sha256: 'a'.repeat(64) }]],
    ['no keys', []],
  ])('refuses to start on a key file with %s', (_name, content) => {
    const dir = mkdtempSync(join(tmpdir(), 'sales-keys-'));
    try {
      writeFileSync(join(dir, 'api-keys.json'), JSON.stringify(content));
      expect(() => ApiKeys.loadOrCreate(join(dir, 'api-keys.json'))).toThrow(/api-keys\.json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
