import { describe, expect, it } from 'vitest';
import { z } from 'astro/zod';
import { formFields, isLocalAddress, personForm, continueTo, valuesToShowAgain, type FormContext } from './form.ts';
import { CeInputSchema } from '../renewal/renewal.server.ts';

const context = (user: App.Locals['user']) => ({ locals: { user } as App.Locals, url: new URL('http://localhost/x') }) as FormContext;

describe('form fields of an input schema', () => {
  it('keeps the names of a record-derived schema, as text', () => {
    const fields = formFields(CeInputSchema);
    expect(Object.keys(fields.shape).sort()).toEqual(['category', 'date', 'evidence', 'hours', 'provider', 'title']);
    expect(fields.parse({ hours: '2.5', title: 'Ethics day' })).toEqual({ hours: '2.5', title: 'Ethics day' });
    expect(fields.safeParse({ hours: 2.5 }).success).toBe(false);
  });

  it('reads lists as lists and booleans as checkboxes', () => {
    const fields = formFields(z.object({ ids: z.array(z.string()).min(1), shared: z.boolean().default(false), note: z.string().optional() }));
    expect(fields.parse({ ids: ['a', 'b'], shared: true })).toEqual({ ids: ['a', 'b'], shared: true });
    expect(fields.safeParse({ ids: 'a' }).success).toBe(false);
    expect(fields.parse({})).toEqual({});
  });
});

describe('where a form may send people next', () => {
  it('is a path on this site only', () => {
    expect(isLocalAddress('/renewal?saved=1')).toBe(true);
    for (const address of ['//evil.example', '/\\evil.example', 'https://evil.example/', 'renewal', undefined, 3]) expect(isLocalAddress(address)).toBe(false);
  });
});

describe('what a refused form shows again', () => {
  it('is the text typed and the boxes ticked, never a password', () => {
    expect(valuesToShowAgain({ title: 'x', password: 'secret', newPassword: 'secret2', current: 'old', confirm: 'secret2', token: 't', ids: ['a'], shared: true, mixed: ['a', 1] })).toEqual({ title: 'x', ids: ['a'] });
  });
});

describe('handlers', () => {
  it('turn an outcome into the next address or keep the refusal', () => {
    expect(continueTo({ ok: true, value: { id: 'c1' } }, (c) => `/certificates/${c.id}`)).toEqual({ ok: true, value: '/certificates/c1' });
    expect(continueTo({ ok: true, value: undefined }, '/done')).toEqual({ ok: true, value: '/done' });
    const refusal = { ok: false as const, status: 400 as const, message: 'Check the fields.', fields: { title: 'Needed' } };
    expect(continueTo(refusal, '/done')).toBe(refusal);
  });

  it('refuse people who are not signed in, before the feature runs', async () => {
    let ran = false;
    const f = personForm(z.object({}), async () => ((ran = true), { ok: true, value: '/' }));
    expect(await f.run({}, context(null))).toMatchObject({ ok: false, status: 401 });
    expect(ran).toBe(false);
    expect(await f.run({}, context({ id: 'u', name: 'U', email: 'u@example.org', operator: false }))).toEqual({ ok: true, value: '/' });
    expect(ran).toBe(true);
  });
});
