import { z } from 'astro/zod';

/** A certificate for completing training or placement on a pathway. */
export const CertificateSchema = z.object({
  id: z.string().min(1),
  /** Short code printed on the certificate and used in its verification address. */
  code: z.string().regex(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/),
  userId: z.string().min(1),
  /** The name on the certificate, as it was when issued. */
  holderName: z.string().min(1).max(120),
  organisationId: z.string().min(1),
  pathwayId: z.string().min(1),
  /** `renewal`: issued when a credential holder met a renewal period's continuing education. */
  kind: z.enum(['training', 'placement', 'renewal']),
  issuedAt: z.iso.datetime(),
  /** The last day it is valid (credentials that must be renewed); none means it does not expire. */
  validUntil: z.iso.date().optional(),
  revokedAt: z.iso.datetime().optional(),
  revokedBy: z.string().optional(),
});
export type Certificate = z.infer<typeof CertificateSchema>;
