/**
 * A soft check for details that could identify the people a peer worker
 * supports: possible names, phone numbers, email addresses and street
 * addresses. It asks the writer to look again; it never blocks or changes
 * what they wrote, and it can be wrong both ways.
 */
export type IdentifyingHint = { kind: 'name' | 'phone' | 'email' | 'address'; text: string };

/** Capitalised words that are common at the start of sentences or in peer-work writing, not names. */
const COMMON = new Set(
  'I I\'m I\'ve I\'d I\'ll A An The This That These Those Then There Their They We You He She It My Our Your His Her Its After Before When While Because But And So Or If As At In On Of For To From With Without Today Yesterday Tomorrow Later Afterwards Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December Mr Mrs Ms Dr OK Okay Yes No Not Also Still Just Even Maybe Perhaps Sometimes Something Someone Everyone Nobody What Why How Where Who Which Next Last First Second Finally Overall Looking Thinking Feeling Felt Using Together PIR PSW Peer Support Recovery Mentor Supervisor Team Staff Nurse Doctor Ward Unit Service Centre Center Group Hong Kong English Chinese Cantonese Mandarin'.split(' '),
);

const PHONE = /(?:\+?\d[\d\s-]{6,}\d)/g;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const ADDRESS = /\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Road|Rd|Street|St|Avenue|Ave|Lane|Drive|Close|Court|Way|Place|Terrace|Estate|House|Building)\b/g;
const CAPITALISED = /(?<![.!?]\s|^|\n)\b[A-Z][a-z]{2,}(?:\s+[A-Z][a-z]{2,}){0,3}\b/g;

/** Finds possible identifying details in a piece of writing, each listed once. */
export function identifyingHints(text: string): IdentifyingHint[] {
  const hints: IdentifyingHint[] = [];
  const add = (kind: IdentifyingHint['kind'], found: string) => {
    const clean = found.trim();
    if (!hints.some((h) => h.text === clean)) hints.push({ kind, text: clean });
  };
  for (const m of text.matchAll(EMAIL)) add('email', m[0]);
  const withoutEmails = text.replace(EMAIL, ' ');
  for (const m of withoutEmails.matchAll(ADDRESS)) add('address', m[0]);
  for (const m of withoutEmails.matchAll(PHONE)) if (m[0].replace(/\D/g, '').length >= 7) add('phone', m[0]);
  for (const m of withoutEmails.replace(ADDRESS, ' ').matchAll(CAPITALISED)) {
    const words = m[0].split(/\s+/);
    if (words.every((w) => COMMON.has(w))) continue;
    add('name', words.filter((w) => !COMMON.has(w)).join(' '));
  }
  return hints;
}

/** The parts of a diary entry the check reads: where, and the three parts that tell what happened (not self-care, which is about the writer). */
export type DiaryText = { setting?: string | undefined; happened?: string | undefined; did?: string | undefined; learned?: string | undefined };

/** The hints for a diary entry, from its parts as written (trimmed, as they are saved). */
export function diaryHints(entry: DiaryText): IdentifyingHint[] {
  return identifyingHints([entry.setting, entry.happened, entry.did, entry.learned].map((part) => (part ?? '').trim()).join('\n'));
}
