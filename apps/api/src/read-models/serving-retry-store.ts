import { type GenerationRef, isGenerationGone, type ReadStore } from '@sales/read-store';
import { ApiError } from '../errors/api-error.js';

const READS = new Set<PropertyKey>(['get', 'getMany', 'find', 'count']);

// The read store as queries see it. A query picks the serving generation, then reads it; a blue/
// green swap may drop that generation in between (after its grace period, or from another
// process). The store then says the generation is gone, and the read is made once more on the one
// serving now: never zeros from a table that no longer exists.
export function servingRetryStore(
  store: ReadStore,
  servingNow: (projection: string) => Promise<GenerationRef | null>,
): ReadStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (!READS.has(key) || typeof value !== 'function') return value;
      return async (ref: GenerationRef, ...rest: unknown[]) => {
        try {
          return await value.call(target, ref, ...rest);
        } catch (error) {
          if (!isGenerationGone(error)) throw error;
          const now = await servingNow(ref.projection);
          if (now && now.generation !== ref.generation) {
            try {
              return await value.call(target, now, ...rest);
            } catch (again) {
              if (!isGenerationGone(again)) throw again;
            }
          }
          throw new ApiError(
            'SERVICE_UNAVAILABLE',
            `read model ${ref.projection} was swapped while it was read; try again`,
          );
        }
      };
    },
  });
}
