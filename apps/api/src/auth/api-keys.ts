import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ApiKeySpec, ConfigError, Role, ROLES } from '../config/app-config.js';

export type Principal = { name: string; role: Role };
type StoredKey = { name: string; role: Role; sha256: string };

const digest = (secret: string) => createHash('sha256').update(secret, 'utf8').digest();

// Only hashes are kept, in memory and on disk; a presented key is compared against every stored
// hash in constant time so that timing tells nothing about which key, or how much of it, matched.
export class ApiKeys {
  private constructor(private readonly keys: { name: string; role: Role; hash: Buffer }[]) {}

  static fromSpecs(specs: ApiKeySpec[]): ApiKeys {
    return new ApiKeys(specs.map((s) => ({ name: s.name, role: s.role, hash: digest(s.secret) })));
  }

  // First start without SALES_API_KEYS: create an admin key, keep its hash, hand the key out once.
  static loadOrCreate(file: string): { keys: ApiKeys; created: string | null } {
    if (existsSync(file)) {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as StoredKey[];
      // A damaged file must stop the start, not fail every request (timingSafeEqual throws on a
      // hash of the wrong length).
      const valid = (k: StoredKey) =>
        typeof k?.name === 'string' && ROLES.includes(k.role) && /^[0-9a-f]{64}$/.test(String(k.sha256));
      if (!Array.isArray(stored) || stored.length === 0 || !stored.every(valid))
        throw new ConfigError(`${file}: expected [{name, role, sha256}] with 64 hex digits of SHA-256 each`);
      return {
        keys: new ApiKeys(
          stored.map((k) => ({ name: k.name, role: k.role, hash: Buffer.from(k.sha256, 'hex') })),
        ),
        created: null,
      };
    }
    const secret = `sk_admin_${randomBytes(24).toString('base64url')}`;
    const stored: StoredKey[] = [{ name: 'admin', role: 'admin', sha256: digest(secret).toString('hex') }];
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    return { keys: ApiKeys.loadOrCreate(file).keys, created: secret };
  }

  authenticate(secret: string): Principal | null {
    const presented = digest(secret);
    let found: Principal | null = null;
    for (const key of this.keys) {
      if (timingSafeEqual(presented, key.hash) && !found) found = { name: key.name, role: key.role };
    }
    return found;
  }
}

export const API_KEYS = Symbol('ApiKeys');
