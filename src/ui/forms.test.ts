import { describe, expect, it } from 'vitest';
import { describedBy, pageNotice } from './forms.ts';

describe('a page notice', () => {
  it('is why a form was refused before what was just done, and none without either', () => {
    expect(pageNotice('Please fix the marked fields.', 'Saved.')).toEqual({ text: 'Please fix the marked fields.', ok: false });
    expect(pageNotice(undefined, 'Saved.')).toEqual({ text: 'Saved.', ok: true });
    expect(pageNotice('', '')).toBeUndefined();
    expect(pageNotice(undefined, undefined)).toBeUndefined();
  });
});

describe('a field description', () => {
  it('names the hint, then the error when there is one, else nothing', () => {
    expect(describedBy({}, 'hours', 'hours-hint')).toBe('hours-hint');
    expect(describedBy({ hours: 'Too many' }, 'hours', 'hours-hint')).toBe('hours-hint hours-error');
    expect(describedBy({ hours: 'Too many' }, 'hours')).toBe('hours-error');
    expect(describedBy({}, 'hours')).toBeUndefined();
  });
});
