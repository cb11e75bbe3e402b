import { Collection, Db, MongoServerError } from 'mongodb';
import { FencedError } from '../read-store.errors.js';
import type { Lease, LeaseState } from '../read-store.port.js';
import { assertLease, assertProjection, assertTtl } from '../validation.js';
import { ServerClock } from './server-clock.js';

// A lease is a sequence of terms, one document each, `_id` naming (projection, token). Taking the
// lease inserts the next term: the unique _id lets exactly one contender insert it, on MongoDB and
// on FerretDB 1.x alike (which has no transactions and applies an update as read-modify-write, so a
// compare-and-set by update could let two contenders win). Only a term's owner ever updates it
// (renew, release), so no two writers race on one document. The lease is the newest term.
type Term = { _id: string; projection: string; token: number; owner: string | null; expiresAt: number };

const COLLECTION = '_leases';
const DUPLICATE_KEY = 11000;
const termId = (projection: string, token: number) => `lease:${JSON.stringify([projection, token])}`;

export class MongoLeases {
  private readonly terms: Collection<Term>;
  private readonly clock: ServerClock;
  private indexed: Promise<unknown> | null = null;

  constructor(db: Db) {
    this.terms = db.collection<Term>(COLLECTION);
    this.clock = new ServerClock(db);
  }

  async acquire(projection: string, owner: string, ttlMs: number): Promise<Lease | null> {
    assertProjection(projection);
    assertTtl(ttlMs);
    const now = await this.clock.now();
    const latest = await this.latest(projection);
    if (latest && latest.owner !== null && latest.expiresAt > now) return null;
    const token = (latest?.token ?? 0) + 1;
    try {
      await this.terms.insertOne({
        _id: termId(projection, token),
        projection,
        token,
        owner,
        expiresAt: now + ttlMs,
      });
    } catch (error) {
      if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) return null;
      throw error;
    }
    // Terms older than the one before are cleared away; should a contender that read an old
    // latest insert a cleared token again, this check (and every fence check) sees a newer one.
    if ((await this.latest(projection))?.token !== token) return null;
    await this.terms.deleteMany({ projection, token: { $lt: token - 1 } });
    return { projection, owner, token };
  }

  async renew(lease: Lease, ttlMs: number): Promise<boolean> {
    assertLease(lease);
    assertTtl(ttlMs);
    const expiresAt = (await this.clock.now()) + ttlMs;
    const { matchedCount } = await this.terms.updateOne(
      { _id: termId(lease.projection, lease.token), owner: lease.owner },
      { $set: { expiresAt } },
    );
    return matchedCount === 1 && (await this.latest(lease.projection))?.token === lease.token;
  }

  async release(lease: Lease): Promise<void> {
    assertLease(lease);
    await this.terms.updateOne(
      { _id: termId(lease.projection, lease.token), owner: lease.owner },
      { $set: { owner: null, expiresAt: 0 } },
    );
  }

  async states(): Promise<LeaseState[]> {
    const now = await this.clock.now();
    const terms = await this.terms.find({}).sort({ projection: 1, token: -1 }).toArray();
    const latest = new Map<string, Term>();
    for (const term of terms) if (!latest.has(term.projection)) latest.set(term.projection, term);
    return [...latest.values()].map(({ projection, token, owner, expiresAt }) => ({
      projection,
      token,
      owner,
      expiresAt,
      live: owner !== null && expiresAt > now,
    }));
  }

  // Before each commit or registry write of a holder. Not atomic with the writes that follow:
  // those carry the token and are filtered by it (see mongo-write-plan.ts).
  async check(fence: Lease | undefined, what: string): Promise<void> {
    if (!fence) return;
    const latest = await this.latest(fence.projection);
    if (latest?.token !== fence.token || latest.owner !== fence.owner)
      throw new FencedError(fence, `${what} refused`);
  }

  private async latest(projection: string): Promise<Term | null> {
    this.indexed ??= this.terms
      .createIndex({ projection: 1, token: -1 }, { name: 'ix_latest' })
      .catch((error) => {
        this.indexed = null;
        throw error;
      });
    await this.indexed;
    return this.terms.findOne({ projection }, { sort: { token: -1 } });
  }
}
