/** Reads the diary form into the shape `writeDiaryEntry` validates. */
export function diaryFromForm(form: FormData): { values: Record<string, string | string[]>; reviewed: boolean } {
  const values: Record<string, string | string[]> = { values: form.getAll('values').map(String) };
  for (const name of ['date', 'setting', 'happened', 'did', 'learned', 'selfCare']) values[name] = String(form.get(name) ?? '');
  return { values, reviewed: form.get('reviewed') === 'yes' };
}
