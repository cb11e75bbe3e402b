import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeys } from './api-keys.js';
import { FileGeneratedKeyStore } from './file-generated-keys.js';
import { generatedKeysContract } from './generated-keys.contract.js';

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

  it('keeps the generated key file readable by its owner only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sales-keys-'));
    try {
      await ApiKeys.loadOrCreate(new FileGeneratedKeyStore(join(dir, 'api-keys.json')));
      expect(statSync(join(dir, 'api-keys.json')).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

generatedKeysContract('api-keys.json', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sales-keys-'));
  const file = join(dir, 'api-keys.json');
  return {
    open: () => new FileGeneratedKeyStore(file),
    corrupt: async (content) => writeFileSync(file, JSON.stringify(content)),
    dump: async () => readFileSync(file, 'utf8'),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
