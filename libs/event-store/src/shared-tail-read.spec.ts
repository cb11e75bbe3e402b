import { describe, expect, it } from '@jest/globals';
import { AppendNotifier } from './append-notifier.js';
import type { Position, RecordedEvent } from './event-store.port.js';
import { sharedTailRead } from './shared-tail-read.js';

const ALL = { streamPrefixes: [''] };

function countingLog() {
  const log: RecordedEvent[] = [];
  const reads: (Position | null)[] = [];
  const readAll = async (after: Position | null, limit: number) => {
    reads.push(after);
    return log.filter((e) => e.position > (after ?? 0)).slice(0, limit);
  };
  const add = (position: number) =>
    log.push({
      id: `e${position}`,
      stream: 's',
      version: position,
      position,
      type: 'T',
      data: {},
      metadata: {} as RecordedEvent['metadata'],
    });
  return { readAll, reads, add };
}

describe('sharedTailRead', () => {
  it('reads once for subscribers asking the same rows together', async () => {
    const log = countingLog();
    log.add(1);
    const read = sharedTailRead(log.readAll, new AppendNotifier());
    const pages = await Promise.all([read(null, 10, ALL), read(null, 10, ALL), read(null, 10, ALL)]);
    expect(log.reads).toEqual([null]);
    expect(pages.map((p) => p.map((e) => e.position))).toEqual([[1], [1], [1]]);
  });

  it('reads again for other rows', async () => {
    const log = countingLog();
    const read = sharedTailRead(log.readAll, new AppendNotifier());
    await read(null, 10, ALL);
    await read(3, 10, ALL);
    await read(null, 5, ALL);
    await read(null, 10, { streamPrefixes: ['deal-'] });
    expect(log.reads).toEqual([null, 3, null, null]);
  });

  it('reads again once this store appended, so the append is seen at once', async () => {
    const log = countingLog();
    const notifier = new AppendNotifier();
    const read = sharedTailRead(log.readAll, notifier);
    expect(await read(null, 10, ALL)).toEqual([]);
    log.add(1);
    notifier.notify();
    expect((await read(null, 10, ALL)).map((e) => e.position)).toEqual([1]);
  });

  it('reads again after a few milliseconds, so another process’s appends are not hidden', async () => {
    const log = countingLog();
    const read = sharedTailRead(log.readAll, new AppendNotifier());
    expect(await read(null, 10, ALL)).toEqual([]);
    log.add(1); // appended elsewhere: nothing notifies
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await read(null, 10, ALL)).map((e) => e.position)).toEqual([1]);
  });

  it('does not keep a failed read', async () => {
    let fail = true;
    const read = sharedTailRead(async () => {
      if (fail) throw new Error('busy');
      return [];
    }, new AppendNotifier());
    await expect(read(null, 10, ALL)).rejects.toThrow('busy');
    fail = false;
    await expect(read(null, 10, ALL)).resolves.toEqual([]);
  });
});
