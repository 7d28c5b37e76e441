/** Shared by the server (plain form posts) and the quiz island (before it sends JSON). */
/**
 * Reads a plain (no-JavaScript) quiz form: `answer:<question>` for choices,
 * `followup:<question>:<first choice>` for scenario follow-ups (only the one
 * that belongs to the first choice counts), and `reflection:<question>`.
 */
export function submissionFromForm(form: FormData): { answers: Record<string, string[]>; followUps: Record<string, string>; reflections: Record<string, string> } {
  const answers: Record<string, string[]> = {};
  const followUps: Record<string, string> = {};
  const reflections: Record<string, string> = {};
  const pending: [string, string, string][] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value !== 'string') continue;
    const [kind, questionId, branch] = name.split(':');
    if (!questionId) continue;
    if (kind === 'answer') (answers[questionId] ??= []).push(value);
    else if (kind === 'reflection') reflections[questionId] = value;
    else if (kind === 'followup' && branch) pending.push([questionId, branch, value]);
  }
  for (const [questionId, branch, value] of pending) if (answers[questionId]?.[0] === branch) followUps[questionId] = value;
  return { answers, followUps, reflections };
}
