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
  security: {
    checkOrigin: true,
    // A Content Security Policy on every page: Astro hashes its own scripts and styles;
    // anything else (an injected script, a stray inline handler) does not run.
    csp: {
      directives: ["default-src 'self'", "img-src 'self' data:", "object-src 'none'", "base-uri 'self'", "form-action 'self'"],
    },
  },
  // English at the plain paths, Traditional Chinese (Hong Kong) under /zh-HK/. The routing itself is
  // PeerPath's middleware (src/middleware.ts): one set of pages answers in every locale.
  i18n: {
    locales: ['en', 'zh-HK'],
    defaultLocale: 'en',
    routing: 'manual',
  },
  devToolbar: { enabled: false },
});
