import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Marked } from 'marked';
import { parse as parseYaml } from 'yaml';
import type { z } from 'astro/zod';
import { DEFAULT_LOCALE } from '../i18n/locales.ts';
import { overlay } from './translate.ts';
import {
  CompetencyFrameworkSchema,
  PathwaySchema,
  TRANSLATION_LOCALES,
  LessonFrontmatterSchema,
  ModuleFileSchema,
  PathwayFileSchema,
  QuizSchema,
  type CompetencyDomain,
  type CompetencyFramework,
  type Lesson,
  type Module,
  type ModuleEntry,
  type ModuleTranslation,
  type PathwayEntry,
  type ScalePoint,
} from './schema.ts';

/**
 * Lesson markdown starts its headings at `##`; on the page each lesson sits
 * under its own `<h2>`, so every heading moves one level down.
 */
const lessonMarkdown = new Marked({
  renderer: {
    heading({ tokens, depth }) {
      const level = Math.min(depth + 1, 6);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
  },
});

/** Fewest words a module's lessons may total. */
export const MODULE_WORD_FLOOR = 1800;

/** Everything the curriculum folders hold, parsed and cross-checked. */
export type Curriculum = {
  modules: ModuleEntry[];
  framework: CompetencyFramework;
  /** The framework's domains and scale, each with its translations. */
  domains: CompetencyDomainEntry[];
  scale: ScalePointEntry[];
  pathways: PathwayEntry[];
};

type Translated<T> = T & { translations: Partial<Record<(typeof TRANSLATION_LOCALES)[number], T>> };
export type CompetencyDomainEntry = Translated<CompetencyDomain>;
export type ScalePointEntry = Translated<ScalePoint>;

/** Thrown when any curriculum file is broken; lists every problem with its file and field. */
export class CurriculumError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`The curriculum has ${problems.length} problem(s). Fix each file and field named below, then build again:\n  - ${problems.join('\n  - ')}`);
    this.name = 'CurriculumError';
    this.problems = problems;
  }
}

/** Counts words the way a reader would: runs of letters or digits, ignoring markdown symbols. */
export function countWords(markdown: string): number {
  return markdown.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
}

const syllables = (word: string): number => {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (!w) return 0;
  const groups = w.match(/[aeiouy]+/g)?.length ?? 1;
  return Math.max(1, w.endsWith('e') && !w.endsWith('le') && groups > 1 ? groups - 1 : groups);
};

/**
 * Flesch-Kincaid grade level of some markdown prose (an estimate: syllables
 * are counted by vowel groups). Lessons aim for about grade 8.
 */
