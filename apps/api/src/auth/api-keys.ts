import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ApiKeySpec, Role } from '@sales/platform';
import type { GeneratedKeyStore, StoredKey } from './generated-keys.port.js';

export type Principal = { name: string; role: Role };

const digest = (secret: string) => createHash('sha256').update(secret, 'utf8').digest();

// Only hashes are kept, in memory and at rest; a presented key is compared against every stored
// hash in constant time so that timing tells nothing about which key, or how much of it, matched.
export class ApiKeys {
  private constructor(private readonly keys: { name: string; role: Role; hash: Buffer }[]) {}

  static fromSpecs(specs: ApiKeySpec[]): ApiKeys {
    return new ApiKeys(specs.map((s) => ({ name: s.name, role: s.role, hash: digest(s.secret) })));
  }

  // First start without SALES_API_KEYS: create an admin key, keep its hash, hand the key out once,
  // and only from the process whose key was stored (another process may have stored its own first).
  static async loadOrCreate(store: GeneratedKeyStore): Promise<{ keys: ApiKeys; created: string | null }> {
    const secret = `sk_admin_${randomBytes(24).toString('base64url')}`;
    const candidate: StoredKey[] = [{ name: 'admin', role: 'admin', sha256: digest(secret).toString('hex') }];
    const { keys, inserted } = await store.loadOrInsert(candidate);
    return {
      keys: new ApiKeys(
        keys.map((k) => ({ name: k.name, role: k.role, hash: Buffer.from(k.sha256, 'hex') })),
      ),
      created: inserted ? secret : null,
    };
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
