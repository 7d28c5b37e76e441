import { z } from 'astro/zod';
import { DEFAULT_LOCALE, LOCALES } from '../i18n/locales.ts';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase words joined by hyphens, e.g. "role-clarity"');
const text = z.string().trim().min(1, 'must not be empty');

/** The locales authored content may be translated into (every one but English). */
export type TranslationLocale = Exclude<(typeof LOCALES)[number], 'en'>;
export const TRANSLATION_LOCALES = LOCALES.filter((l): l is TranslationLocale => l !== DEFAULT_LOCALE);
const TranslationLocaleSchema = z.enum(TRANSLATION_LOCALES as [TranslationLocale, ...TranslationLocale[]]);

/** A record's translations, each the whole record in that language (see translate.ts). */
const translationsOf = <S extends z.ZodType>(schema: S) => z.partialRecord(TranslationLocaleSchema, schema).default({});

/** The phases of the path, in order. */
export const PHASES = ['training', 'placement', 'employment'] as const;
export const PhaseSchema = z.enum(PHASES);
export type Phase = z.infer<typeof PhaseSchema>;

/** A work cited by a module: a seed study by its title, or a public framework by name. */
export const ReferenceSchema = z.object({
  /** Full title of the study or name of the framework. */
  title: text,
  /** One line on what the module takes from it. */
  note: z.string().optional(),
});

/** One answer option of a quiz question. */
export const QuizOptionSchema = z.object({
  /** Unique within its question (e.g. `a`). */
  id: slug,
  /** What the learner reads and chooses. */
  text,
  /** Whether choosing it is right. Part of the answer key: never sent to the browser before submission. */
  correct: z.boolean().default(false),
  /** Why this option helps or does not; shown after submission. Required for every option. */
  feedback: z.string({ error: 'every option needs feedback that explains why' }).trim().min(1, 'every option needs feedback that explains why'),
});

const questionBase = {
  /** Unique within the module's quiz. */
  id: slug,
  /** An optional situation the question asks about. */
  scenario: z.string().trim().optional(),
  /** The question itself. */
  prompt: text,
};
const options = z.array(QuizOptionSchema).min(2, 'a question needs at least two options').max(6);

/** The question that follows a choice in a scenario question. */
export const FollowUpSchema = z.object({
  /** What happens next, and what is asked. */
  prompt: text,
  /** Single choice: exactly one correct option. */
  options,
});

/**
 * One quiz question.
 * - `single`: exactly one correct option.
 * - `multiple`: one or more correct options, all of which must be chosen.
 * - `scenario`: a situation, a first choice (exactly one correct), and a follow-up
 *   that depends on the choice made; both steps are scored.
 * - `reflection`: free text, saved privately for the learner, never scored.
 */
export const QuizQuestionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('single'), ...questionBase, options }),
  z.object({ type: z.literal('multiple'), ...questionBase, options }),
  z.object({
    type: z.literal('scenario'),
    ...questionBase,
    scenario: text,
    options: z.array(QuizOptionSchema.extend({ followUp: FollowUpSchema })).min(2).max(6),
  }),
  z.object({ type: z.literal('reflection'), ...questionBase }),
]);
export type QuizQuestion = z.infer<typeof QuizQuestionSchema>;
export type ChoiceQuestion = Exclude<QuizQuestion, { type: 'reflection' }>;
export type QuizOption = z.infer<typeof QuizOptionSchema>;

/** A module's quiz (`quiz.yaml`). */
export const QuizSchema = z.object({
  /** Percent needed to pass. */
  passMark: z.number().int().min(1).max(100).default(80),
  /** The questions, in the order they are asked; at least one is scored. */
  questions: z
    .array(QuizQuestionSchema)
    .min(1, 'a quiz needs at least one question')
    .refine((questions) => questions.some((q) => q.type !== 'reflection'), 'a quiz needs at least one scored question'),
});
export type Quiz = z.infer<typeof QuizSchema>;

