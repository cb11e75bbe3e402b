import { eventStoreContract } from '../event-store.contract.js';
import { MemoryEventStore } from './memory-event-store.js';

eventStoreContract('memory', async () => {
  const store = new MemoryEventStore();
  return { store, dispose: () => store.close() };
});
