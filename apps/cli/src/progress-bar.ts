import { MultiBar, Presets, type SingleBar } from 'cli-progress';

export type ProgressLine = {
  update(done: number, total: number, eventsPerSecond: number | null): void;
  /** A line of its own, above the bars: what changed while following. */
  note(message: string): void;
  /** `position`: where the completed rebuild ended, which its bar then shows as 100%. */
  finish(message: string, position?: number): void;
};

const seconds = (s: number) =>
  s >= 3600
    ? `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m`
    : s >= 60
      ? `${Math.floor(s / 60)}m${s % 60}s`
      : `${s}s`;

// One bar per projection being rebuilt, all redrawn together on a terminal (cli-progress); on
// anything else (CI logs) every bar as a plain line every few seconds. The rate is the rebuild's own
// (events/s, as the runtime measures it) and the ETA is what is left of the log at that rate: the
// log's head moves while a rebuild runs, so the total is updated with it.
export class RebuildProgress {
  private readonly tty = process.stdout.isTTY === true;
  private readonly bars = new MultiBar(
    {
      format: '{name} [{bar}] {percentage}% {value}/{total} events | {rate} ev/s | ETA {remaining}',
      hideCursor: this.tty,
      clearOnComplete: false,
      stopOnComplete: false,
      noTTYOutput: !this.tty,
      notTTYSchedule: 2000,
      stream: process.stdout,
      barsize: 20,
    },
    Presets.shades_classic,
  );
  private open = 0;
  private readonly messages: string[] = [];

  bar(name: string): ProgressLine {
    const width = 24;
    const bar: SingleBar = this.bars.create(1, 0, { name: name.padEnd(width), rate: '…', remaining: '…' });
    this.open++;
    return {
      update: (done, total, rate) => {
        bar.setTotal(Math.max(total, 1));
        bar.update(Math.min(done, total), {
          name: name.padEnd(width),
          rate: rate ? Math.round(rate).toLocaleString('en') : '…',
          remaining: rate && total > done ? seconds(Math.ceil((total - done) / rate)) : rate ? '0s' : '…',
        });
      },
      note: (message) => {
        if (this.tty) this.bars.log(`${name}: ${message}\n`);
        else console.log(`${name}: ${message}`);
      },
      finish: (message, position) => {
        if (position !== undefined) {
          bar.setTotal(Math.max(position, 1));
          bar.update(position);
        }
        // Said under the bars once they all stop, so that no line is drawn over.
        this.messages.push(`${name}: ${message}`);
        if (--this.open > 0) return;
        this.bars.stop();
        for (const line of this.messages.splice(0)) console.log(line);
      },
    };
  }
}
