import type { QuizAttempt } from '../quiz/attempt.ts';

/** A row of an authentication table (user, session, account, ...), JSON-safe. */
export type AuthRow = Record<string, unknown> & { id: string };

/**
 * The tables the authentication library keeps. Only the auth adapter
 * (`src/auth/table-adapter.ts`) calls these; everything else uses the domain
 * methods of {@link Store}.
 */
export interface AuthTables {
  /** The rows of one table matching a predicate (copies; changing them changes nothing). */
  select(model: string, where: (row: AuthRow) => boolean): Promise<AuthRow[]>;
  /** Adds a row and resolves once it is stored durably. */
  insert(model: string, row: AuthRow): Promise<AuthRow>;
  /** Applies a patch to every matching row; resolves to the updated rows once stored. */
  update(model: string, where: (row: AuthRow) => boolean, patch: Record<string, unknown>): Promise<AuthRow[]>;
  /** Removes every matching row; resolves to how many were removed once stored. */
  remove(model: string, where: (row: AuthRow) => boolean): Promise<number>;
}

/** Everything the progress views need about one person, read in one call. */
export type ProgressRecords = {
  /** Every quiz attempt, oldest first. */
  attempts: QuizAttempt[];
};

/**
 * PeerPath's storage, whatever the engine. Methods are domain operations:
 * callers never see the engine or the whole database.
 */
export interface Store {
  /** Which engine serves this store, for health output and logs. */
  readonly engine: 'lowdb' | 'memory';
  /** Tables of the authentication library. */
  readonly authTables: AuthTables;
  /** Stores a scored quiz attempt; resolves once it is durable. */
  recordAttempt(attempt: QuizAttempt): Promise<QuizAttempt>;
  /** The records from which a person's progress is derived. */
  progressFor(userId: string): Promise<ProgressRecords>;
  /** True when at least one account exists (used to decide on demo seeding). */
  hasAccounts(): Promise<boolean>;
  /** Resolves when the store can be read; rejects with the reason otherwise. */
  ping(): Promise<void>;
  /** Flushes and releases the store (and its data-folder lock). */
  close(): Promise<void>;
}
