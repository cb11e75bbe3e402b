import { describe, expect, it } from '@jest/globals';
import { ApiKeys } from './api-keys.js';
import type { GeneratedKeyStore, StoredKey } from './generated-keys.port.js';

/** Stores over one place (one data directory, one database), fresh for each test. */
export type GeneratedKeyPlace = {
  open(): GeneratedKeyStore;
  /** writes raw content where the keys live, as a damaged or hand-edited store would hold it */
  corrupt(content: unknown): Promise<void>;
  /** the text at rest, to show the key is not in it */
  dump(): Promise<string>;
  dispose(): Promise<void>;
};

const key = (n: number): StoredKey[] => [
  { name: 'admin', role: 'admin', sha256: n.toString(16).padStart(64, '0') },
];

// The same cases for every place generated keys are kept.
export function generatedKeysContract(label: string, place: () => Promise<GeneratedKeyPlace>): void {
  describe(`generated API keys on ${label}`, () => {
    const using = async (run: (p: GeneratedKeyPlace) => Promise<void>) => {
      const p = await place();
      try {
        await run(p);
      } finally {
        await p.dispose();
      }
    };

    it('creates a key on the first start only, keeps only its hash, and knows it on later starts', () =>
      using(async (p) => {
        const first = await ApiKeys.loadOrCreate(p.open());
        expect(first.created).toMatch(/^sk_admin_/);
        expect(await p.dump()).not.toContain(String(first.created));
        const again = await ApiKeys.loadOrCreate(p.open());
        expect(again.created).toBeNull();
        expect(again.keys.authenticate(String(first.created))).toEqual({ name: 'admin', role: 'admin' });
      }));

    it('stores one set of keys when several processes start at once; the others read it', () =>
      using(async (p) => {
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, n) => p.open().loadOrInsert(key(n + 1))),
        );
        const winners = results.filter((r) => r.inserted);
        expect(winners).toHaveLength(1);
        for (const r of results) expect(r.keys).toEqual(winners[0].keys);
        const created = await Promise.all(Array.from({ length: 4 }, () => ApiKeys.loadOrCreate(p.open())));
        expect(created.filter((c) => c.created)).toHaveLength(0);
      }));

    it.each([
      ['a short hash', [{ name: 'admin', role: 'admin', sha256: 'abcd' }]],
      ['an unknown role', [{ name: 'admin', role: 'root', sha256: 'a'.repeat(64) }]],
      ['no keys', []],
    ])('refuses to start on stored keys with %s', (_name, content) =>
      using(async (p) => {
        await p.corrupt(content);
        await expect(ApiKeys.loadOrCreate(p.open())).rejects.toThrow(/expected \[\{name, role, sha256\}\]/);
      }),
    );
  });
}