export function readingGrade(markdown: string): number {
  const prose = markdown
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .join(' ')
    .replace(/[*_>`]/g, '');
  const sentences = prose.split(/[.!?:;]+\s/).filter((s) => s.trim()).length || 1;
  const words = prose.match(/[A-Za-z][A-Za-z'’-]*/g) ?? [];
  if (words.length === 0) return 0;
  const total = words.reduce((sum, w) => sum + syllables(w), 0);
  return Math.round((0.39 * (words.length / sentences) + 11.8 * (total / words.length) - 15.59) * 10) / 10;
}

const fieldPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '') || '(top level)';

class Reader {
  readonly problems: string[] = [];
  readonly root: string;
  constructor(root: string) {
    this.root = root;
  }

  problem(file: string, field: string, message: string): void {
    this.problems.push(`${relative(this.root, file)}: ${field}: ${message}`);
  }

  /** Reads and validates a YAML file; undefined (with problems recorded) when it is broken. */
  yaml<S extends z.ZodType>(file: string, schema: S): z.output<S> | undefined {
    const raw = this.rawYaml(file);
    return raw === undefined ? undefined : this.validate(file, schema, raw);
  }

  /** Reads a YAML file without validating it; undefined (with a problem recorded) when it is missing or unreadable. */
  rawYaml(file: string): unknown {
    if (!existsSync(file)) {
      this.problem(file, '(file)', 'is missing');
      return undefined;
    }
    try {
      return parseYaml(readFileSync(file, 'utf8')) ?? undefined;
    } catch (error) {
      this.problem(file, '(file)', `is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
      return undefined;
    }
  }

  /**
   * Lays a translation file over the English value (see translate.ts) and
   * validates the result with the English schema; undefined when anything is wrong.
   */
  translated<S extends z.ZodType>(file: string, schema: S, english: unknown, complete: boolean): z.output<S> | undefined {
    const raw = this.rawYaml(file);
    if (raw === undefined) return undefined;
    const problems: string[] = [];
    const merged = overlay(english, raw, problems, { complete });
    for (const problem of problems) {
      const [field = '', ...message] = problem.split(': ');
      this.problem(file, field, message.join(': '));
    }
    return problems.length ? undefined : this.validate(file, schema, merged);
  }

  validate<S extends z.ZodType>(file: string, schema: S, raw: unknown): z.output<S> | undefined {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) this.problem(file, fieldPath(issue.path), issue.message);
    return undefined;
  }

  lesson(file: string, id: string): Lesson | undefined {
    if (!existsSync(file)) {
      this.problem(file, '(file)', 'is missing (named in module.yaml "lessons")');
      return undefined;
    }
    const source = readFileSync(file, 'utf8');
    const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
    if (!match) {
      this.problem(file, '(front matter)', 'is missing: start the file with "---", a "title:" line and "---"');
      return undefined;
    }
    let frontmatter: unknown;
    try {
      frontmatter = parseYaml(match[1] ?? '');
    } catch (error) {
      this.problem(file, '(front matter)', `is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
      return undefined;
    }
    const meta = this.validate(file, LessonFrontmatterSchema, frontmatter);
    if (!meta) return undefined;
    const body = source.slice(match[0].length);
    return { id, title: meta.title, html: lessonMarkdown.parse(body, { async: false }), words: countWords(body) };
  }
}

function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}

function readModule(reader: Reader, dir: string, id: string): ModuleEntry | undefined {
  const moduleFile = join(dir, 'module.yaml');
  const quizFile = join(dir, 'quiz.yaml');
  const meta = reader.yaml(moduleFile, ModuleFileSchema);
  const quiz = reader.yaml(quizFile, QuizSchema);
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) reader.problem(moduleFile, '(folder name)', `"${id}" must be lowercase words joined by hyphens`);
  if (quiz) {
    for (const dup of duplicates(quiz.questions.map((q) => q.id))) reader.problem(quizFile, 'questions', `question id "${dup}" is used more than once`);
    quiz.questions.forEach((question, q) => {
      if (question.type === 'reflection') return;
      const check = (choices: readonly { id: string; correct: boolean }[], field: string, label: string, single: boolean) => {
        const correct = choices.filter((option) => option.correct).length;
        if (correct === 0) reader.problem(quizFile, field, `${label} has no correct option; mark one with "correct: true"`);
        else if (single && correct !== 1) reader.problem(quizFile, field, `single-choice ${label} has ${correct} correct options; it needs exactly one (or make it "type: multiple")`);
        for (const dup of duplicates(choices.map((o) => o.id))) reader.problem(quizFile, field, `option id "${dup}" is used more than once in ${label}`);
      };
      check(question.options, `questions[${q}].options`, `question "${question.id}"`, question.type !== 'multiple');
      if (question.type === 'scenario')
        question.options.forEach((option, o) =>
          check(option.followUp.options, `questions[${q}].options[${o}].followUp.options`, `the follow-up to option "${option.id}" of "${question.id}"`, true),
        );
    });
  }
  if (!meta) return undefined;
  for (const dup of duplicates(meta.lessons)) reader.problem(moduleFile, 'lessons', `lesson "${dup}" is listed more than once`);
  const lessons = meta.lessons.map((lesson) => reader.lesson(join(dir, 'lessons', `${lesson}.md`), lesson));
  if (!quiz || lessons.some((lesson) => !lesson)) return undefined;
  const ready = lessons as Lesson[];
  const words = ready.reduce((sum, lesson) => sum + lesson.words, 0);
  if (words < MODULE_WORD_FLOOR) reader.problem(moduleFile, 'lessons', `the lessons total ${words} words; a module needs at least ${MODULE_WORD_FLOOR}`);
  const english = { ...meta, id, lessons: ready, quiz, words };
  const translations: ModuleEntry['translations'] = {};
  for (const locale of TRANSLATION_LOCALES) {
    const translation = readModuleTranslation(reader, join(dir, locale), english, locale);
    if (translation) translations[locale] = translation;
  }
  return { ...english, translations };
}

/**
 * A module's translation in `<module>/<locale>/`: `module.yaml` with the
 * prose fields it translates, and, once they are translated, a complete
 * `quiz.yaml` and a `lessons/` folder with every lesson under the English file
 * name (until then the English ones are used, and the page says so).
 * Undefined when the folder does not exist.
 */
function readModuleTranslation(reader: Reader, dir: string, english: Module, locale: string): ModuleTranslation | undefined {
  if (!existsSync(dir)) return undefined;
  const { id, lessons, quiz, words, ...fileFields } = english;
  const meta = reader.translated(join(dir, 'module.yaml'), ModuleFileSchema, { ...fileFields, lessons: lessons.map((lesson) => lesson.id) }, false);
  const quizFile = join(dir, 'quiz.yaml');
  const translatedQuiz = existsSync(quizFile) ? reader.translated(quizFile, QuizSchema, quiz, true) : quiz;
  const lessonsDir = join(dir, 'lessons');
  const translatedLessons = existsSync(lessonsDir) ? lessons.map((lesson) => reader.lesson(join(lessonsDir, `${lesson.id}.md`), lesson.id)) : lessons;
  const known = new Set(lessons.map((lesson) => `${lesson.id}.md`));
  if (existsSync(lessonsDir))
    for (const file of readdirSync(lessonsDir).filter((f) => f.endsWith('.md') && !known.has(f))) reader.problem(join(lessonsDir, file), '(file)', 'has no English lesson of the same name; rename or remove it');
  if (!meta || !translatedQuiz || translatedLessons.some((lesson) => !lesson)) return undefined;
  return {
    ...meta,
    id,
    lessons: translatedLessons as Lesson[],
    quiz: translatedQuiz,
    words,
    lessonsLanguage: existsSync(lessonsDir) ? locale : DEFAULT_LOCALE,
    quizLanguage: existsSync(quizFile) ? locale : DEFAULT_LOCALE,
  };
}

/**
 * Reads and checks the whole curriculum under `root` (the repository root):
 * `modules/`, `content/competencies.yaml` and `content/pathways/`.
 *
 * @throws {CurriculumError} naming every broken file and field
 */
export function readCurriculum(root: string = process.cwd()): Curriculum {
  const reader = new Reader(root);
  const modulesDir = join(root, 'modules');
  const moduleIds = existsSync(modulesDir)
    ? readdirSync(modulesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()
    : [];
  const modules = moduleIds.map((id) => readModule(reader, join(modulesDir, id), id)).filter((m): m is ModuleEntry => m !== undefined);
  modules.sort((a, b) => a.order - b.order);
  for (const dup of duplicates(modules.map((m) => String(m.order)))) reader.problem(modulesDir, 'order', `more than one module has order ${dup}`);

  const frameworkFile = join(root, 'content', 'competencies.yaml');
  const framework = reader.yaml(frameworkFile, CompetencyFrameworkSchema);
  const competencyIds = new Set(framework?.domains.map((d) => d.id));
  if (framework) {
    for (const dup of duplicates(framework.domains.map((d) => d.id))) reader.problem(frameworkFile, 'domains', `domain id "${dup}" is used more than once`);
    const categories = new Map(framework.frameworks.map((f) => [f.id, new Set(f.categories)]));
    framework.domains.forEach((domain, d) => {
      for (const [frameworkId, names] of Object.entries(domain.mappings)) {
        const known = categories.get(frameworkId);
        if (!known) reader.problem(frameworkFile, `domains[${d}].mappings.${frameworkId}`, `names unknown framework "${frameworkId}"; add it to "frameworks"`);
        else for (const name of names) if (!known.has(name)) reader.problem(frameworkFile, `domains[${d}].mappings.${frameworkId}`, `"${name}" is not a category of framework "${frameworkId}"`);
      }
    });
    for (const module of modules)
      module.competencies.forEach((id, c) => {
        if (!competencyIds.has(id)) reader.problem(join(modulesDir, module.id, 'module.yaml'), `competencies[${c}]`, `names unknown competency "${id}"`);
      });
  }

  const pathwaysDir = join(root, 'content', 'pathways');
  const knownModules = new Set(modules.map((m) => m.id));
  const pathways: PathwayEntry[] = [];
  const pathwayFiles = existsSync(pathwaysDir) ? readdirSync(pathwaysDir).filter((f) => f.endsWith('.yaml')).sort() : [];
  if (pathwayFiles.length === 0) reader.problem(pathwaysDir, '(folder)', 'holds no pathway; add at least one <id>.yaml');
  for (const fileName of pathwayFiles) {
    const file = join(pathwaysDir, fileName);
    const pathway = reader.yaml(file, PathwayFileSchema);
    if (!pathway) continue;
    for (const phase of ['training', 'placement', 'employment'] as const)
      pathway[phase].modules.forEach((id, i) => {
        if (!knownModules.has(id) && !moduleIds.includes(id)) reader.problem(file, `${phase}.modules[${i}]`, `names unknown module "${id}"`);
      });
    pathway.placement.competencies.forEach((id, i) => {
      if (framework && !competencyIds.has(id)) reader.problem(file, `placement.competencies[${i}]`, `names unknown competency "${id}"`);
    });
    const english = { ...pathway, id: fileName.replace(/\.yaml$/, '') };
    const translations: PathwayEntry['translations'] = {};
    for (const locale of TRANSLATION_LOCALES) {
      const translationFile = join(root, 'content', locale, 'pathways', fileName);
      if (!existsSync(translationFile)) continue;
      const translated = reader.translated(translationFile, PathwaySchema, english, true);
      if (translated) translations[locale] = translated;
    }
    pathways.push({ ...english, translations });
  }

  if (reader.problems.length > 0 || !framework) throw new CurriculumError(reader.problems);
  const domains: CompetencyDomainEntry[] = framework.domains.map((domain) => ({ ...domain, translations: {} }));
  const scale: ScalePointEntry[] = framework.scale.map((point) => ({ ...point, translations: {} }));
  for (const locale of TRANSLATION_LOCALES) {
    const translationFile = join(root, 'content', locale, 'competencies.yaml');
    if (!existsSync(translationFile)) continue;
    const translated = reader.translated(translationFile, CompetencyFrameworkSchema, framework, true);
    translated?.domains.forEach((domain, i) => ((domains[i] as CompetencyDomainEntry).translations[locale] = domain));
    translated?.scale.forEach((point, i) => ((scale[i] as ScalePointEntry).translations[locale] = point));
  }
  if (reader.problems.length > 0) throw new CurriculumError(reader.problems);
  return { modules, framework, domains, scale, pathways };
}
