import type { APIRoute } from 'astro';

/** "My progress" became "My path"; old links keep working. */
export const GET: APIRoute = ({ redirect }) => redirect('/path', 301);
