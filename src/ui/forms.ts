/** A notice at the top of a page: what was just done (ok), or why a form was refused. */
export type Notice = { text: string; ok: boolean };

/** The `aria-describedby` of a form field: its hint (if any) and its error (when there is one). */
export function describedBy(fields: Record<string, string>, name: string, hint?: string): string | undefined {
  return [hint, fields[name] ? `${name}-error` : undefined].filter(Boolean).join(' ') || undefined;
}
