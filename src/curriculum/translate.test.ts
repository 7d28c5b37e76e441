import { describe, expect, it } from 'vitest';
import { localise, overlay } from './translate.ts';

const english = {
  passMark: 80,
  questions: [{ id: 'q1', type: 'single', prompt: 'What is peer support?', options: [{ id: 'a', text: 'Shared experience', correct: true, feedback: 'Yes.' }] }],
};

describe('overlay', () => {
  it('takes prose from the translation and everything else from the English', () => {
    const problems: string[] = [];
    const merged = overlay(english, { passMark: 80, questions: [{ id: 'q1', type: 'single', prompt: '甚麼是朋輩支援？', options: [{ id: 'a', text: '共同經歷', feedback: '對。' }] }] }, problems);
    expect(problems).toEqual([]);
    expect(merged).toEqual({ passMark: 80, questions: [{ id: 'q1', type: 'single', prompt: '甚麼是朋輩支援？', options: [{ id: 'a', text: '共同經歷', correct: true, feedback: '對。' }] }] });
  });

  it('names every field a translation gets wrong and keeps the English there', () => {
    const problems: string[] = [];
    const merged = overlay(english, { passMark: 50, questions: [{ id: 'q2', prompt: '', extra: 1, options: [] }] }, problems);
    expect(problems).toEqual([
      'passMark: must stay 80 as in English; only prose is translated',
      'questions[0].extra: is not in the English file; remove it',
      'questions[0].id: must stay "q1" as in English; only prose is translated',
      'questions[0].prompt: must be text',
      'questions[0].options: must be a list of 1 item(s), as in English',
    ]);
    expect(merged).toEqual(english);
  });

  it('lets a partial translation leave fields out, unless it must be complete', () => {
    const partial: string[] = [];
    overlay({ title: 'Role clarity', order: 4, outcomes: ['Explain the role.'] }, { title: '角色清晰' }, partial, { complete: false });
    expect(partial).toEqual([]);
    const complete: string[] = [];
    overlay({ title: 'Role clarity', order: 4, outcomes: ['Explain the role.'] }, { title: '角色清晰' }, complete, { complete: true });
    expect(complete).toEqual(['outcomes: is missing; translate it (the English has it)']);
  });
});

describe('localise', () => {
  const entry = { id: 'm', title: 'Hope', translations: { 'zh-HK': { id: 'm', title: '希望' } } };

  it('gives the translation where there is one and says which language the reader gets', () => {
    expect(localise(entry, 'zh-HK')).toEqual({ id: 'm', title: '希望', language: 'zh-HK' });
    expect(localise(entry, 'en')).toEqual({ id: 'm', title: 'Hope', language: 'en' });
    expect(localise({ id: 'n', title: 'Boundaries', translations: {} }, 'zh-HK')).toEqual({ id: 'n', title: 'Boundaries', language: 'en' });
  });
});
