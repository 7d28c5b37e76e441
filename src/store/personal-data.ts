import type { StoreDocument } from './document-store.ts';

type Collection = Exclude<keyof StoreDocument, 'version' | 'auth'>;

/**
 * What "download my data" and "erase me" do with every collection. Typed as a
 * Record over all collections, so a new collection without a policy does not
 * compile; `personal-data.test.ts` checks the same at run time.
 *
 * - `export`: the rows about or by the person.
 * - `erase`: removes the person's rows and replaces their id where it appears
 *   in other people's records (a verifier, a publisher) with a pseudonym.
 *   Learning events stay, anonymised, for aggregate reports.
 */
export type PersonalDataPolicy = {
  export: (doc: StoreDocument, userId: string) => unknown[];
  erase: (doc: StoreDocument, userId: string, pseudonym: string, email: string | undefined) => void;
};

const by = <T extends { userId: string }>(rows: T[], userId: string) => rows.filter((r) => r.userId === userId);
const swap = (value: string | undefined, userId: string, pseudonym: string) => (value === userId ? pseudonym : value);

export const PERSONAL_DATA: Record<Collection, PersonalDataPolicy> = {
  attempts: { export: (d, u) => by(d.attempts, u), erase: (d, u) => void (d.attempts = d.attempts.filter((r) => r.userId !== u)) },
  reflections: { export: (d, u) => by(d.reflections, u), erase: (d, u) => void (d.reflections = d.reflections.filter((r) => r.userId !== u)) },
  enrolments: {
    export: (d, u) => by(d.enrolments, u),
    erase: (d, u, p) => void (d.enrolments = d.enrolments.filter((r) => r.userId !== u).map((r) => ({ ...r, createdBy: swap(r.createdBy, u, p) ?? p }))),
  },
  mentorships: {
    export: (d, u) => d.mentorships.filter((m) => m.mentorId === u || m.menteeId === u),
    erase: (d, u) => void (d.mentorships = d.mentorships.filter((m) => m.mentorId !== u && m.menteeId !== u)),
  },
  hours: {
    export: (d, u) => by(d.hours, u),
    erase: (d, u, p) => void (d.hours = d.hours.filter((r) => r.userId !== u).map((r) => (r.verifiedBy === u ? { ...r, verifiedBy: p } : r))),
  },
  ratings: {
    export: (d, u) => d.ratings.filter((r) => r.userId === u || r.ratedBy === u),
    erase: (d, u, p) => void (d.ratings = d.ratings.filter((r) => r.userId !== u).map((r) => ({ ...r, ratedBy: swap(r.ratedBy, u, p) ?? p }))),
  },
  phaseMoves: {
    export: (d, u) => by(d.phaseMoves, u),
    erase: (d, u, p) => void (d.phaseMoves = d.phaseMoves.filter((r) => r.userId !== u).map((r) => ({ ...r, confirmedBy: swap(r.confirmedBy, u, p) ?? p }))),
  },
  checkIns: {
    export: (d, u) => by(d.checkIns, u),
    erase: (d, u, p) => void (d.checkIns = d.checkIns.filter((r) => r.userId !== u).map((r) => (r.confirmedBy === u ? { ...r, confirmedBy: p } : r))),
  },
  events: {
    export: (d, u) => d.events.filter((e) => e.actorId === u || e.subjectId === u),
    erase: (d, u, p) => void (d.events = d.events.map((e) => ({ ...e, actorId: swap(e.actorId, u, p) ?? p, subjectId: swap(e.subjectId, u, p) ?? p }))),
  },
  organisationSettings: {
    export: () => [],
    erase: (d, u, p) => void (d.organisationSettings = d.organisationSettings.map((s) => ({ ...s, updatedBy: swap(s.updatedBy, u, p) ?? p }))),
  },
  diary: {
    export: (d, u) => by(d.diary, u),
    erase: (d, u) => {
      const gone = new Set(d.diary.filter((e) => e.userId === u).map((e) => e.id));
      d.diary = d.diary.filter((e) => e.userId !== u);
      d.diaryComments = d.diaryComments.filter((c) => !gone.has(c.entryId));
    },
  },
  diaryComments: {
    export: (d, u) => {
      const mine = new Set(d.diary.filter((e) => e.userId === u).map((e) => e.id));
      return d.diaryComments.filter((c) => c.authorId === u || mine.has(c.entryId));
    },
    erase: (d, u) => void (d.diaryComments = d.diaryComments.filter((c) => c.authorId !== u)),
  },
  wellbeing: { export: (d, u) => by(d.wellbeing, u), erase: (d, u) => void (d.wellbeing = d.wellbeing.filter((r) => r.userId !== u)) },
  audit: {
    export: (d, u) => d.audit.filter((a) => a.actorId === u),
    erase: (d, u, p) => void (d.audit = d.audit.map((a) => ({ ...a, actorId: swap(a.actorId, u, p) ?? p, recordId: swap(a.recordId, u, p) ?? p }))),
  },
  supervision: {
    export: (d, u) => d.supervision.filter((s) => s.menteeId === u || s.mentorId === u),
    erase: (d, u, p) => void (d.supervision = d.supervision.filter((s) => s.menteeId !== u).map((s) => ({ ...s, mentorId: swap(s.mentorId, u, p) ?? p }))),
  },
  notifications: {
    export: (d, u) => by(d.notifications, u),
    erase: (d, u) => void (d.notifications = d.notifications.filter((n) => n.userId !== u && n.aboutId !== u)),
  },
  guides: {
    export: () => [],
    erase: (d, u, p) => void (d.guides = d.guides.map((g) => ({ ...g, createdBy: swap(g.createdBy, u, p) ?? p, updatedBy: swap(g.updatedBy, u, p) ?? p }))),
  },
  guideVersions: {
    export: (d, u) => d.guideVersions.filter((v) => v.publishedBy === u).map(({ id, guideId, version, publishedAt }) => ({ id, guideId, version, publishedAt })),
    erase: (d, u, p) => void (d.guideVersions = d.guideVersions.map((v) => ({ ...v, publishedBy: swap(v.publishedBy, u, p) ?? p }))),
  },
  intakes: { export: () => [], erase: (d, u, p) => void (d.intakes = d.intakes.map((i) => ({ ...i, createdBy: swap(i.createdBy, u, p) ?? p }))) },
  invitations: {
    export: (d, u) => d.invitations.filter((i) => i.acceptedBy === u).map(({ id, organisationId, role, acceptedAt }) => ({ id, organisationId, role, acceptedAt })),
    erase: (d, u, p, email) =>
      void (d.invitations = d.invitations.map((i) => {
        const { email: invited, ...rest } = i;
        const keep = invited && invited !== email ? { email: invited } : {};
        return { ...rest, ...keep, createdBy: swap(i.createdBy, u, p) ?? p, ...(i.acceptedBy ? { acceptedBy: swap(i.acceptedBy, u, p) ?? p } : {}) };
      })),
  },
  certificates: {
    export: (d, u) => by(d.certificates, u),
    erase: (d, u, p) => void (d.certificates = d.certificates.filter((c) => c.userId !== u).map((c) => (c.revokedBy === u ? { ...c, revokedBy: p } : c))),
  },
  deactivations: {
    export: (d, u) => d.deactivations.filter((x) => x.userId === u),
    erase: (d, u, p) => void (d.deactivations = d.deactivations.filter((x) => x.userId !== u).map((x) => ({ ...x, by: swap(x.by, u, p) ?? p }))),
  },
};
