import { randomUUID } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { assertStoredKeys, GeneratedKeyStore, StoredKey } from './generated-keys.port.js';

// Embedded mode: `api-keys.json` in the data directory. The file is written whole under a
// temporary name and linked into place, which fails if it exists: two processes starting on one
// data directory at once store one set of keys, and neither reads a half-written file.
export class FileGeneratedKeyStore implements GeneratedKeyStore {
  constructor(private readonly file: string) {}

  async loadOrInsert(candidate: StoredKey[]): Promise<{ keys: StoredKey[]; inserted: boolean }> {
    if (existsSync(this.file)) return { keys: this.read(), inserted: false };
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${randomUUID()}.tmp`;
    writeFileSync(temporary, JSON.stringify(candidate, null, 2), { mode: 0o600 });
    try {
      linkSync(temporary, this.file);
      return { keys: this.read(), inserted: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return { keys: this.read(), inserted: false };
    } finally {
      rmSync(temporary, { force: true });
    }
  }

  private read(): StoredKey[] {
    return assertStoredKeys(this.file, JSON.parse(readFileSync(this.file, 'utf8')));
  }
}
