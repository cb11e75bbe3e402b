import { RecordedEvent } from './event-store.port.js';

// An older event shape is brought up to the current one on read, one schema version at a time, so
// that deciders and projections only ever see the current shape. History itself is never rewritten.
export type Upcaster = {
  type: string;
  fromSchemaVersion: number;
  upcast: (data: Record<string, unknown>) => Record<string, unknown>;
};

export function upcaster(upcasters: readonly Upcaster[]): (event: RecordedEvent) => RecordedEvent {
  if (upcasters.length === 0) return (event) => event;
  const byKey = new Map(upcasters.map((u) => [`${u.type}@${u.fromSchemaVersion}`, u]));
  return (event) => {
    let current = event;
    for (;;) {
      const step = byKey.get(`${current.type}@${current.metadata.schemaVersion}`);
      if (!step) return current;
      current = {
        ...current,
        data: step.upcast(current.data),
        metadata: { ...current.metadata, schemaVersion: current.metadata.schemaVersion + 1 },
      };
    }
  };
}
