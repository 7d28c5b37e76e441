/** A notice at the top of a page: what was just done (ok), or why a form was refused. */
export type Notice = { text: string; ok: boolean };

/** A page's notice: why its form was refused, else what was just done, else none. */
export function pageNotice(refusal: string | undefined, done: string | undefined): Notice | undefined {
  if (refusal) return { text: refusal, ok: false };
  return done ? { text: done, ok: true } : undefined;
}

/** The `aria-describedby` of a form field: its hint (if any) and its error (when there is one). */
export function describedBy(fields: Record<string, string>, name: string, hint?: string): string | undefined {
  return [hint, fields[name] ? `${name}-error` : undefined].filter(Boolean).join(' ') || undefined;
}
