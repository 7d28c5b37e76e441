import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { CurriculumError, countWords, MODULE_WORD_FLOOR, readCurriculum, readingGrade } from './read.ts';

const root = process.cwd();

describe('the real curriculum', () => {
  const curriculum = readCurriculum(root);

  it('has at least twelve modules, each above the word floor with a substantial quiz', () => {
    expect(curriculum.modules.length).toBeGreaterThanOrEqual(12);
    for (const module of curriculum.modules) {
      expect(module.words, module.id).toBeGreaterThanOrEqual(MODULE_WORD_FLOOR);
      expect(module.lessons.length, module.id).toBeGreaterThanOrEqual(3);
      expect(module.quiz.questions.length, module.id).toBeGreaterThanOrEqual(8);
      expect(module.reflection.length, module.id).toBeGreaterThanOrEqual(2);
      expect(module.references.length, module.id).toBeGreaterThan(0);
      const scenarios = module.quiz.questions.filter((q) => q.scenario).length;
      expect(scenarios * 2, `${module.id}: most questions are scenarios`).toBeGreaterThan(module.quiz.questions.length);
    }
  });

  it('reads at about a grade 8 level or easier, module by module', () => {
    for (const module of curriculum.modules) {
      const source = module.lessons.map((l) => l.html.replace(/<[^>]+>/g, ' ')).join('\n');
      expect(readingGrade(source), module.id).toBeLessThanOrEqual(9);
    }
  });

  it('has a framework of 8 to 12 domains and the two example pathways', () => {
    expect(curriculum.framework.domains.length).toBeGreaterThanOrEqual(8);
    expect(curriculum.pathways.map((p) => p.id).sort()).toEqual(['hong-kong-peer-support', 'icrc-peer-recovery']);
    const hk = curriculum.pathways.find((p) => p.id === 'hong-kong-peer-support');
    expect(hk?.training.hours.map((h) => h.target)).toEqual([36, 12]);
    expect(hk?.placement.totalHours).toBe(52);
    expect(hk?.employment.checkInMonths).toEqual([3, 6, 9, 12]);
    const icrc = curriculum.pathways.find((p) => p.id === 'icrc-peer-recovery');
    expect(icrc?.training.hours.reduce((sum, h) => sum + h.target, 0)).toBe(46);
    expect(icrc?.placement).toMatchObject({ totalHours: 500, supervisionHours: 25 });
  });
});

/**
 * Copies the real curriculum to a scratch folder, applies a change, and
 * returns what the reader says. Translations are left out unless asked for,
 * so a change to the English is judged on its own.
 */
