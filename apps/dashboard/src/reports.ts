// The report bodies as contract §4 defines them (only what the panels read).

export type Stats = { mean: number | null; median: number | null; p90: number | null };

export type FunnelReport = {
  deals: number;
  won: number;
  overallConversion: number | null;
  bottleneck: string | null;
  stages: { stageId: string; reached: number; conversion: number | null; lost: number; open: number }[];
};

export type StageVelocityReport = {
  stages: {
    stageId: string;
    exits: number;
    advanced: number;
    lost: number;
    movedBack: number;
    conversion: number | null;
    daysInStage: Stats;
    open: { count: number; meanAgeDays: number | null };
  }[];
  transitions: { from: string; to: string; count: number }[];
};

export type CycleTimeReport = { won: { count: number; days: Stats }; lost: { count: number; days: Stats } };

export type WinRateReport = {
  won: number;
  lost: number;
  winRate: number | null;
  wonAmount: number;
  lostAmount: number;
  amountWinRate: number | null;
  lossReasons: { reason: string; count: number; amount: number }[];
};

export type LeadFigures = {
  captured: number;
  converted: number;
  disqualified: number;
  open: number;
  conversionRate: number | null;
  daysToConvert: { median: number | null };
};
export type LeadConversionReport = LeadFigures & { bySource: (LeadFigures & { key: string })[] };

export type NewCustomersReport = {
  count: number;
  amount: number;
  bySource: { key: string; count: number; amount: number }[];
  byOwner: { key: string; count: number; amount: number }[];
};

export type ForecastReport = {
  deals: number;
  amount: number;
  weightedAmount: number;
  months: { key: string; deals: number; amount: number; weightedAmount: number }[];
  stageProbabilities: { stageId: string; sample: number; historical: number | null; used: number }[];
};

export type QuotaAttainmentReport = {
  owners: {
    key: string;
    quota: number;
    wonAmount: number;
    attainment: number | null;
    openPipeline: number;
    coverage: number | null;
  }[];
};

export type RepRow = {
  key: string;
  dealsOpened: number;
  won: number;
  wonAmount: number;
  lost: number;
  winRate: number | null;
  avgWonAmount: number | null;
  cycleDaysWon: { median: number | null };
  activities: { total: number; byType: Record<string, number> };
  leadsConverted: number;
  firstResponseHours: { median: number | null };
};
export type RepsReport = { owners: RepRow[] };

export type PipelineFigures = {
  deals: number;
  amount: number;
  weightedAmount: number;
  meanAgeDays: number | null;
};
export type PipelineReport = PipelineFigures & {
  stages: ({ stageId: string; probability: number } & PipelineFigures)[];
  oldest: {
    stageId: string;
    dealId: string;
    title: string;
    ownerId: string;
    amount: number;
    ageDays: number;
  }[];
};
