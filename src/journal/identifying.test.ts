import { describe, expect, it } from 'vitest';
import { diaryHints, identifyingHints } from './identifying.ts';

describe('identifyingHints', () => {
  it('finds possible names in the middle of sentences, phone numbers, emails and street addresses', () => {
    const text = 'Today I sat with Mrs Chan Siu Ming at the drop-in. She gave me her number 9123 4567 and email siuming@example.com. She lives at 12 Nathan Road now.';
    expect(identifyingHints(text)).toEqual([
      { kind: 'email', text: 'siuming@example.com' },
      { kind: 'address', text: '12 Nathan Road' },
      { kind: 'phone', text: '9123 4567' },
      { kind: 'name', text: 'Chan Siu Ming' },
    ]);
  });

  it('stays quiet for writing that uses initials and roles', () => {
    expect(identifyingHints('I met K. at the drop-in. The team nurse and my mentor talked with us on Monday about Recovery College.')).toEqual([{ kind: 'name', text: 'College' }]);
    expect(identifyingHints('We talked about hope. He said the group helped. I felt useful.')).toEqual([]);
  });

  it('reads a diary entry as it is saved: its setting and three parts, trimmed; not self-care, which is about the writer', () => {
    const entry = { setting: 'the ward', happened: 'I met Wing Yee there.', did: 'Phoned 9123 4567.', learned: undefined };
    expect(diaryHints(entry)).toEqual([{ kind: 'phone', text: '9123 4567' }, { kind: 'name', text: 'Wing Yee' }]);
    expect(diaryHints({ ...entry, setting: '  Harbour kitchen  ' })).toEqual(diaryHints({ ...entry, setting: 'Harbour kitchen' }));
    const quiet = { setting: 'the ward', happened: 'We talked.', did: 'Listened.', learned: 'Go slowly.', selfCare: 'Called Mary.' };
    expect(diaryHints(quiet)).toEqual([]);
  });
});