/** A lesson file's front matter. */
export const LessonFrontmatterSchema = z.object({
  /** Lesson heading. */
  title: text,
});

/** A lesson, as read and rendered. */
export const LessonSchema = z.object({
  /** File name without `.md`, e.g. `01-what-recovery-means`. */
  id: z.string().min(1),
  title: text,
  /** Rendered HTML of the lesson body (authored in the repository, so trusted). */
  html: z.string(),
  /** Words in the lesson body. */
  words: z.number().int().min(0),
});
export type Lesson = z.infer<typeof LessonSchema>;

/** The authored fields of `modules/<id>/module.yaml`. */
export const ModuleFileSchema = z.object({
  title: text,
  /** One or two sentences for the module list. */
  summary: text,
  /** Position in the curriculum; unique. */
  order: z.number().int().min(1),
  /** Where the module is usually taken. */
  phase: PhaseSchema.default('training'),
  /** Honest reading and quiz time. */
  estimatedMinutes: z.number().int().min(5).max(600),
  /** What a learner can do after the module. */
  outcomes: z.array(text).min(1, 'list at least one learning outcome'),
  /** Ids from `content/competencies.yaml`. */
  competencies: z.array(slug).min(1, 'name at least one competency'),
  /** Lesson file names (without `.md`) in reading order. */
  lessons: z.array(z.string().min(1)).min(1),
  /** Reflection prompts; answers stay private to the learner. */
  reflection: z.array(text).default([]),
  /** Show the organisation's "support for you" note. */
  support: z.boolean().default(false),
  references: z.array(ReferenceSchema).default([]),
});

/** A module in one language, as the site uses it: `module.yaml` with its lessons and quiz. */
export const ModuleSchema = ModuleFileSchema.extend({
  /** The folder name. */
  id: slug,
  lessons: z.array(LessonSchema).min(1),
  quiz: QuizSchema,
  /** Total words across the English lessons. */
  words: z.number().int().min(0),
});

export type Module = z.infer<typeof ModuleSchema>;

/**
 * A module in another locale. Its text (title, summary, outcomes, reflection)
 * is always translated; lessons and quiz may still be the English ones, and
 * these say which language each is in.
 */
export const ModuleTranslationSchema = ModuleSchema.extend({ lessonsLanguage: z.string(), quizLanguage: z.string() });
export type ModuleTranslation = z.infer<typeof ModuleTranslationSchema>;

/** A module with its translations (`modules/<id>/<locale>/`), as the content collection holds it. */
export const ModuleEntrySchema = ModuleSchema.extend({ translations: translationsOf(ModuleTranslationSchema) });
export type ModuleEntry = z.infer<typeof ModuleEntrySchema>;

/** A point on the shared four-step competency rating scale. */
export const ScalePointSchema = z.object({
  value: z.number().int().min(1).max(4),
  label: text,
  descriptor: text,
});
export type ScalePoint = z.infer<typeof ScalePointSchema>;
/** A scale point as the site uses it, with its translations (`content/<locale>/competencies.yaml`). */
export const ScalePointEntrySchema = ScalePointSchema.extend({ translations: translationsOf(ScalePointSchema) });

/** One domain of the competency framework. */
export const CompetencyDomainSchema = z.object({
  id: slug,
  title: text,
  summary: text,
  /** Observable behaviours, in our own words. */
  descriptors: z.array(text).min(1),
  /** Names of the matching categories in public frameworks, by framework id. */
  mappings: z.record(z.string(), z.array(text)).default({}),
});
export type CompetencyDomain = z.infer<typeof CompetencyDomainSchema>;
/** A domain as the site uses it, with its translations (`content/<locale>/competencies.yaml`). */
export const CompetencyDomainEntrySchema = CompetencyDomainSchema.extend({ translations: translationsOf(CompetencyDomainSchema) });

