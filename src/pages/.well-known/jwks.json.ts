import type { APIRoute } from 'astro';
import { signerOf } from '../../certificates/signing.ts';

/** The public key that signs this installation's Open Badges credentials, as a JWK set, for anyone verifying one. */
export const GET: APIRoute = async ({ locals }) => {
  const signer = await signerOf(locals.runtime);
  return new Response(JSON.stringify({ keys: [signer.publicJwk] }, null, 2), {
    status: 200,
    headers: { 'Content-Type': 'application/jwk-set+json; charset=utf-8', 'Cache-Control': 'public, max-age=3600', 'Access-Control-Allow-Origin': '*' },
  });
};
