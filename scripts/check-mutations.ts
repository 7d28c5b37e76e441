/**
 * Checks that the test suite notices the regressions it exists to catch:
 * applies each mutation below to the source, runs the tests that guard it
 * (which must now fail), and puts the file back, whatever happens.
 *
 *   npm run test:mutations
 *
 * Exits non-zero when a mutation survives (its tests still pass), naming it.
 * Not part of `npm test`: it edits source files while it runs, so run it on a
 * checkout with nothing else going on.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

type Mutation = { name: string; file: string; from: string; to: string; tests: string[] };

const MUTATIONS: Mutation[] = [
  {
    name: 'withdrawing a shared wellbeing check-in leaves it shared',
    file: 'src/journal/journal.server.ts',
    from: 'store.saveWellbeing(share ? { ...rest, sharedAt: now.toISOString() } : rest)',
    to: 'store.saveWellbeing(share ? { ...rest, sharedAt: now.toISOString() } : checkIn)',
    tests: ['src/journal/journal.server.test.ts'],
  },
  {
    name: '"passed" and "completed" are sent again on a later pass',
    file: 'src/quiz/submit.server.ts',
    from: 'const firstPass = passed && !previous.some((a) => passes(a.score, passMark));',
    to: 'const firstPass = passed;',
    tests: ['src/quiz/submit.server.test.ts'],
  },
  {
    name: 'newest-first lists come oldest first',
    file: 'src/store/record-rules.ts',
    from: '[...rows].sort((a, b) => b.createdAt.localeCompare(a.createdAt))',
    to: '[...rows].sort((a, b) => a.createdAt.localeCompare(b.createdAt))',
    tests: ['src/store/memory.test.ts', 'src/store/lowdb.test.ts'],
  },
  {
    name: 'a mentor reads a check-in of someone who is not their mentee',
    file: 'src/journal/journal.server.ts',
    from: 'export async function sharedWellbeingOf(store: Store, mentorId: string, menteeId: string, now = new Date()): Promise<WellbeingCheckIn[]> {\n  if (!(await isMentorOf(store, mentorId, menteeId))) {',
    to: 'export async function sharedWellbeingOf(store: Store, mentorId: string, menteeId: string, now = new Date()): Promise<WellbeingCheckIn[]> {\n  if (mentorId === menteeId && !(await isMentorOf(store, mentorId, menteeId))) {',
    tests: ['src/journal/journal.server.test.ts'],
  },
  {
    name: "an admin's download holds diary text (their data export includes everyone's diary)",
    file: 'src/store/collections.ts',
    from: 'export: (d, u) => by(d.diary, u),',
    to: 'export: (d) => d.diary,',
    tests: ['src/reports/exports.server.test.ts'],
  },
];

let survived = 0;
for (const mutation of MUTATIONS) {
  const original = readFileSync(mutation.file, 'utf8');
  if (original.split(mutation.from).length !== 2) throw new Error(`Mutation "${mutation.name}": the text to change is not found exactly once in ${mutation.file}; update this script.`);
  writeFileSync(mutation.file, original.replace(mutation.from, mutation.to));
  try {
    const run = spawnSync('npx', ['vitest', 'run', ...mutation.tests], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
    const caught = run.status !== 0;
    if (!caught) survived++;
    console.log(`${caught ? 'caught   ' : 'SURVIVED '} ${mutation.name} (${mutation.tests.join(', ')})`);
  } finally {
    writeFileSync(mutation.file, original);
  }
}
console.log(`\n${MUTATIONS.length - survived} of ${MUTATIONS.length} mutations caught.`);
process.exit(survived ? 1 : 0);
