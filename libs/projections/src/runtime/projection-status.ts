export type ProjectionStatus = 'live' | 'rebuilding' | 'failed';

export type ProjectionInfo = {
  name: string;
  version: number;
  status: ProjectionStatus;
  generation: number | null;
  position: number | null;
  lag: number | null;
  lastError: string | null;
  rebuild: { generation: number; position: number | null; eventsPerSecond: number | null } | null;
};
