import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { learningEvent } from '../events/build.ts';
import { toXapiStatement } from '../events/xapi.ts';
import { sendToLrs } from './lrs.ts';

const statements = Array.from({ length: 7 }, (_, i) =>
  toXapiStatement(learningEvent({ actorId: `u${i}`, verb: 'attempted', object: { type: 'quiz', id: 'role-clarity' }, result: { score: 80 }, at: new Date() }), 'https://peers.example'),
);

let close: (() => void) | undefined;
afterEach(() => close?.());

/** A real HTTP learning record store on loopback that fails the first `failures` requests. */
async function fakeLrs(failures: number) {
  const received: { auth: string | undefined; version: string | undefined; count: number }[] = [];
  let seen = 0;
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen++;
      if (seen <= failures) {
        res.writeHead(503).end();
        return;
      }
      received.push({ auth: req.headers.authorization, version: req.headers['x-experience-api-version'] as string, count: (JSON.parse(body) as unknown[]).length });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('[]');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => server.close();
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/xapi`, received };
}

describe('sendToLrs', () => {
  it('sends statements in batches with xAPI headers and basic auth, retrying after server errors', async () => {
    const lrs = await fakeLrs(2);
    const result = await sendToLrs(statements, { url: lrs.url, username: 'key', password: 'secret' }, { batchSize: 5, pauseMs: 5 });
    expect(result).toEqual({ sent: 7, batches: 2, attempts: 4 });
    expect(lrs.received.map((r) => r.count)).toEqual([5, 2]);
    expect(lrs.received[0]).toMatchObject({ version: '1.0.3', auth: `Basic ${Buffer.from('key:secret').toString('base64')}` });
  });

  it('gives up after the retries with a message that says what to check', async () => {
    const lrs = await fakeLrs(100);
    await expect(sendToLrs(statements, { url: lrs.url, username: 'k', password: 's' }, { retries: 2, pauseMs: 1 })).rejects.toThrow(/HTTP 503\) after 3 attempt\(s\)\. 0 of 7 were sent\. Check LRS_URL/);
  });
});
