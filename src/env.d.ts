declare namespace App {
  interface Locals {
    /** Store, auth and configuration; absent on prerendered pages. */
    runtime: import('./server/runtime.ts').Runtime;
    /** The signed-in person, or null. */
    user: { id: string; name: string; email: string; operator: boolean } | null;
    /** The signed-in person's organisations and roles (empty when signed out). */
    memberships: import('./store/store.ts').Membership[];
    /** Unread notifications of the signed-in person. */
    unreadNotifications: number;
    /** A form of this page that was refused, to show again (see src/server/form-actions.ts). */
    form?: import('./server/form-actions.ts').FormFailure;
    /** What a form of this page made to be shown once, now (see FormOutcome in src/ui/form.ts). */
    shown?: { action: string; show: Record<string, unknown> };
  }
}
