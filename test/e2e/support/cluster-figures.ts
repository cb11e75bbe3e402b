import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ascending, percentile } from '@sales/reports';
import type { Outcome } from './cluster-client.js';
import type { KillRecord } from './cluster-chaos.js';

// The figures the README quotes: throughput across the processes, takeover after a worker dies,
// and what a kill does to command latency (as the client sees it: first sending to final answer,
// retries on other processes included).

const root = new URL('../../..', import.meta.url).pathname;
const round = (value: number | null, digits = 1) =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;
const quantiles = (values: number[]) => {
  const sorted = ascending(values);
  return {
    count: values.length,
    p50: round(percentile(sorted, 0.5)),
    p99: round(percentile(sorted, 0.99)),
    max: round(sorted[sorted.length - 1] ?? null),
  };
};

// A command is "during a kill" when it was under way at some moment between an API process's
// SIGKILL and one second after its replacement listened, or between a worker's SIGKILL and the
// takeover of its projections.
function duringKills(outcomes: Outcome[], kills: KillRecord[], role: KillRecord['role']): number[] {
  const windows = kills
    .filter((k) => k.role === role)
    .map((k) => [
      k.killedAt,
      role === 'api' ? (k.restartedAt ?? k.killedAt) + 1000 : k.killedAt + (k.takeoverMs ?? 0),
    ]);
  return outcomes
    .filter((o) => windows.some(([from, to]) => o.startedAt <= to && o.startedAt + o.ms >= from))
    .map((o) => o.ms);
}

export function clusterFigures(input: {
  seed: number;
  outcomes: Outcome[];
  kills: KillRecord[];
  loadMs: number;
  events: number;
  acknowledged: number;
  convergedMs: number;
  rebuildMs: number;
  violations: Record<string, number>;
}) {
  const { outcomes, kills, loadMs } = input;
  const requests = outcomes.reduce((n, o) => n + o.attempts.length + o.duplicates.length, 0);
  const byStatus: Record<string, number> = {};
  for (const o of outcomes)
    for (const a of [...o.attempts, ...o.duplicates])
      byStatus[a.status ?? a.error ?? '?'] = (byStatus[a.status ?? a.error ?? '?'] ?? 0) + 1;
  const takeovers = kills
    .filter((k) => k.role === 'worker')
    .map((k) => k.takeoverMs ?? Number.POSITIVE_INFINITY);
  return {
    seed: input.seed,
    measuredAt: new Date().toISOString(),
    processes: { apis: 3, workers: 2 },
    commands: outcomes.length,
    acknowledged: input.acknowledged,
    httpRequests: requests,
    eventsInLog: input.events,
    loadSeconds: round(loadMs / 1000),
    commandsPerSecond: round(outcomes.length / (loadMs / 1000)),
    acknowledgedPerSecond: round(input.acknowledged / (loadMs / 1000)),
    answersByStatus: byStatus,
    retriedAfterLostAnswer: outcomes.filter((o) => o.attempts.length > 1).length,
    duplicatesSent: outcomes.filter((o) => o.duplicates.length > 0).length,
    latencyMs: {
      overall: quantiles(outcomes.map((o) => o.ms)),
      duringApiKills: quantiles(duringKills(outcomes, kills, 'api')),
      duringWorkerKills: quantiles(duringKills(outcomes, kills, 'worker')),
    },
    takeoverMs: { each: takeovers, max: takeovers.length ? Math.max(...takeovers) : null },
    kills: kills.map((k) => ({
      role: k.role,
      name: k.name,
      afterCommands: k.afterCommands,
      downMs: k.downMs,
      takeoverMs: k.takeoverMs,
    })),
    readModelsAtHeadMsAfterLoad: input.convergedMs,
    cleanRebuildMs: input.rebuildMs,
    violations: input.violations,
  };
}

export function writeFigures(figures: object): string {
  const dir = join(root, 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'cluster-figures.json');
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  return file;
}
