import { Inject, Injectable } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../infrastructure/clock.js';
import { ReadModels } from '../read-models/read-models.js';
import { type ReportRequest, type ReportResponse, ReportRunner } from '@sales/query';

// The API's one ReportRunner: the read models through ReadModels (minPosition waits there), live
// or as of a time cut, time through the injected clock.
@Injectable()
export class Reports {
  readonly runner: ReportRunner;

  constructor(
    @Inject(ReadModels) readModels: ReadModels,
    @Inject(CLOCK) clock: Clock,
  ) {
    this.runner = new ReportRunner(
      {
        store: readModels.store,
        serving: (projection, min) => readModels.serving(projection, min),
        candidate: (projection, min) => readModels.candidate(projection, min),
      },
      () => clock.now(),
    );
  }
}

export class RunReportQuery extends Query<ReportResponse> {
  constructor(readonly request: ReportRequest) {
    super();
  }
}

@QueryHandler(RunReportQuery)
export class RunReportHandler implements IQueryHandler<RunReportQuery> {
  constructor(@Inject(Reports) private readonly reports: Reports) {}

  execute({ request }: RunReportQuery): Promise<ReportResponse> {
    return this.reports.runner.run(request);
  }
}
