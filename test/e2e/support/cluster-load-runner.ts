import type { ClusterClient, Outcome } from './cluster-client.js';
import type { Chain, LoadPlan } from './cluster-load-plan.js';

// Runs the plan: the setup chain first, then `concurrency` chains at a time, each chain's steps in
// order and the commands of one step at once (a race).
export class LoadRunner {
  readonly outcomes: Outcome[] = [];
  done = false;
  startedAt = 0;
  endedAt = 0;

  constructor(
    private readonly client: ClusterClient,
    private readonly plan: LoadPlan,
    private readonly concurrency: number,
  ) {}

  answered(): number {
    return this.outcomes.length;
  }

  async run(): Promise<Outcome[]> {
    this.startedAt = Date.now();
    try {
      await this.chain(this.plan.setup);
      const queue = [...this.plan.chains];
      const lane = async () => {
        for (let chain = queue.shift(); chain; chain = queue.shift()) await this.chain(chain);
      };
      await Promise.all(Array.from({ length: this.concurrency }, lane));
    } finally {
      this.done = true;
      this.endedAt = Date.now();
    }
    return this.outcomes;
  }

  private async chain(chain: Chain): Promise<void> {
    for (const step of chain) {
      const results = await Promise.all(step.map((command) => this.client.run(command)));
      this.outcomes.push(...results);
    }
  }
}