/** `content/competencies.yaml`. */
export const CompetencyFrameworkSchema = z.object({
  scale: z.array(ScalePointSchema).length(4, 'the rating scale has exactly four points'),
  domains: z.array(CompetencyDomainSchema).min(8, 'the framework has 8 to 12 domains').max(12, 'the framework has 8 to 12 domains'),
  /** Public frameworks the domains map to, with every category name they use. */
  frameworks: z.array(z.object({ id: slug, name: text, categories: z.array(text).min(1) })).default([]),
});
export type CompetencyFramework = z.infer<typeof CompetencyFrameworkSchema>;

/** An hours target within a phase. */
export const HoursTargetSchema = z.object({
  /** Category id, e.g. `one-to-one` or `basic-training`. */
  category: slug,
  label: text,
  /** Hours needed. */
  target: z.number().min(0).max(10_000),
});

/** A kind of continuing education a credential holder logs, with the hours of it each renewal needs (0 when it only counts toward the total). */
export const RenewalCategorySchema = z.object({
  /** Category id, e.g. `ethics`. */
  category: slug,
  label: text,
  /** Hours of this category needed in every renewal period. */
  minimum: z.number().min(0).max(1_000).default(0),
});

/**
 * How a credential earned on a pathway is kept up after qualification:
 * continuing education hours in every period from the day employment began.
 */
export const RenewalSchema = z
  .object({
    /** Length of one renewal period. */
    periodMonths: z.number().int().min(1).max(120),
    /** Continuing education hours needed in each period. */
    hours: z.number().positive().max(1_000),
    /** The categories a person can log; the first is the default. */
    categories: z.array(RenewalCategorySchema).min(1),
  })
  .refine((rule) => rule.categories.reduce((sum, c) => sum + c.minimum, 0) <= rule.hours, { message: 'The category minimums add up to more than the hours a period needs.' })
  .refine((rule) => new Set(rule.categories.map((c) => c.category)).size === rule.categories.length, { message: 'Each renewal category appears once.' });
export type RenewalRule = z.infer<typeof RenewalSchema>;

/** `content/pathways/<id>.yaml`: one programme's requirements, as data. */
export const PathwayFileSchema = z.object({
  title: text,
  summary: text,
  /** The programme or credential this pathway is modelled on. */
  modelledOn: text,
  /** Percent needed to pass a module quiz on this pathway. */
  passMark: z.number().int().min(1).max(100),
  training: z.object({
    modules: z.array(slug).min(1),
    /** Taught hours by category, where the programme counts them. */
    hours: z.array(HoursTargetSchema).default([]),
  }),
  placement: z.object({
    modules: z.array(slug).default([]),
    /** Total supervised practice hours. */
    totalHours: z.number().min(0),
    /** Minimum hours by practice category, where the programme sets them. */
    hours: z.array(HoursTargetSchema).default([]),
    /** Supervision hours received. */
    supervisionHours: z.number().min(0).default(0),
    /** Competency ids a mentor signs off before placement is complete. */
    competencies: z.array(slug).default([]),
  }),
  employment: z.object({
    modules: z.array(slug).default([]),
    /** Months after employment starts when a check-in falls due. */
    checkInMonths: z.array(z.number().int().min(1).max(120)).min(1),
  }),
  /** Continuing education after qualification, when the credential must be renewed. */
  renewal: RenewalSchema.optional(),
  /** Requirements kept outside PeerPath (exams, signed codes, references). */
  otherRequirements: z.array(text).default([]),
});
export const PathwaySchema = PathwayFileSchema.extend({ id: slug });
/** A pathway with its translations (`content/<locale>/pathways/<id>.yaml`), as the content collection holds it. */
export const PathwayEntrySchema = PathwaySchema.extend({ translations: translationsOf(PathwaySchema) });
export type Pathway = z.infer<typeof PathwaySchema>;
export type PathwayEntry = z.infer<typeof PathwayEntrySchema>;
