import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCurriculum } from '../curriculum/read.ts';
import { catalogueOf, enrolPerson, logHours, pathFor } from '../path/path.server.ts';
import type { Store } from '../store/index.ts';
import { openTestStore } from '../store/test-store.ts';
import { createSignOffLink, linkFormAddress, linkPage, madeLinkAmong, openSignOffLink, signOffLinksFor, signOffPage, thanksFor, type MadeLink, useSignOffLink, useSignOffMailer } from './signoff.server.ts';
import { signOffForms } from './forms.ts';
import type { FormContext } from '../ui/form.ts';

const catalogue = catalogueOf(readCurriculum(process.cwd()));
const now = new Date('2026-11-20T10:00:00.000Z');
const later = (days: number) => new Date(now.getTime() + days * 86_400_000);
const rater = { raterName: 'Wing Chan', raterEmail: 'Wing.Chan@example.org', raterRole: 'supervisor' };

let store: Store;
let entries: string[];
beforeEach(async () => {
  store = await openTestStore();
  await store.authTables.insert('organization', { id: 'org', name: 'Harbour', slug: 'harbour' });
  for (const [id, role] of [['admin', 'admin'], ['mentor', 'mentor'], ['tia', 'trainee'], ['ben', 'trainee']] as const) {
    await store.authTables.insert('user', { id, name: `Person ${id}`, email: `${id}@example.org` });
    await store.authTables.insert('member', { id: `m-${id}`, organizationId: 'org', userId: id, role });
  }
  await store.pairMentor({ id: 'pair', organisationId: 'org', mentorId: 'mentor', menteeId: 'tia', startedAt: now.toISOString() });
  for (const userId of ['tia', 'ben']) await enrolPerson(store, catalogue, 'admin', { userId, organisationId: 'org', pathwayId: 'icrc-peer-recovery', startedOn: '2026-09-01' }, now);
  entries = [];
  for (const date of ['2026-11-10', '2026-11-11', '2026-11-12']) {
    const logged = await logHours(store, catalogue, 'tia', { date, hours: '4', category: 'one-to-one', site: 'Kowloon drop-in' }, now);
    if (logged.ok) entries.push(logged.value.id);
  }
});
afterEach(() => store.close());

const tokenOf = (outcome: Awaited<ReturnType<typeof createSignOffLink>>) => (outcome.ok ? outcome.value.token : '');

