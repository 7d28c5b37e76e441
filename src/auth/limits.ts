import { z } from 'astro/zod';

/** Shortest password PeerPath accepts (ASVS 5 asks for at least 8; we ask for 12). */
export const MIN_PASSWORD_LENGTH = 12;

/** Longest password PeerPath accepts (long passphrases welcome; no unbounded hashing work). */
export const MAX_PASSWORD_LENGTH = 256;

/** A new password typed twice, as every form that sets one asks for it; pair with {@link confirmMatches}. */
export const newPasswordShape = {
  password: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH),
  confirm: z.string(),
};

/** The refinement that the password was typed the same twice; the error lands on `confirm`. */
export const confirmMatches: [(v: { password: string; confirm: string }) => boolean, { path: string[] }] = [(v) => v.password === v.confirm, { path: ['confirm'] }];
