import http from 'node:http';
import type { FuzzRequest } from './openapi-fuzz.js';

export type FuzzResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

// Plain node:http over kept-alive connections: it sends what the fuzzer made (odd paths, latin-1
// header values, broken bodies) byte for byte, where a friendlier client would tidy them up.
export class RawHttp {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  sent = 0;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  /** The response, or null when the server closed the connection on a body it would not read. */
  send(request: FuzzRequest): Promise<FuzzResponse | null> {
    this.sent++;
    return this.attempt(request, true);
  }

  private attempt(request: FuzzRequest, retry: boolean): Promise<FuzzResponse | null> {
    return new Promise((resolve, reject) => {
      const outgoing = http.request(
        {
          host: this.host,
          port: this.port,
          method: request.method,
          path: request.path,
          headers: { ...request.headers, ...(request.body ? { 'content-length': request.body.length } : {}) },
          agent: this.agent,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          response.on('error', reject);
        },
      );
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        const reset = error.code === 'ECONNRESET' || error.code === 'EPIPE';
        // A kept-alive connection the server had just closed (after a 431, say): once more, anew.
        if (reset && retry && outgoing.reusedSocket) resolve(this.attempt(request, false));
        else if (reset && (request.body?.length ?? 0) > 1024 * 1024) resolve(null);
        else reject(error);
      });
      outgoing.end(request.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