describe('sign-off links', () => {
  it('are made by the trainee or their mentor only, for unverified entries or a pathway competency, with errors per field', async () => {
    expect(await createSignOffLink(store, catalogue, 'ben', 'tia', { ...rater, kind: 'hours', entryIds: [entries[0]] }, now)).toMatchObject({ ok: false, status: 404 });
    expect(await createSignOffLink(store, catalogue, 'mentor', 'tia', { ...rater, kind: 'hours', entryIds: [entries[0]] }, now)).toMatchObject({ ok: true });
    const bad = await createSignOffLink(store, catalogue, 'tia', 'tia', { raterName: '', raterEmail: 'not-an-address', raterRole: 'boss', kind: 'hours', entryIds: [], days: '90' }, now);
    expect(bad).toMatchObject({ ok: false, status: 400, fields: { raterName: expect.any(String), raterEmail: expect.any(String), raterRole: expect.any(String), days: expect.any(String) } });
    expect(await createSignOffLink(store, catalogue, 'tia', 'tia', { ...rater, kind: 'hours', entryIds: ['someone-elses'] }, now)).toMatchObject({ ok: false, fields: { entryIds: expect.any(String) } });
    expect(await createSignOffLink(store, catalogue, 'tia', 'tia', { ...rater, kind: 'competency', competencyId: 'juggling' }, now)).toMatchObject({ ok: false, fields: { competencyId: expect.any(String) } });
    const links = await signOffLinksFor(store, 'tia', 'tia', now);
    expect(links.ok && links.value.map((l) => [l.createdBy, l.status])).toEqual([['mentor', 'waiting']]);
  });

  it('keep only a hash of a high-entropy secret, and show a rater only the entries they were made for', async () => {
    const made = await createSignOffLink(store, catalogue, 'tia', 'tia', { ...rater, kind: 'hours', entryIds: [entries[0], entries[2]] }, now);
    const token = tokenOf(made);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(await store.signOffLinksOf('tia'))).not.toContain(token);
    const opened = await openSignOffLink(store, token, now);
    expect(opened.ok && opened.value.entries.map((e) => e.id).sort()).toEqual([entries[0], entries[2]].sort());
    expect(opened.ok && opened.value.link.raterEmail).toBe('wing.chan@example.org');
    expect(await openSignOffLink(store, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, now)).toMatchObject({ ok: false, status: 404 });
    expect(await openSignOffLink(store, 'short', now)).toMatchObject({ ok: false, status: 404 });
  });

  it('verify the hours once: a second use, or a use after expiry, is refused and changes nothing; every step is audited', async () => {
    const token = tokenOf(await createSignOffLink(store, catalogue, 'tia', 'tia', { ...rater, kind: 'hours', entryIds: [entries[0], entries[1]], days: '7' }, now));
    expect(await useSignOffLink(store, token, {}, later(1))).toMatchObject({ ok: true });
    const hours = (await store.progressFor('tia')).hours;
    expect(hours.filter((h) => h.verifiedAt).map((h) => [h.id, h.verifiedByName])).toEqual([
      [entries[0], 'Wing Chan'],
      [entries[1], 'Wing Chan'],
    ]);
    expect(hours.find((h) => h.id === entries[2])?.verifiedAt).toBeUndefined();
    expect(await useSignOffLink(store, token, {}, later(2))).toMatchObject({ ok: false, status: 410 });
    const expiring = tokenOf(await createSignOffLink(store, catalogue, 'tia', 'tia', { ...rater, kind: 'hours', entryIds: [entries[2]], days: '7' }, now));
    expect(await useSignOffLink(store, expiring, {}, later(7))).toMatchObject({ ok: false, status: 410 });
    expect((await store.progressFor('tia')).hours.find((h) => h.id === entries[2])?.verifiedAt).toBeUndefined();
    expect((await store.auditLog()).filter((a) => a.recordType === 'sign-off-link').map((a) => a.action)).toEqual(['sign-off-link-made', 'sign-off-link-made', 'sign-off-link-used', 'sign-off-link-refused', 'sign-off-link-refused']);
    expect((await store.eventsFor('tia')).filter((e) => e.verb === 'verified-hours').map((e) => e.actorId)).toEqual([expect.stringMatching(/^link:/), expect.stringMatching(/^link:/)]);
  });

  it('add a rating beside the others, which never signs the competency off', async () => {
    const token = tokenOf(await createSignOffLink(store, catalogue, 'tia', 'tia', { ...rater, raterRole: 'co-worker', kind: 'competency', competencyId: 'mutuality' }, now));
    expect(await useSignOffLink(store, token, { level: '9' }, now)).toMatchObject({ ok: false, status: 400, fields: { level: expect.any(String) } });
    expect(await useSignOffLink(store, token, { level: '4' }, now)).toMatchObject({ ok: true });
    const ratings = (await store.progressFor('tia')).ratings;
    expect(ratings.map((r) => [r.role, r.level, r.raterName])).toEqual([['co-worker', 4, 'Wing Chan']]);
    const state = await pathFor(store, catalogue, 'tia', now);
    expect(state?.phases.find((p) => p.phase === 'placement')?.requirements.find((r) => r.id === 'mutuality')).toMatchObject({ met: false });
  });
});

