/**
 * Translations of authored content. A translation is a file of the same shape
 * as the English one (`modules/<id>/<locale>/quiz.yaml`,
 * `content/<locale>/competencies.yaml`, ...) that replaces only its prose:
 * every id, number, flag and list length must match the English, so a quiz
 * scores the same in every language and a translation can never change what
 * a pathway asks for. The merged record is then validated by the same schema
 * as the English one.
 */

/** Keys whose string values (or lists of strings) are prose a translator rewrites. */
export const PROSE_KEYS: ReadonlySet<string> = new Set([
  'title',
  'summary',
  'text',
  'prompt',
  'scenario',
  'feedback',
  'label',
  'descriptor',
  'descriptors',
  'note',
  'modelledOn',
  'outcomes',
  'reflection',
  'otherRequirements',
]);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const at = (path: string, key: string | number): string => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/**
 * The English value with the translation's prose laid over it. Problems (a key
 * the English lacks, a list of another length, a changed id or number, and,
 * when `complete`, prose left untranslated) are added to `problems` as
 * "field: message"; the English value is kept wherever the translation is wrong.
 */
export function overlay(english: unknown, translated: unknown, problems: string[], options: { complete: boolean; path?: string; prose?: boolean } = { complete: true }): unknown {
  const path = options.path ?? '';
  const field = path || '(top level)';
  const prose = options.prose ?? false;
  if (translated === undefined) {
    if (options.complete && containsProse(english, prose)) problems.push(`${field}: is missing; translate it (the English has it)`);
    return english;
  }
  if (Array.isArray(english)) {
    if (!Array.isArray(translated) || translated.length !== english.length) {
      problems.push(`${field}: must be a list of ${english.length} item(s), as in English`);
      return english;
    }
    return english.map((item, i) => overlay(item, translated[i], problems, { ...options, path: at(path, i), prose }));
  }
  if (isRecord(english)) {
    if (!isRecord(translated)) {
      problems.push(`${field}: must be a group of fields, as in English`);
      return english;
    }
    for (const key of Object.keys(translated)) if (!(key in english)) problems.push(`${at(path, key)}: is not in the English file; remove it`);
    return Object.fromEntries(Object.entries(english).map(([key, value]) => [key, overlay(value, translated[key], problems, { ...options, path: at(path, key), prose: PROSE_KEYS.has(key) })]));
  }
  if (prose && typeof english === 'string') {
    if (typeof translated === 'string' && translated.trim()) return translated;
    problems.push(`${field}: must be text`);
    return english;
  }
  if (translated !== english) problems.push(`${field}: must stay ${JSON.stringify(english)} as in English; only prose is translated`);
  return english;
}

function containsProse(value: unknown, prose: boolean): boolean {
  if (typeof value === 'string') return prose;
  if (Array.isArray(value)) return value.some((item) => containsProse(item, prose));
  if (isRecord(value)) return Object.entries(value).some(([key, item]) => containsProse(item, PROSE_KEYS.has(key)));
  return false;
}

/**
 * A record in `locale`: its translation when it has one, else the English,
 * with `language` saying which one the reader gets (pages note English shown
 * in place of a missing translation).
 */
export function localise<C extends object>(entry: C & { translations: Partial<Record<string, C>> }, locale: string): Omit<C, 'translations'> & { language: string } {
  const { translations, ...english } = entry;
  const translated = translations[locale];
  return translated ? { ...translated, language: locale } : { ...english, language: 'en' };
}
