/**
 * Test helper run as a child process: writes quiz attempts to a lowdb store as
 * fast as it can and prints `ack <id>` after each write resolves. The parent
 * kills it with SIGKILL and checks that every acknowledged id is on disk.
 */
import { randomUUID } from 'node:crypto';
import { createLowdbStore } from '../document-store.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node kill-writer.ts <data dir>');
const store = await createLowdbStore(dir);
for (;;) {
  const id = randomUUID();
  await store.recordAttempt({
    id,
    userId: 'user-1',
    moduleId: 'recovery-values-in-practice',
    results: [{ questionId: 'q1', chosen: ['a'], correct: true }],
    score: 100,
    passMark: 80,
    passed: true,
    submittedAt: new Date().toISOString(),
  });
  process.stdout.write(`ack ${id}\n`);
}
