import { MongoReadStore } from '@sales/read-store';
import { random } from '../../../libs/reports/src/demo/random.js';
import type { Cluster, Member } from './cluster.js';
import { bearer } from './keys.js';

// SIGKILLs during the load, drawn from the seed: when (after how many answered commands), whom,
// and how long the process stays down. API processes are killed one at a time and the next kill
// waits for the restart, so at least two keep serving; workers likewise, one at a time.

export type Kill = { role: 'api' | 'worker'; afterCommands: number; target: number; downMs: number };

export type KillRecord = Kill & {
  name: string;
  killedAt: number;
  restartedAt: number | null;
  /** Workers: ms from SIGKILL until another worker holds every lease the killed one held. */
  takeoverMs: number | null;
  /** Workers: ms from SIGKILL until every projection has advanced again (caught up and writing). */
  resumedMs: number | null;
};

export function planKills(seed: number, commands: number, perRole: number): Kill[] {
  const rnd = random(seed ^ 0x5eed);
  const kills: Kill[] = [];
  for (const role of ['api', 'worker'] as const) {
    const at = Array.from({ length: perRole }, () => Math.round(commands * (0.05 + 0.65 * rnd.next()))).sort(
      (a, b) => a - b,
    );
    for (const afterCommands of at)
      kills.push({
        role,
        afterCommands,
        target: rnd.int(0, role === 'api' ? 2 : 1),
        downMs: role === 'api' ? rnd.int(0, 1500) : rnd.int(1000, 4000),
      });
  }
  return kills.sort((a, b) => a.afterCommands - b.afterCommands);
}

export type Progress = { answered: () => number; loadDone: () => boolean };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Positions the API processes report for every projection (from the workers, through the store). */
export async function projectionPositions(
  cluster: Cluster,
): Promise<Map<string, { position: number | null; status: string; lastError?: string | null }>> {
  for (;;) {
    const api = cluster.liveApis()[0];
    if (api?.url) {
      try {
        const response = await fetch(`${api.url}/v1/projections`, {
          headers: bearer('analyst'),
          signal: AbortSignal.timeout(5000),
        });
        if (response.ok) {
          const list = (await response.json()) as {
            name: string;
            position: number | null;
            status: string;
            lastError?: string | null;
          }[];
          return new Map(
            list.map((p) => [
              p.name,
              { position: p.position, status: p.status, lastError: p.lastError ?? null },
            ]),
          );
        }
      } catch {
        // that process just died: ask another
      }
    }
    await pause(100);
  }
}

const ownerOf = (member: Member): string | null => /projector (\S+) running/.exec(member.log)?.[1] ?? null;

// The worker that runs most projections now: killing it forces a takeover (killing the one
// standing by would prove nothing about takeovers).
async function holderToKill(leases: MongoReadStore, workers: Member[]): Promise<Member> {
  const held = (await leases.leases()).filter((l) => l.live);
  const count = (member: Member) => held.filter((l) => l.owner === ownerOf(member)).length;
  return [...workers].sort((a, b) => count(b) - count(a))[0];
}

// From the SIGKILL until every lease the killed worker held is held, live, by another process
// (the surviving worker, or the restarted one): the projections are taken over.
async function measureLeaseTakeover(
  leases: MongoReadStore,
  killed: string | null,
  projections: string[],
  killedAt: number,
): Promise<number> {
  for (;;) {
    const now = await leases.leases();
    const taken = projections.every((name) =>
      now.some((l) => l.projection === name && l.live && l.owner !== killed),
    );
    if (taken) return Date.now() - killedAt;
    if (Date.now() - killedAt > 120_000) return Number.POSITIVE_INFINITY;
    await pause(100);
  }
}

// From the SIGKILL until each projection's reported position has moved past where it stood once
// the process was gone: someone else (the surviving worker, or the restarted one) is running it.
// When the load has ended, `poke` appends a command so that there is something to project.
async function measureTakeover(
  cluster: Cluster,
  killedAt: number,
  progress: Progress,
  poke: () => Promise<void>,
): Promise<number> {
  const baseline = await projectionPositions(cluster);
  let lastPoke = Date.now();
  for (;;) {
    const now = await projectionPositions(cluster);
    const moved = [...baseline].every(
      ([name, before]) => (now.get(name)?.position ?? -1) > (before.position ?? -1),
    );
    if (moved) return Date.now() - killedAt;
    if (Date.now() - killedAt > 120_000) return Number.POSITIVE_INFINITY;
    if (progress.loadDone() && Date.now() - lastPoke > 500) {
      lastPoke = Date.now();
      await poke();
    }
    await pause(200);
  }
}

export async function runKills(
  cluster: Cluster,
  kills: Kill[],
  progress: Progress,
  poke: () => Promise<void>,
): Promise<KillRecord[]> {
  const records: KillRecord[] = [];
  const leases = await MongoReadStore.connect(cluster.mongoUrl, cluster.mongoDb);
  const line = async (role: Kill['role']) => {
    for (const kill of kills.filter((k) => k.role === role)) {
      while (progress.answered() < kill.afterCommands && !progress.loadDone()) await pause(20);
      const members: Member[] = role === 'api' ? cluster.apis : cluster.workers;
      const member =
        role === 'api' ? members[kill.target % members.length] : await holderToKill(leases, members);
      const owner = ownerOf(member);
      const held =
        role === 'worker'
          ? (await leases.leases()).filter((l) => l.live && l.owner === owner).map((l) => l.projection)
          : [];
      const killedAt = await cluster.kill(member);
      const record: KillRecord = {
        ...kill,
        name: member.name,
        killedAt,
        restartedAt: null,
        takeoverMs: null,
        resumedMs: null,
      };
      records.push(record);
      const takeover = role === 'worker' ? measureLeaseTakeover(leases, owner, held, killedAt) : null;
      const resumed = role === 'worker' ? measureTakeover(cluster, killedAt, progress, poke) : null;
      await pause(kill.downMs);
      await cluster.restart(member);
      record.restartedAt = Date.now();
      if (takeover) record.takeoverMs = await takeover;
      if (resumed) record.resumedMs = await resumed;
    }
  };
  try {
    await Promise.all([line('api'), line('worker')]);
  } finally {
    await leases.close();
  }
  return records.sort((a, b) => a.killedAt - b.killedAt);
}
