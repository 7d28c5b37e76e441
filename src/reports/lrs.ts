import type { XapiStatement } from '../events/xapi.ts';

export type LrsConfig = { url: string; username: string; password: string };

/**
 * Sends statements to a Learning Record Store (xAPI 1.0.3), in batches, with
 * retries and a growing pause on network errors, 429 and 5xx answers.
 */
export async function sendToLrs(
  statements: readonly XapiStatement[],
  lrs: LrsConfig,
  options: { batchSize?: number; retries?: number; pauseMs?: number; fetchImpl?: typeof fetch } = {},
): Promise<{ sent: number; batches: number; attempts: number }> {
  const { batchSize = 50, retries = 3, pauseMs = 200, fetchImpl = fetch } = options;
  const endpoint = `${lrs.url.replace(/\/$/, '')}/statements`;
  const auth = `Basic ${Buffer.from(`${lrs.username}:${lrs.password}`).toString('base64')}`;
  let attempts = 0;
  let batches = 0;
  for (let start = 0; start < statements.length; start += batchSize) {
    const batch = statements.slice(start, start + batchSize);
    for (let attempt = 0; ; attempt++) {
      attempts++;
      const response = await fetchImpl(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3', Authorization: auth },
        body: JSON.stringify(batch),
      }).catch((error: unknown) => error as Error);
      if (!(response instanceof Error) && response.ok) break;
      const retryable = response instanceof Error || response.status === 429 || response.status >= 500;
      if (!retryable || attempt >= retries) {
        const reason = response instanceof Error ? response.message : `HTTP ${response.status}`;
        throw new Error(`The learning record store did not accept the statements (${reason}) after ${attempt + 1} attempt(s). ${batches * batchSize} of ${statements.length} were sent. Check LRS_URL and its credentials, then send again.`);
      }
      await new Promise((resolve) => setTimeout(resolve, pauseMs * 2 ** attempt));
    }
    batches++;
  }
  return { sent: statements.length, batches, attempts };
}
