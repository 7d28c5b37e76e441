/**
 * Prints a table of the curriculum: per module, its words, lessons, questions
 * (and how many are scenarios), reflection prompts and reading grade.
 *
 *   npm run curriculum
 */
import { readCurriculum, readingGrade } from '../src/curriculum/read.ts';

const { modules, framework, pathways } = readCurriculum(process.cwd());
const rows = modules.map((m) => {
  const scored = m.quiz.questions.filter((q) => q.type !== 'reflection');
  const scenarios = scored.filter((q) => q.scenario).length;
  const grade = readingGrade(m.lessons.map((l) => l.html.replace(/<[^>]+>/g, ' ')).join('\n'));
  return `| ${m.order} | ${m.title} | ${m.phase} | ${m.lessons.length} | ${m.words} | ${m.quiz.questions.length} | ${scenarios} | ${m.reflection.length} | ${grade} |`;
});
console.log('| # | module | phase | lessons | words | questions | scenario-based | reflection prompts | reading grade |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
console.log(`\n${modules.length} modules, ${modules.reduce((s, m) => s + m.words, 0)} words, ${modules.reduce((s, m) => s + m.quiz.questions.length, 0)} questions; ${framework.domains.length} competency domains; pathways: ${pathways.map((p) => p.id).join(', ')}.`);
