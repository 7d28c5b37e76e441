import type { APIRoute } from 'astro';

/** 200 `{"status":"ok"}` when the store can be read; 503 otherwise. */
export const GET: APIRoute = async ({ locals }) => {
  const headers = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };
  try {
    await locals.runtime.store.ping();
    return new Response(JSON.stringify({ status: 'ok' }), { status: 200, headers });
  } catch {
    return new Response(JSON.stringify({ status: 'unavailable', reason: 'The data store cannot be read.' }), { status: 503, headers });
  }
};
