import { z } from 'astro/zod';

const id = z.string().min(1);
const isoTime = z.iso.datetime();

/** A group of trainees who start together on one pathway. */
export const IntakeSchema = z.object({
  id,
  organisationId: id,
  name: z.string().trim().min(1).max(80),
  startsOn: z.iso.date(),
  pathwayId: id,
  createdBy: id,
  createdAt: isoTime,
});
export type Intake = z.infer<typeof IntakeSchema>;

/** An invitation link: who may join which organisation, in which role (and intake), until when. */
export const InvitationSchema = z.object({
  id,
  organisationId: id,
  role: z.enum(['trainee', 'mentor', 'admin']),
  intakeId: id.optional(),
  /** When set, only this address can accept. */
  email: z.email().optional(),
  /** SHA-256 of the secret in the link; the link itself is never stored. */
  tokenHash: z.string().length(64),
  expiresAt: isoTime,
  createdBy: id,
  createdAt: isoTime,
  revokedAt: isoTime.optional(),
  acceptedAt: isoTime.optional(),
  acceptedBy: id.optional(),
});
export type Invitation = z.infer<typeof InvitationSchema>;

/** An account an admin deactivated: it cannot sign in, and its sessions were ended. */
export const DeactivationSchema = z.object({
  userId: id,
  by: id,
  at: isoTime,
});
export type Deactivation = z.infer<typeof DeactivationSchema>;
