// The console's own events: they bubble and cross shadow roots, so the shell hears them from any screen.

export interface AdminEventMap {
  /** The key stopped working (revoked, or never an admin's): the shell signs out and says why. */
  'admin-signed-out': { message: string };
  /** Open a record by id; `message` is said above it once it opens (a record just created). */
  'admin-open': { id: string; message?: string };
}

export function emitAdmin<K extends keyof AdminEventMap>(from: HTMLElement, type: K, detail: AdminEventMap[K]): void {
  from.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
