// One behavioural suite for every ReadStore adapter. An adapter's spec calls
// `readStoreContract(name, open)`; the cases never mention an adapter. Not exported from index.ts
// (it imports Jest): specs import it relatively.
import { afterAll, beforeAll, describe } from '@jest/globals';
import { documentCases } from './contract/document.cases.js';
import { ContractContext, OpenReadStore } from './contract/contract-context.js';
import { leaseCases } from './contract/lease.cases.js';
import { queryCases } from './contract/query.cases.js';
import { registryCases } from './contract/registry.cases.js';
import { ReadStore } from './read-store.port.js';

export type { OpenReadStore } from './contract/contract-context.js';

export function readStoreContract(name: string, open: OpenReadStore): void {
  describe(`ReadStore contract: ${name}`, () => {
    let opened: Awaited<ReturnType<OpenReadStore>> | undefined;
    // One store for the whole suite: every test works on its own projections, which is also what
    // keeps a shared server (FerretDB, a real MongoDB) from ever seeing a name twice.
    const context: ContractContext = {
      store(): ReadStore {
        if (!opened) throw new Error('read-store contract: the store did not open');
        return opened.store;
      },
    };

    beforeAll(async () => {
      opened = await open();
    });
    afterAll(async () => {
      await opened?.dispose();
    });

    describe('documents', () => documentCases(context));
    describe('queries', () => queryCases(context));
    describe('registry', () => registryCases(context));
    describe('leases and fencing', () => leaseCases(context));
  });
}
