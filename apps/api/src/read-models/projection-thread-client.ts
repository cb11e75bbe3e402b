import { Worker } from 'node:worker_threads';
import type { GenerationRef } from '@sales/read-store';
import {
  CandidateError,
  type CandidateErrorCode,
  type CandidateRef,
  type GenerationChoice,
  type GenerationDiff,
  type ProjectionControl,
  type ProjectionInfo,
  type PromoteMode,
  UnknownProjectionError,
} from '@sales/projections';
import type { AppConfig } from '@sales/platform';
import type { ControlCall, ThreadReply, ThreadRequest } from './projection-thread-protocol.js';

// A catch-up subscription reads at most once per 10 ms under a flow of appends (catch-up.ts): waking
// it more often costs a message each time and brings nothing sooner.
const WAKE_EVERY_MS = 10;
const RESTART_MS = 1000;

const CANDIDATE_CODES = new Set<string>([
  'NO_CANDIDATE',
  'CANDIDATE_NOT_CAUGHT_UP',
  'CANDIDATE_EXISTS',
  'CANDIDATE_REQUEST_PENDING',
] satisfies CandidateErrorCode[]);

type Waiting = { resolve: (value: unknown) => void; reject: (error: Error) => void };

// The API's side of its projection thread (projection-thread.ts): starts it, forwards the query
// side's ProjectionControl calls to the engine there, and tells it of appends, so that it reads them
// at once instead of at its next poll.
export class ProjectionThreadClient implements ProjectionControl {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private failure: Error | null = null;
  private wakeQueued = false;
  private lastWake = -Infinity;
  private stopped: (() => void) | null = null;
  private stopping = false;

  constructor(
    private readonly config: AppConfig,
    /** Told when the thread dies after it had started; it is started again RESTART_MS later. */
    private readonly onLost: (message: string) => void = () => undefined,
    private readonly script: URL = new URL('./projection-thread.js', import.meta.url),
  ) {}

  /** Resolves once the engine in the thread has started (taken its leases). */
  start(): Promise<void> {
    return this.spawn();
  }

  private spawn(): Promise<void> {
    const worker = new Worker(this.script, { workerData: this.config });
    this.worker = worker;
    this.failure = null;
    let started = false;
    // As an engine on this event loop would, the thread does not keep the process alive.
    worker.unref();
    return new Promise<void>((resolve, reject) => {
      // A thread lost after its start is started again: its leases lapse meanwhile, and this or
      // another process takes the projections back, from their checkpoints.
      const lost = (message: string) => {
        if (this.worker !== worker) return;
        this.worker = null;
        const error = this.fail(message);
        if (!started) return reject(error);
        if (this.stopping) return;
        this.onLost(message);
        const restart = () =>
          this.spawn().catch((failure: Error) => {
            this.onLost(failure.message);
            setTimeout(restart, RESTART_MS).unref();
          });
        setTimeout(restart, RESTART_MS).unref();
      };
      worker.on('message', (reply: ThreadReply) => {
        if ('started' in reply) {
          started = true;
          resolve();
        } else if ('failed' in reply) lost(`the projection thread could not start: ${reply.failed}`);
        else if ('stopped' in reply) this.stopped?.();
        else this.answer(reply);
      });
      worker.on('error', (error) => lost(`the projection thread failed: ${error.message}`));
      worker.on('exit', (code) => {
        this.stopped?.();
        lost(`the projection thread stopped (exit code ${code})`);
      });
    });
  }

  /** Finishes the engine's batches in hand and releases its leases, as ProjectionEngine.stop does. */
  async stop(): Promise<void> {
    this.stopping = true;
    const worker = this.worker;
    if (!worker || this.failure) return;
    const stopped = new Promise<void>((resolve) => (this.stopped = resolve));
    this.post({ stop: true });
    await stopped;
    this.failure = new Error('the projection thread is stopped');
    await worker.terminate();
  }

  appended(): void {
    if (this.wakeQueued || !this.worker || this.failure) return;
    this.wakeQueued = true;
    const wake = () => {
      this.wakeQueued = false;
      this.lastWake = performance.now();
      if (!this.failure) this.post({ appended: true });
    };
    const wait = this.lastWake + WAKE_EVERY_MS - performance.now();
    if (wait > 0) setTimeout(wake, wait).unref();
    else setImmediate(wake);
  }

  list(): Promise<ProjectionInfo[]> {
    return this.call('list', []) as Promise<ProjectionInfo[]>;
  }

  info(name: string): Promise<ProjectionInfo> {
    return this.call('info', [name]) as Promise<ProjectionInfo>;
  }

  rebuild(name: string, promote: PromoteMode = 'auto'): Promise<ProjectionInfo> {
    return this.call('rebuild', [name, promote]) as Promise<ProjectionInfo>;
  }

  promote(name: string): Promise<ProjectionInfo> {
    return this.call('promote', [name]) as Promise<ProjectionInfo>;
  }

  dropCandidate(name: string): Promise<ProjectionInfo> {
    return this.call('dropCandidate', [name]) as Promise<ProjectionInfo>;
  }

  diff(name: string): Promise<GenerationDiff> {
    return this.call('diff', [name]) as Promise<GenerationDiff>;
  }

  servingRef(name: string, fresh = false): Promise<GenerationRef | null> {
    return this.call('servingRef', [name, fresh]) as Promise<GenerationRef | null>;
  }

  candidateRef(name: string, fresh = false): Promise<CandidateRef | null> {
    return this.call('candidateRef', [name, fresh]) as Promise<CandidateRef | null>;
  }

  waitFor(
    position: number,
    names: string[],
    timeoutMs: number,
    generation: GenerationChoice = 'serving',
  ): Promise<boolean> {
    return this.call('waitFor', [position, names, timeoutMs, generation]) as Promise<boolean>;
  }

  private call(call: ControlCall, args: unknown[]): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    if (!this.worker) return Promise.reject(new Error('the projection thread is not started'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.post({ id, call, args });
    });
  }

  private post(request: ThreadRequest): void {
    this.worker?.postMessage(request);
  }

  private answer(reply: Extract<ThreadReply, { id: number }>): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if ('result' in reply) waiting.resolve(reply.result);
    else if (reply.error.code === 'PROJECTION_NOT_FOUND')
      waiting.reject(new UnknownProjectionError(reply.error.message));
    else if (CANDIDATE_CODES.has(reply.error.code ?? ''))
      waiting.reject(new CandidateError(reply.error.code as CandidateErrorCode, reply.error.message));
    else waiting.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
  }

  private fail(message: string): Error {
    this.failure ??= new Error(message);
    for (const waiting of this.waiting.values()) waiting.reject(this.failure);
    this.waiting.clear();
    return this.failure;
  }
}
