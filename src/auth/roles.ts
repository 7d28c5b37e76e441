import { createAccessControl } from 'better-auth/plugins/access';
import { defaultStatements, ownerAc } from 'better-auth/plugins/organization/access';

/**
 * What each role in an organisation may do. The organisation plugin enforces
 * the organisation-level statements; PeerPath's domain code checks `mentee`.
 */
export const statements = {
  ...defaultStatements,
  mentee: ['read', 'comment', 'verify', 'sign-off'],
} as const;

export const accessControl = createAccessControl(statements);

/** The three roles a person can hold in an organisation. */
export const ROLES = ['admin', 'mentor', 'trainee'] as const;
export type Role = (typeof ROLES)[number];

export const roles = {
  /** Runs the organisation: people, intakes, pathways, role guides, reports. */
  admin: accessControl.newRole({ ...ownerAc.statements }),
  /** Follows assigned mentees: reads what they share, verifies hours, signs off. */
  mentor: accessControl.newRole({ mentee: ['read', 'comment', 'verify', 'sign-off'] }),
  /** Learns: modules, quizzes, placement records of their own. */
  trainee: accessControl.newRole({}),
};
