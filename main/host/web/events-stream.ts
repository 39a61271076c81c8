import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LiaisonEvent } from '../../../preload/contract';

export const KEEP_ALIVE_MS = 25_000;

type Subscribe = (listener: (event: LiaisonEvent) => void) => () => void;

/** Streams core events as Server-Sent Events until the page goes away. */
export function streamEvents(
  request: IncomingMessage,
  response: ServerResponse,
  subscribe: Subscribe,
  keepAliveMs: number = KEEP_ALIVE_MS,
): void {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    Connection: 'keep-alive',
  });
  // A comment first, so the browser sees the stream open (EventSource fires `open`) at once.
  response.write(': connected\n\n');
  const unsubscribe = subscribe((event) => response.write(`data: ${JSON.stringify(event)}\n\n`));
  // Comments keep proxies and the browser from timing out an idle stream.
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), keepAliveMs);
  const stop = (): void => {
    clearInterval(keepAlive);
    unsubscribe();
  };
  request.once('close', stop);
  response.once('close', stop);
}
