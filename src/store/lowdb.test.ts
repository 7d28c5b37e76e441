import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLowdbStore, STORE_FILE } from './document-store.ts';
import { sampleAttempt, storeContract } from './store.contract.ts';

const freshDir = () => mkdtempSync(join(tmpdir(), 'peerpath-store-'));

storeContract('lowdb', () => createLowdbStore(freshDir()));

describe('lowdb store on disk', () => {
  it('keeps records across a restart', async () => {
    const dir = freshDir();
    const first = await createLowdbStore(dir);
    const attempt = sampleAttempt();
    await first.recordAttempt(attempt);
    await first.close();
    const second = await createLowdbStore(dir);
    expect((await second.progressFor('user-1')).attempts).toEqual([attempt]);
    await second.close();
  });

  it('refuses to open a data file that does not match the format, naming the file and field', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, STORE_FILE), JSON.stringify({ version: 1, auth: {}, attempts: [{ id: 'x' }] }));
    await expect(createLowdbStore(dir)).rejects.toThrow(/peerpath\.json does not match PeerPath's format at "attempts\.0\.userId"/);
  });

  it('refuses a second process on the same data folder with a clear message', async () => {
    const dir = freshDir();
    const holder = spawn(process.execPath, ['-e', `
      const { lockDataDir } = await import(${JSON.stringify(new URL('./data-dir-lock.ts', import.meta.url).href)});
      lockDataDir(${JSON.stringify(dir)});
      console.log('locked');
      setInterval(() => {}, 1000);
    `, '--input-type=module'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
      await expect(createLowdbStore(dir)).rejects.toThrow(`already in use by another PeerPath process (pid ${holder.pid})`);
    } finally {
      holder.kill('SIGKILL');
    }
    await new Promise((resolve) => holder.once('exit', resolve));
    // The lock of a killed process is stale and is taken over.
    const store = await createLowdbStore(dir);
    await store.close();
  });

  it('keeps every acknowledged write when the writing process is killed with SIGKILL', async () => {
    const writer = new URL('./testing/kill-writer.ts', import.meta.url).pathname;
    for (let round = 0; round < 5; round++) {
      const dir = freshDir();
      const child = spawn(process.execPath, [writer, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
      const acknowledged: string[] = [];
      let buffer = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        buffer += chunk;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) if (line.startsWith('ack ')) acknowledged.push(line.slice(4));
      });
      // Let it write for a varying while, then kill it mid-stream.
      await new Promise<void>((resolve) => {
        const target = 20 + round * 15;
        const timer = setInterval(() => {
          if (acknowledged.length >= target) {
            clearInterval(timer);
            resolve();
          }
        }, 2);
      });
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const stored = JSON.parse(readFileSync(join(dir, STORE_FILE), 'utf8')) as { attempts: { id: string }[] };
      const ids = new Set(stored.attempts.map((a) => a.id));
      expect(acknowledged.length).toBeGreaterThan(0);
      expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
      // And the killed process's lock does not block the next open.
      const reopened = await createLowdbStore(dir);
      expect((await reopened.progressFor('user-1')).attempts.length).toBeGreaterThanOrEqual(acknowledged.length);
      await reopened.close();
    }
  });
});