describe('e-mailing a link', () => {
  afterEach(() => useSignOffMailer(undefined, 'http://localhost:4321'));

  it('sends it to the rater when e-mail is set up, and still makes it when sending fails', async () => {
    const sent: [string, string, string][] = [];
    useSignOffMailer(async (to, link, name) => void sent.push([to, link, name]), 'https://peerpath.example');
    const made = await createSignOffLink(store, catalogue, 'tia', 'tia', { ...rater, kind: 'hours', entryIds: [entries[0]] }, now);
    expect(made).toMatchObject({ ok: true, value: { emailed: true } });
    expect(sent).toEqual([['wing.chan@example.org', `https://peerpath.example/sign-off/${tokenOf(made)}`, 'Person tia']]);
    useSignOffMailer(async () => Promise.reject(new Error('SMTP down')), 'https://peerpath.example');
    const failed = await createSignOffLink(store, catalogue, 'tia', 'tia', { ...rater, kind: 'hours', entryIds: [entries[1]] }, now);
    expect(failed).toMatchObject({ ok: true, value: { emailed: false } });
    expect(await openSignOffLink(store, tokenOf(failed), now)).toMatchObject({ ok: true });
  });
});

describe('the sign-off page', () => {
  it('shows a person their links and open entries oldest first, names them to their mentor, and is not found for anyone else', async () => {
    await createSignOffLink(store, catalogue, 'tia', 'tia', { ...rater, kind: 'hours', entryIds: [entries[1]] }, now);
    const own = await signOffPage(store, catalogue, 'tia', 'tia', undefined, 'https://peerpath.example', now);
    expect(own.ok && { links: own.value.links.map((l) => l.status), name: own.value.name, open: own.value.open.map((e) => e.id), made: own.value.made, pathway: own.value.state?.pathway.id }).toEqual({
      links: ['waiting'],
      name: '',
      open: entries,
      made: undefined,
      pathway: 'icrc-peer-recovery',
    });
    const mentors = await signOffPage(store, catalogue, 'mentor', 'tia', undefined, 'https://peerpath.example', now);
    expect(mentors.ok && mentors.value.name).toBe('Person tia');
    expect(await signOffPage(store, catalogue, 'ben', 'tia', undefined, 'https://peerpath.example', now)).toMatchObject({ ok: false, status: 404 });
  });

  it('shows a link just made once, with its address, only to those who may see it', async () => {
    const made = await createSignOffLink(store, catalogue, 'mentor', 'tia', { ...rater, kind: 'hours', entryIds: [entries[0]] }, now);
    if (!made.ok) throw new Error('not made');
    const fresh = { id: made.value.link.id, token: made.value.token, emailed: false };
    const page = await signOffPage(store, catalogue, 'mentor', 'tia', fresh, 'https://peerpath.example', now);
    expect(page.ok && page.value.made).toEqual({ url: `https://peerpath.example/sign-off/${made.value.token}`, name: 'Wing Chan', email: 'wing.chan@example.org', until: made.value.link.expiresAt, emailed: false });
    const bens = await signOffPage(store, catalogue, 'ben', 'ben', fresh, 'https://peerpath.example', now);
    expect(bens.ok && bens.value.made).toBeUndefined();
  });

  it('posts its form back for the same person', () => {
    expect(linkFormAddress('?_action=signOff.makeLink', 'tia', 'tia')).toBe('?_action=signOff.makeLink');
    expect(linkFormAddress('?_action=signOff.makeLink', 'mentor', 'tia & co')).toBe('?for=tia%20%26%20co&_action=signOff.makeLink');
  });
});

