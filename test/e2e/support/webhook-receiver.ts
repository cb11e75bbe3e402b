import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Behaviour = 'ok' | 'fail' | 'hang';
export type Delivery = { body: string; headers: IncomingHttpHeaders; answered: number | 'hung' };

// A real HTTP receiver on 127.0.0.1 whose next answers the test scripts: 2xx, a 500, or none at
// all (the engine's request timeout must give up on it). It can go down and come back on its port.
export class WebhookReceiver {
  readonly deliveries: Delivery[] = [];
  private script: Behaviour[] = [];
  private server: Server | null = null;
  private hung: (() => void)[] = [];
  port = 0;

  /** The next answers, in order; after them, 204. */
  next(...behaviours: Behaviour[]): void {
    this.script.push(...behaviours);
  }

  accepted(): Delivery[] {
    return this.deliveries.filter((d) => d.answered === 204);
  }

  async start(port = 0): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const behaviour = this.script.shift() ?? 'ok';
        const body = Buffer.concat(chunks).toString('utf8');
        const answered = behaviour === 'ok' ? 204 : behaviour === 'fail' ? 500 : 'hung';
        this.deliveries.push({ body, headers: req.headers, answered });
        if (behaviour === 'hang') {
          this.hung.push(() => res.destroy());
          return;
        }
        res.writeHead(answered as number).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.hung.splice(0).forEach((end) => end());
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
