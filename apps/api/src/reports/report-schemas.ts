import { type ReportName, REPORT_SHAPES } from '@sales/reports';

// One OpenAPI schema per report (contract §4), so that a client generator types each answer: the
// parameters echoed back (as echoedParams writes them), then the report's own figures. Written
// as JSON Schema rather than DTO classes because the figures nest and repeat per group.
type Schema = Record<string, unknown>;

const num = { type: 'number' };
const int = { type: 'integer' };
const maybeNum = { type: 'number', nullable: true };
const str = { type: 'string' };
const maybeStr = { type: 'string', nullable: true };
const time = { type: 'string', format: 'date-time' };
const obj = (properties: Record<string, Schema>): Schema => ({
  type: 'object',
  required: Object.keys(properties),
  properties,
});
const list = (items: Schema): Schema => ({ type: 'array', items });
const stats = obj({ mean: maybeNum, median: maybeNum, p90: maybeNum });
const median = obj({ median: maybeNum });
const keyed = (figures: Schema): Schema => ({
  allOf: [obj({ key: { type: 'string', description: 'the owner or source of this group' } }), figures],
});
const grouped = (figures: Schema): Schema => ({
  allOf: [
    figures,
    {
      type: 'object',
      properties: { groups: { ...list(keyed(figures)), description: 'only with groupBy' } },
    },
  ],
});

const funnel = obj({
  deals: int,
  won: int,
  overallConversion: maybeNum,
  bottleneck: { ...maybeStr, description: 'the stage with the lowest conversion' },
  stages: list(obj({ stageId: str, reached: int, conversion: maybeNum, lost: int, open: int })),
});
const stageVelocity = obj({
  stages: list(
    obj({
      stageId: str,
      exits: int,
      advanced: int,
      lost: int,
      movedBack: int,
      conversion: maybeNum,
      daysInStage: stats,
      open: obj({ count: int, meanAgeDays: maybeNum }),
    }),
  ),
  transitions: list(obj({ from: str, to: str, count: int })),
});
const cycleTime = obj({ won: obj({ count: int, days: stats }), lost: obj({ count: int, days: stats }) });
const winRate = obj({
  won: int,
  lost: int,
  winRate: maybeNum,
  wonAmount: num,
  lostAmount: num,
  amountWinRate: maybeNum,
  lossReasons: list(obj({ reason: str, count: int, amount: num })),
});
const leadFigures = {
  captured: int,
  converted: int,
  disqualified: int,
  open: int,
  conversionRate: maybeNum,
  daysToConvert: median,
};
const leadConversion = obj({ ...leadFigures, bySource: list(keyed(obj(leadFigures))) });
const customerCount = obj({ key: str, count: int, amount: num });
const newCustomers = obj({
  count: int,
  amount: num,
  bySource: list(customerCount),
  byOwner: list(customerCount),
});
const forecastFigures = { deals: int, amount: num, weightedAmount: num };
const forecast = obj({
  ...forecastFigures,
  months: list(keyed(obj(forecastFigures))),
  stageProbabilities: list(obj({ stageId: str, sample: int, historical: maybeNum, used: num })),
});
const quotaAttainment = obj({
  owners: list(
    obj({
      key: str,
      quota: num,
      wonAmount: num,
      attainment: maybeNum,
      openPipeline: num,
      coverage: maybeNum,
    }),
  ),
});
const reps = obj({
  owners: list(
    obj({
      key: str,
      dealsOpened: int,
      won: int,
      wonAmount: num,
      lost: int,
      winRate: maybeNum,
      avgWonAmount: maybeNum,
      cycleDaysWon: median,
      activities: obj({ total: int, byType: { type: 'object', additionalProperties: int } }),
      leadsConverted: int,
      firstResponseHours: median,
    }),
  ),
});
const pipelineFigures = { deals: int, amount: num, weightedAmount: num, meanAgeDays: maybeNum };
const pipeline = obj({
  ...pipelineFigures,
  stages: list(obj({ stageId: str, probability: num, ...pipelineFigures })),
  oldest: list(obj({ stageId: str, dealId: str, title: str, ownerId: str, amount: num, ageDays: num })),
});
const slippageFigures = {
  pushes: int,
  pullIns: int,
  daysPushed: num,
  amountIncreases: int,
  amountDecreases: int,
  increasedAmount: num,
  decreasedAmount: num,
};
const slippage = obj({
  ...slippageFigures,
  byOwner: list(keyed(obj(slippageFigures))),
  deals: list(
    obj({
      dealId: str,
      ownerId: str,
      pushes: int,
      daysPushed: num,
      firstExpectedCloseDate: { ...maybeStr, format: 'date' },
      lastExpectedCloseDate: { ...maybeStr, format: 'date' },
    }),
  ),
});
const stuckDeals = obj({
  thresholds: list(obj({ stageId: str, ownerId: maybeStr, sample: int, p80Days: num })),
  deals: list(
    obj({
      dealId: str,
      ownerId: str,
      stageId: str,
      ageDays: num,
      thresholdDays: num,
      basis: { type: 'string', enum: ['owner', 'stage'] },
      ratio: { ...maybeNum, description: 'ageDays / thresholdDays; null when the threshold is 0 days' },
    }),
  ),
  judged: int,
  notJudged: int,
});
const customerValueFigures = {
  accounts: int,
  lifetimeValue: num,
  avgLifetimeValue: maybeNum,
  repeatRate: maybeNum,
};
const customerValue = obj({
  ...customerValueFigures,
  bySource: list(keyed(obj(customerValueFigures))),
  byOwner: list(keyed(obj(customerValueFigures))),
  top: list(obj({ accountId: str, wins: int, lifetimeValue: num, firstWonAt: time, lastWonAt: time })),
});

