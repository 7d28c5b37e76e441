/**
 * The baseline of the throughput benchmark: a plain node:http server that
 * answers each path with bytes captured once from the app, with the same
 * content type. Started as its own process by throughput.ts, like the app.
 *
 *   node bench/plain-server.ts <port> <manifest.json>
 *
 * The manifest maps a request path to { file, contentType }.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [port, manifestFile] = process.argv.slice(2);
if (!port || !manifestFile) throw new Error('Usage: node bench/plain-server.ts <port> <manifest.json>');
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, { file: string; contentType: string }>;
const routes = new Map(Object.entries(manifest).map(([path, { file, contentType }]) => [path, { body: readFileSync(file), contentType }]));

createServer((request, response) => {
  if (request.url === '/ready') return void response.end('ok');
  const route = routes.get(request.url ?? '');
  if (!route) {
    response.writeHead(404, { 'Content-Type': 'text/plain' });
    return void response.end('not found');
  }
  response.writeHead(200, { 'Content-Type': route.contentType, 'Content-Length': route.body.length });
  response.end(route.body);
}).listen(Number(port), '127.0.0.1');
