// One line, redrawn in place on a terminal; plain lines every few seconds otherwise (CI logs).
export class ProgressBar {
  private lastPlain = 0;

  constructor(private readonly label: string) {}

  update(done: number, total: number, eventsPerSecond: number | null): void {
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const width = 30;
    const filled = Math.round(ratio * width);
    const rate = eventsPerSecond ? `${Math.round(eventsPerSecond).toLocaleString('en')} ev/s` : '… ev/s';
    const eta = eventsPerSecond && total > done ? `ETA ${Math.ceil((total - done) / eventsPerSecond)}s` : '';
    const line = `${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(ratio * 100).toFixed(1)}% ${done}/${total} ${rate} ${eta}`;
    if (process.stdout.isTTY) process.stdout.write(`\r${line.padEnd(100)}`);
    else if (Date.now() - this.lastPlain > 2000) {
      this.lastPlain = Date.now();
      console.log(line);
    }
  }

  /** A line of its own between redraws: what changed while following. */
  note(message: string): void {
    if (process.stdout.isTTY) process.stdout.write('\n');
    console.log(`${this.label}: ${message}`);
  }

  finish(message: string): void {
    if (process.stdout.isTTY) process.stdout.write('\n');
    console.log(`${this.label}: ${message}`);
  }
}
