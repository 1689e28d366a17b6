// The admin's key for this tab only: sessionStorage, never localStorage or a cookie, so closing the tab forgets it and
// no request carries it unless the console adds it.
const KEY = 'partnership-hub-admin-key';

export const session = {
  get(): string | undefined {
    try {
      return sessionStorage.getItem(KEY) ?? undefined;
    } catch {
      return undefined;
    }
  },
  set(secret: string): void {
    sessionStorage.setItem(KEY, secret);
  },
  clear(): void {
    sessionStorage.removeItem(KEY);
  },
};
