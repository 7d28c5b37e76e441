import type { APIRoute } from 'astro';
import { signOut } from '../auth/sign-in.server.ts';

/** Ends the session on the server, clears the cookie, and says goodbye on the sign-in page. */
export const POST: APIRoute = async ({ locals, request, clientAddress }) => {
  const headers = new Headers({ Location: '/sign-in?signed-out=1' });
  const cookies = await signOut(locals.runtime, { clientAddress, cookie: request.headers.get('cookie') });
  for (const cookie of cookies) headers.append('Set-Cookie', cookie);
  return new Response(null, { status: 303, headers });
};
