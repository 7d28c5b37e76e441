import type { APIContext } from 'astro';
import { describe, expect, it } from 'vitest';
import { GET } from '../pages/healthz.ts';

const call = (ping: () => Promise<void>) => GET({ locals: { runtime: { store: { ping } } } } as unknown as APIContext);

describe('GET /healthz', () => {
  it('answers 200 {"status":"ok"} when the store can be read', async () => {
    const response = await call(async () => {});
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers 503 when it cannot', async () => {
    const response = await call(async () => {
      throw new Error('disk gone');
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'unavailable' });
  });
});
