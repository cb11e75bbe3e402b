import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, RecordedEvent, upcaster } from '@sales/event-store';

type Folder<S, E> = { initialState: S; evolve: (state: S, event: E) => S };
type Cached = { state: unknown; version: number; folder: unknown; stale?: boolean };

const MAX_CACHED_STREAMS = 50_000;

// Loads an entity's state by folding its stream. States are cached with their version. A cached
// state is trusted as it is: if another process appended meanwhile, the append at the cached
// version conflicts, the executor calls `forget`, and the next load reads what it missed.
@Injectable()
export class AggregateRepository {
  private readonly cache = new Map<string, Cached>();
  private readonly upcast = upcaster([]);

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load<S, E>(
    stream: string,
    folder: Folder<S, E>,
    { fresh = false } = {},
  ): Promise<{ state: S; version: number; fromCache: boolean }> {
    const cached = this.cache.get(stream);
    if (!fresh && cached && cached.folder === folder && !cached.stale) {
      return { state: cached.state as S, version: cached.version, fromCache: true };
    }
    let state = cached && cached.folder === folder ? (cached.state as S) : folder.initialState;
    let version = cached && cached.folder === folder ? cached.version : 0;
    const { events } = await this.store.readStream(stream, { fromVersion: version + 1 });
    for (const event of events) {
      state = folder.evolve(state, this.toDomain<E>(event));
      version = event.version;
    }
    this.remember(stream, folder, state, version);
    return { state, version, fromCache: false };
  }

  remember<S, E>(stream: string, folder: Folder<S, E>, state: S, version: number): void {
    this.cache.delete(stream);
    this.cache.set(stream, { state, version, folder });
    if (this.cache.size > MAX_CACHED_STREAMS) this.cache.delete(this.cache.keys().next().value as string);
  }

  /** A stream this process has no state of is taken to be empty (see CommandTarget.newStream). */
  assumeEmpty<S, E>(stream: string, folder: Folder<S, E>): void {
    if (!this.cache.has(stream)) this.remember(stream, folder, folder.initialState, 0);
  }

  /** The cached state missed appends (a conflict said so): the next load catches up from the store. */
  forget(stream: string): void {
    const cached = this.cache.get(stream);
    if (cached) cached.stale = true;
  }

  async readEvents(stream: string): Promise<RecordedEvent[]> {
    const { events } = await this.store.readStream(stream);
    return events.map(this.upcast);
  }

  toDomain<E>(event: RecordedEvent): E {
    const current = this.upcast(event);
    return { type: current.type, data: current.data } as E;
  }
}
