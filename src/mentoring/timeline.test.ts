import { describe, expect, it } from 'vitest';
import { learningEvent } from '../events/build.ts';
import { withLocale } from '../i18n/index.ts';
import { describeEvent } from './timeline.ts';

const names = new Map([['u1', '陳嘉欣']]);
const passed = learningEvent({ actorId: 'u1', verb: 'passed', object: { type: 'quiz', id: 'role-clarity', name: 'Role clarity' }, result: { score: 90, success: true }, at: '2026-12-03T10:00:00Z' });

describe('describeEvent', () => {
  it('names a module by its title in the reader\'s language, not the English name the event was recorded with', () => {
    const zhTitles = (object: { type: string; id: string }) => (object.id === 'role-clarity' ? '角色清晰' : undefined);
    const line = withLocale('zh-HK', () => describeEvent(passed, names, (id) => id, zhTitles));
    expect(line).toContain('角色清晰');
    expect(line).toContain('陳嘉欣');
    expect(line).not.toContain('Role clarity');
  });

  it('falls back to the recorded name when the title is not known', () => {
    expect(describeEvent(passed, names, (id) => id)).toContain('Role clarity');
  });
});
