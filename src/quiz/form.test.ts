import { describe, expect, it } from 'vitest';
import { submissionFromForm } from './form.ts';

describe('submissionFromForm', () => {
  it('reads choices, keeps only the follow-up that belongs to the first choice, and reads reflections', () => {
    const form = new FormData();
    form.append('answer:values', 'a');
    form.append('answer:values', 'c');
    form.append('followup:gift:a', 'b');
    form.append('answer:gift', 'b');
    form.append('followup:gift:b', 'a');
    form.append('reflection:think', 'Slow down.');
    form.append('unrelated', 'x');
    expect(submissionFromForm(form)).toEqual({
      answers: { values: ['a', 'c'], gift: ['b'] },
      followUps: { gift: 'a' },
      reflections: { think: 'Slow down.' },
    });
  });
});
