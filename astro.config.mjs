// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import svelte from '@astrojs/svelte';

export default defineConfig({
  // Pages are rendered on demand unless they opt in with `export const prerender = true`.
  output: 'server',
  adapter: node({ mode: 'standalone', bodySizeLimit: 1024 * 1024 }),
  integrations: [svelte()],
  server: { port: 4321, host: 'localhost' },
  // No Shiki: it is incompatible with a strict CSP and the curriculum has no code.
  markdown: { syntaxHighlight: false },
  security: { checkOrigin: true },
  devToolbar: { enabled: false },
});