describe('after the forms (Post/Redirect/Get)', () => {
  it('show a new link\'s secret once, only when it is the secret of a link the reader may see', async () => {
    const made = await createSignOffLink(store, catalogue, 'tia', 'tia', { ...rater, kind: 'hours', entryIds: [entries[0]] }, now);
    if (!made.ok) throw new Error('not made');
    const links = await signOffLinksFor(store, 'tia', 'tia', now);
    const shown = links.ok ? links.value : [];
    const fresh = { id: made.value.link.id, token: made.value.token, emailed: false };
    expect(madeLinkAmong(fresh, shown)).toMatchObject({ link: { id: made.value.link.id }, token: made.value.token, emailed: false });
    expect(madeLinkAmong({ ...fresh, emailed: true }, shown)?.emailed).toBe(true);
    expect(madeLinkAmong({ ...fresh, token: 'A'.repeat(43) }, shown)).toBeUndefined();
    expect(madeLinkAmong(fresh, [])).toBeUndefined();
    expect(madeLinkAmong(undefined, shown)).toBeUndefined();
  });

  it('thank the rater by the trainee\'s name for a few minutes after the link was used, and then no more', async () => {
    const token = tokenOf(await createSignOffLink(store, catalogue, 'tia', 'tia', { ...rater, kind: 'hours', entryIds: [entries[0]] }, now));
    expect(await thanksFor(store, token, now)).toBeUndefined();
    expect((await useSignOffLink(store, token, {}, now)).ok).toBe(true);
    expect(await thanksFor(store, token, new Date(now.getTime() + 60_000))).toEqual({ name: 'Person tia' });
    expect(await thanksFor(store, token, new Date(now.getTime() + 11 * 60_000))).toBeUndefined();
    expect(await thanksFor(store, 'short', now)).toBeUndefined();
  });

  it('give a link\'s page: what it was issued for with the path, thanks just after use, then why it is spent; unknown links not found', async () => {
    const token = tokenOf(await createSignOffLink(store, catalogue, 'tia', 'tia', { ...rater, kind: 'hours', entryIds: [entries[0]] }, now));
    const open = await linkPage(store, catalogue, token, false, now);
    expect({ entries: open.view?.entries.map((e) => e.id), name: open.view?.name, pathway: open.state?.pathway.id, done: open.done, refusal: open.refusal }).toEqual({ entries: [entries[0]], name: 'Person tia', pathway: 'icrc-peer-recovery', done: undefined, refusal: undefined });
    expect((await useSignOffLink(store, token, {}, now)).ok).toBe(true);
    expect(await linkPage(store, catalogue, token, true, new Date(now.getTime() + 60_000))).toEqual({ done: expect.stringContaining('Person tia') });
    expect(await linkPage(store, catalogue, token, false, new Date(now.getTime() + 60_000))).toEqual({ refusal: { message: expect.any(String), status: 410 } });
    expect(await linkPage(store, catalogue, token, true, new Date(now.getTime() + 11 * 60_000))).toEqual({ refusal: { message: expect.any(String), status: 410 } });
    expect(await linkPage(store, catalogue, 'A'.repeat(43), true, now)).toEqual({ refusal: { message: expect.any(String), status: 404 } });
  });

  it('make a link through the form, its secret shown on the page and never in an address', async () => {
    const context = (who: string) =>
      ({
        locals: { runtime: { store }, user: { id: who, name: who, email: `${who}@example.org`, operator: false } },
        url: new URL('https://peerpath.example/sign-off'),
        catalogue: async () => catalogue,
      }) as unknown as FormContext;
    const made = await signOffForms.makeLink.run({ userId: 'tia', ...rater, kind: 'hours', entryIds: [entries[1]!], days: '7' }, context('mentor'));
    if (!made.ok || !('show' in made)) throw new Error('not shown');
    const links = await signOffLinksFor(store, 'mentor', 'tia');
    const shown = madeLinkAmong(made.show as MadeLink, links.ok ? links.value : []);
    expect(shown?.link.scope).toEqual({ kind: 'hours', entryIds: [entries[1]] });
    expect(await signOffForms.makeLink.run({ userId: 'tia', ...rater, kind: 'hours', entryIds: [entries[1]!] }, context('ben'))).toMatchObject({ ok: false, status: 404 });
    expect(await signOffForms.makeLink.run({ ...rater, raterName: '', kind: 'hours' }, context('tia'))).toMatchObject({ ok: false, status: 400, fields: { raterName: expect.any(String) } });

    const open = { locals: { runtime: { store }, user: null }, url: new URL('https://peerpath.example/sign-off/x'), catalogue: async () => catalogue } as unknown as FormContext;
    expect(await signOffForms.useLink.run({ token: shown?.token ?? '' }, open)).toEqual({ ok: true, value: `/sign-off/${shown?.token}?done=1` });
    expect(await signOffForms.useLink.run({ token: shown?.token ?? '' }, open)).toMatchObject({ ok: false, status: 410 });
  });
});
