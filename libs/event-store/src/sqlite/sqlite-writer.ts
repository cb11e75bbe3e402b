import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { EventStoreUnavailableError } from '../event-store.port.js';
import {
  sqliteWriterThread,
  WireAppend,
  WriterData,
  WriterReply,
  WriterRequest,
} from './sqlite-writer-thread.js';

const MAX_CACHED_TIPS = 100_000;

// The calling side of the writer thread: batches are committed, and answered, in the order sent.
export class SqliteWriter {
  private readonly worker: Worker;
  private readonly waiting: { resolve: (reply: WriterReply) => void; reject: (error: Error) => void }[] = [];
  private failure: Error | null = null;
  private closing = false;

  constructor(file: string, pragmas: string[]) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const workerData: WriterData = { driver, file, pragmas, maxTips: MAX_CACHED_TIPS };
    this.worker = new Worker(`(${sqliteWriterThread.toString()})(require)`, { eval: true, workerData });
    // Only a batch in flight keeps the process alive, as the database call it replaces did.
    this.worker.unref();
    this.worker.on('message', (reply: WriterReply) => this.answer((w) => w.resolve(reply)));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (!this.closing) this.fail(new Error(`the event store's writer thread stopped (exit code ${code})`));
    });
  }

  /** Commits the appends in one transaction; two numbers per append (see WriterReply). */
  async write(appends: WireAppend[]): Promise<number[]> {
    const reply = await this.send({ appends });
    if ('results' in reply) return reply.results;
    if ('error' in reply) throw Object.assign(new Error(reply.error), { code: reply.code });
    throw new Error('unexpected reply from the writer thread');
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (this.failure) return;
    await this.send({ close: true }).catch(() => undefined);
    await this.worker.terminate();
  }

  private send(request: WriterRequest): Promise<WriterReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<WriterReply>((resolve, reject) => {
      if (this.waiting.length === 0) this.worker.ref();
      this.waiting.push({ resolve, reject });
      this.worker.postMessage(request);
    });
  }

  private answer(settle: (waiting: SqliteWriter['waiting'][number]) => void): void {
    const waiting = this.waiting.shift();
    if (this.waiting.length === 0) this.worker.unref();
    if (waiting) settle(waiting);
  }

  private fail(cause: Error): void {
    this.failure ??= new EventStoreUnavailableError(`event store writer: ${cause.message}`);
    const failure = this.failure;
    while (this.waiting.length > 0) this.answer((w) => w.reject(failure));
  }
}
