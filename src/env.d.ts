declare namespace App {
  interface Locals {
    /** Store, auth and configuration; absent on prerendered pages. */
    runtime: import('./server/runtime.ts').Runtime;
    /** The signed-in person, or null. */
    user: { id: string; name: string; email: string } | null;
  }
}
