import type { Member } from './cluster.js';
import type { PlannedCommand } from './cluster-load-plan.js';
import { KEYS } from './keys.js';

// What a load balancer and a careful client do together: each request goes to the next live API
// process in turn; an answer that never came (the process died, the connection was refused or
// reset) or a 5xx is retried on another process with the same Idempotency-Key and body.

export type Attempt = {
  api: string;
  status: number | null;
  body: Record<string, unknown> | null;
  error: string | null;
  startedAt: number;
  ms: number;
};

export type Outcome = {
  command: PlannedCommand;
  attempts: Attempt[];
  /** The answer the client settled on: the last attempt's. */
  final: Attempt;
  /** The deliberate second sending of a request (to another process, with the same key). */
  duplicates: Attempt[];
  startedAt: number;
  ms: number;
};

const MAX_ATTEMPTS = 10;
const ATTEMPT_TIMEOUT_MS = 20_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const retriable = (a: Attempt) =>
  a.status === null || a.status >= 500 || (a.status === 409 && a.body?.code === 'IDEMPOTENCY_KEY_IN_USE');

export class ClusterClient {
  private turn = 0;

  constructor(private readonly liveApis: () => Member[]) {}

  /** The next live API process other than `avoid` (when another is alive). */
  async pick(avoid?: string): Promise<Member> {
    for (let waited = 0; ; waited++) {
      const live = this.liveApis();
      const others = live.filter((m) => m.name !== avoid);
      const pool = others.length ? others : live;
      if (pool.length) return pool[this.turn++ % pool.length];
      if (waited > 600) throw new Error('no API process alive for 60 s');
      await pause(100);
    }
  }

  async send(member: Member, command: PlannedCommand): Promise<Attempt> {
    const startedAt = Date.now();
    const done = (status: number | null, body: Attempt['body'], error: string | null): Attempt => ({
      api: member.name,
      status,
      body,
      error,
      startedAt,
      ms: Date.now() - startedAt,
    });
    const url = member.url;
    if (!url) return done(null, null, 'process down');
    try {
      const response = await fetch(url + command.path, {
        method: command.method,
        headers: {
          authorization: `Bearer ${KEYS.service}`,
          'content-type': 'application/json',
          'idempotency-key': command.key,
          'x-correlation-id': command.key,
          'x-actor-id': 'load',
        },
        body: JSON.stringify(command.body),
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      });
      const text = await response.text();
      let body: Attempt['body'] = null;
      try {
        body = JSON.parse(text);
      } catch {
        body = { unparsed: text.slice(0, 200) };
      }
      return done(response.status, body, null);
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return done(null, null, cause ?? (error instanceof Error ? error.name : String(error)));
    }
  }

  /** Sends until a final answer, each retry to another process than the one before. */
  async run(command: PlannedCommand): Promise<Outcome> {
    const startedAt = Date.now();
    const attempts: Attempt[] = [];
    let previous: string | undefined;
    let duplicate: Promise<Attempt> | null = null;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const target = await this.pick(previous);
      if (i === 0 && command.duplicate === 'concurrent')
        duplicate = this.send(await this.pick(target.name), command);
      const attempt = await this.send(target, command);
      attempts.push(attempt);
      previous = target.name;
      if (!retriable(attempt)) break;
      await pause(50 + 50 * i);
    }
    const final = attempts[attempts.length - 1];
    const duplicates: Attempt[] = [];
    if (duplicate) duplicates.push(await duplicate);
    if (command.duplicate === 'after' && final.status !== null && final.status < 300)
      duplicates.push(await this.send(await this.pick(final.api), command));
    return { command, attempts, final, duplicates, startedAt, ms: final.startedAt + final.ms - startedAt };
  }
}
