import { ConfigError, Role, ROLES } from '@sales/platform';

/** A key as kept at rest: its SHA-256, never the key itself. */
export type StoredKey = { name: string; role: Role; sha256: string };

// Where the keys created on a first start without SALES_API_KEYS are kept: a file in the data
// directory (embedded), or the shared database (server mode), so every process knows the same keys.
export interface GeneratedKeyStore {
  /** The stored keys; `candidate` becomes them when none are stored yet (`inserted`), atomically. */
  loadOrInsert(candidate: StoredKey[]): Promise<{ keys: StoredKey[]; inserted: boolean }>;
}

// Damaged keys must stop the start, not fail every request (timingSafeEqual throws on a hash of the
// wrong length).
export function assertStoredKeys(where: string, stored: unknown): StoredKey[] {
  const valid = (k: StoredKey) =>
    typeof k?.name === 'string' && ROLES.includes(k.role) && /^[0-9a-f]{64}$/.test(String(k.sha256));
  if (!Array.isArray(stored) || stored.length === 0 || !stored.every(valid))
    throw new ConfigError(`${where}: expected [{name, role, sha256}] with 64 hex digits of SHA-256 each`);
  return stored.map((k: StoredKey) => ({ name: k.name, role: k.role, sha256: k.sha256 }));
}
