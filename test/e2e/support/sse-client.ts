import { request, type IncomingHttpHeaders, type ClientRequest } from 'node:http';

export type SseMessage = { id: string | null; event: string | null; data: string };

export type SseTail = {
  status: number;
  headers: IncomingHttpHeaders;
  messages: SseMessage[];
  comments: string[];
  /** The server ended the stream. */
  readonly ended: boolean;
  /** Resolves once `count` messages have arrived in all, or rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<SseMessage[]>;
  close(): void;
};

// A minimal EventSource over node:http: the test reads the raw stream, as a client library would.
export function openTail(port: number, path: string, headers: Record<string, string>): Promise<SseTail> {
  return new Promise((resolve, reject) => {
    let req: ClientRequest | null = null;
    req = request(
      { host: '127.0.0.1', port, path, headers: { accept: 'text/event-stream', ...headers } },
      (res) => {
        const messages: SseMessage[] = [];
        const comments: string[] = [];
        let buffer = '';
        let ended = false;
        res.on('end', () => (ended = true));
        const waiters: (() => void)[] = [];
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const message: SseMessage = { id: null, event: null, data: '' };
            let isMessage = false;
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) comments.push(line.slice(1).trim());
              else if (line.startsWith('id: ')) message.id = line.slice(4);
              else if (line.startsWith('event: ')) message.event = line.slice(7);
              else if (line.startsWith('data: ')) {
                message.data += line.slice(6);
                isMessage = true;
              }
            }
            if (isMessage) messages.push(message);
          }
          waiters.splice(0).forEach((wake) => wake());
        });
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          messages,
          comments,
          get ended() {
            return ended;
          },
          waitFor: async (count, timeoutMs = 10_000) => {
            const deadline = Date.now() + timeoutMs;
            while (messages.length < count) {
              if (Date.now() > deadline)
                throw new Error(`SSE: ${messages.length} of ${count} messages after ${timeoutMs} ms`);
              await new Promise<void>((wake) => {
                waiters.push(wake);
                setTimeout(wake, 50);
              });
            }
            return messages.slice(0, count);
          },
          close: () => {
            req?.destroy();
            res.destroy();
          },
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}