function problemsAfter(change: (dir: string) => void, options: { translations?: boolean } = {}): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'peerpath-curriculum-'));
  const filter = (source: string) => options.translations === true || !/[/\\]zh-HK$/.test(source);
  try {
    cpSync(join(root, 'modules'), join(dir, 'modules'), { recursive: true, filter });
    cpSync(join(root, 'content'), join(dir, 'content'), { recursive: true, filter });
    change(dir);
    readCurriculum(dir);
    return [];
  } catch (error) {
    if (error instanceof CurriculumError) return error.problems;
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests reach into parsed YAML of known shape
function editYaml(file: string, edit: (data: Record<string, any>) => void): void {
  const data = parse(readFileSync(file, 'utf8'));
  edit(data);
  writeFileSync(file, stringify(data));
}

const quizFile = (dir: string) => join(dir, 'modules', 'role-clarity', 'quiz.yaml');
const moduleFile = (dir: string) => join(dir, 'modules', 'role-clarity', 'module.yaml');

describe('the build refuses a broken curriculum, naming the file and field', () => {
  it('a single-choice question with two correct options', () => {
    const problems = problemsAfter((dir) =>
      editYaml(quizFile(dir), (quiz) => {
        const question = quiz.questions.find((q: { type: string }) => q.type === 'single');
        for (const option of question.options) option.correct = true;
      }),
    );
    expect(problems).toEqual([expect.stringMatching(/^modules\/role-clarity\/quiz\.yaml: questions\[\d+\]\.options: single-choice question ".+" has \d correct options/)]);
  });

  it('a question with no correct option', () => {
    const problems = problemsAfter((dir) => editYaml(quizFile(dir), (quiz) => quiz.questions[1].options.forEach((o: { correct: boolean }) => (o.correct = false))));
    expect(problems).toEqual([expect.stringMatching(/quiz\.yaml: questions\[1\]\.options: question ".+" has no correct option/)]);
  });

  it('an option without feedback', () => {
    const problems = problemsAfter((dir) => editYaml(quizFile(dir), (quiz) => delete quiz.questions[2].options[0].feedback));
    expect(problems).toEqual(['modules/role-clarity/quiz.yaml: questions[2].options[0].feedback: every option needs feedback that explains why']);
  });

  it('a duplicated question id and a duplicated module order', () => {
    const problems = problemsAfter((dir) => {
      editYaml(quizFile(dir), (quiz) => (quiz.questions[1].id = quiz.questions[0].id));
      editYaml(moduleFile(dir), (module) => (module.order = 1));
    });
    expect(problems).toEqual([expect.stringMatching(/quiz\.yaml: questions: question id ".+" is used more than once/), 'modules: order: more than one module has order 1']);
  });

  it('an unknown competency in a module and an unknown module in a pathway', () => {
    const problems = problemsAfter((dir) => {
      editYaml(moduleFile(dir), (module) => module.competencies.push('juggling'));
      editYaml(join(dir, 'content', 'pathways', 'icrc-peer-recovery.yaml'), (pathway) => pathway.training.modules.push('time-travel'));
    });
    expect(problems).toEqual([
      expect.stringMatching(/^modules\/role-clarity\/module\.yaml: competencies\[\d+\]: names unknown competency "juggling"$/),
      expect.stringMatching(/^content\/pathways\/icrc-peer-recovery\.yaml: training\.modules\[\d+\]: names unknown module "time-travel"$/),
    ]);
  });

  it('a module under its word floor', () => {
    const problems = problemsAfter((dir) => {
      const module = parse(readFileSync(moduleFile(dir), 'utf8'));
      for (const lesson of module.lessons) writeFileSync(join(dir, 'modules', 'role-clarity', 'lessons', `${lesson}.md`), '---\ntitle: Short\n---\n\nToo short.\n');
    });
    expect(problems).toEqual([expect.stringMatching(/^modules\/role-clarity\/module\.yaml: lessons: the lessons total \d+ words; a module needs at least 1800$/)]);
  });

  it('a missing required field', () => {
    expect(problemsAfter((dir) => editYaml(moduleFile(dir), (module) => delete module.summary))).toEqual([
      expect.stringMatching(/^modules\/role-clarity\/module\.yaml: summary: /),
    ]);
  });
});

describe('readingGrade', () => {
  it('rates short plain sentences lower than long complex ones', () => {
    expect(readingGrade('You are not alone. We can talk. It is okay to rest.')).toBeLessThan(3);
    expect(readingGrade('Notwithstanding considerable organisational heterogeneity, interdisciplinary collaboration necessitates comprehensive institutional commitment.')).toBeGreaterThan(15);
  });
});

describe('countWords', () => {
  it('counts words, not markdown symbols', () => {
    expect(countWords('## A heading\n\n- one *two* three\n> "Quoted" — words')).toBe(7);
  });
});

const CORE_MODULES = ['peer-support-and-recovery', 'recovery-values-in-practice', 'mutuality-and-relationship', 'role-clarity'];

describe('translations of the curriculum', () => {
  const curriculum = readCurriculum(root);

  it('carries the four core modules in Traditional Chinese (Hong Kong), lesson for lesson, with the same quiz', () => {
    for (const id of CORE_MODULES) {
      const module = curriculum.modules.find((m) => m.id === id);
      const zh = module?.translations['zh-HK'];
      expect(zh, id).toBeDefined();
      if (!module || !zh) continue;
      expect(zh.title).not.toBe(module.title);
      expect(zh.title).toMatch(/\p{Script=Han}/u);
      expect(zh.lessons.map((l) => l.id)).toEqual(module.lessons.map((l) => l.id));
      for (const lesson of zh.lessons) expect(lesson.html.match(/\p{Script=Han}/gu)?.length ?? 0, `${id}/${lesson.id}`).toBeGreaterThan(1000);
      // Scoring depends only on ids and flags, so an attempt counts the same in either language.
      const shape = (quiz: typeof module.quiz) => JSON.stringify(quiz, (key, value) => (['scenario', 'prompt', 'text', 'feedback'].includes(key) ? undefined : value));
      expect(shape(zh.quiz)).toBe(shape(module.quiz));
      expect(zh.quiz.questions[0]?.prompt).not.toBe(module.quiz.questions[0]?.prompt);
    }
  });

  it('translates the competency framework and both pathways without changing a requirement', () => {
    for (const domain of curriculum.domains) expect(domain.translations['zh-HK']?.title, domain.id).toMatch(/\p{Script=Han}/u);
    for (const point of curriculum.scale) expect(point.translations['zh-HK']?.label).toMatch(/\p{Script=Han}/u);
    for (const pathway of curriculum.pathways) {
      const zh = pathway.translations['zh-HK'];
      expect(zh?.title).toMatch(/\p{Script=Han}/u);
      expect(zh?.placement).toMatchObject({ totalHours: pathway.placement.totalHours, supervisionHours: pathway.placement.supervisionHours, competencies: pathway.placement.competencies });
      expect(zh?.passMark).toBe(pathway.passMark);
    }
  });

  const zhQuiz = (dir: string) => join(dir, 'modules', 'role-clarity', 'zh-HK', 'quiz.yaml');

  it('refuses a translated quiz that moves the correct answer', () => {
    const problems = problemsAfter(
      (dir) =>
        editYaml(zhQuiz(dir), (quiz) => {
          quiz.questions[0].options[0].correct = !quiz.questions[0].options[0].correct;
        }),
      { translations: true },
    );
    expect(problems).toEqual([expect.stringMatching(/^modules\/role-clarity\/zh-HK\/quiz\.yaml: questions\[0\]\.options\[0\]\.correct: must stay (true|false) as in English/)]);
  });

  it('refuses a translated quiz with a field the English lacks, or feedback left out', () => {
    const problems = problemsAfter(
      (dir) =>
        editYaml(zhQuiz(dir), (quiz) => {
          quiz.questions[0].hint = '提示';
          delete quiz.questions[1].options[0].feedback;
        }),
      { translations: true },
    );
    expect(problems).toEqual([
      expect.stringMatching(/zh-HK\/quiz\.yaml: questions\[0\]\.hint: is not in the English file/),
      expect.stringMatching(/zh-HK\/quiz\.yaml: questions\[1\]\.options\[0\]\.feedback: is missing; translate it/),
    ]);
  });

  it('refuses a translation missing a lesson, and a translated pathway that changes its hours', () => {
    const problems = problemsAfter(
      (dir) => {
        rmSync(join(dir, 'modules', 'role-clarity', 'zh-HK', 'lessons', '03-working-inside-clinical-teams.md'));
        editYaml(join(dir, 'content', 'zh-HK', 'pathways', 'hong-kong-peer-support.yaml'), (pathway) => {
          pathway.placement.totalHours = 10;
        });
      },
      { translations: true },
    );
    expect(problems).toEqual([
      expect.stringMatching(/^modules\/role-clarity\/zh-HK\/lessons\/03-working-inside-clinical-teams\.md: \(file\): is missing/),
      expect.stringMatching(/^content\/zh-HK\/pathways\/hong-kong-peer-support\.yaml: placement\.totalHours: must stay 52 as in English/),
    ]);
  });

  it('translates the text of every other module, keeping its lessons and quiz in English until they are translated', () => {
    for (const module of curriculum.modules.filter((m) => !CORE_MODULES.includes(m.id))) {
      const zh = module.translations['zh-HK'];
      expect(zh?.title, module.id).toMatch(/\p{Script=Han}/u);
      expect(zh?.outcomes.length).toBe(module.outcomes.length);
      expect(zh).toMatchObject({ lessonsLanguage: 'en', quizLanguage: 'en' });
      expect(zh?.lessons).toEqual(module.lessons);
      expect(zh?.quiz).toEqual(module.quiz);
    }
    for (const id of CORE_MODULES) expect(curriculum.modules.find((m) => m.id === id)?.translations['zh-HK']).toMatchObject({ lessonsLanguage: 'zh-HK', quizLanguage: 'zh-HK' });
  });

  it('accepts a module with no translation at all, which the site then shows in English', () => {
    const problems = problemsAfter((dir) => rmSync(join(dir, 'modules', 'families-and-carers', 'zh-HK'), { recursive: true }), { translations: true });
    expect(problems).toEqual([]);
  });
});