const flow = obj({ deals: int, amount: num });
const pipelineFlow = obj({
  start: { ...flow, description: 'open in the population at from; amount then' },
  end: { ...flow, description: 'open in the population at to; amount then' },
  added: { ...flow, description: 'opened or reopened since from; amount at to' },
  movedIn: { ...flow, description: 'open at from outside the population (another owner); amount at to' },
  won: { ...flow, description: 'won by to; amount at from' },
  lost: { ...flow, description: 'lost by to; amount at from' },
  movedOut: { ...flow, description: 'open at to outside the population; amount at from' },
  increased: { ...flow, description: 'in the population at both: Σ of the increases' },
  decreased: { ...flow, description: 'in the population at both: Σ of the decreases, positive' },
  pushed: { ...flow, description: 'expectedCloseDate moved from before to to on or after it; amount at to' },
  openedAndClosed: obj({ won: int, lost: int }),
});
const forecastAccuracy = obj({
  actual: obj({ won: int, wonAmount: num }),
  snapshots: list(
    obj({
      at: time,
      deals: int,
      amount: num,
      weightedAmount: num,
      error: { ...num, description: 'weightedAmount − actual.wonAmount' },
      absPctError: maybeNum,
      wonFromForecast: obj({ deals: int, amount: num }),
    }),
  ),
});

const FIGURES: Record<ReportName, Schema> = {
  funnel: grouped(funnel),
  'stage-velocity': grouped(stageVelocity),
  'cycle-time': grouped(cycleTime),
  'win-rate': grouped(winRate),
  'lead-conversion': leadConversion,
  'new-customers': newCustomers,
  forecast,
  'quota-attainment': quotaAttainment,
  reps,
  pipeline,
  slippage,
  'stuck-deals': stuckDeals,
  'customer-value': customerValue,
  'pipeline-flow': pipelineFlow,
  'forecast-accuracy': forecastAccuracy,
};
function echoed(name: ReportName): Schema {
  const shape = REPORT_SHAPES[name];
  return obj({
    report: { type: 'string', enum: [name] },
    ...(shape.window ? { from: time, to: time } : {}),
    ...(shape.period ? { period: { type: 'string', example: '2026-Q1' } } : {}),
    asOf: time,
    ownerId: maybeStr,
    source: maybeStr,
    ...(shape.pipeline !== 'none' ? { pipelineId: maybeStr } : {}),
    ...(shape.groupBy ? { groupBy: { type: 'string', nullable: true, enum: ['owner', 'source'] } } : {}),
    ...(name === 'stuck-deals' ? { lookbackDays: int } : {}),
    ...(shape.at ? { at: list(time) } : {}),
    minPosition: { type: 'integer', nullable: true },
    position: { type: 'integer', description: 'read-model position the report was computed at' },
    currency: { type: 'string', example: 'EUR', description: 'ISO 4217 code of every amount' },
  });
}

export const reportSchema = (name: ReportName): Schema => ({ allOf: [echoed(name), FIGURES[name]] });
