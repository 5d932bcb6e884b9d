import type { KeytarModule } from '../../../src-main/services/secrets/keytar-store';

/** A fake keytar plus the switches that make it behave like libsecret in trouble. */
export interface FakeKeytar extends KeytarModule {
  /** The whole desktop keychain: `service\0account` -> value. */
  entries: Map<string, string>;
  /** Every call throws it (no D-Bus, no Secret Service). */
  failWith: Error | null;
  /**
   * A locked collection with no unlock prompt possible, as libsecret answers it: reads are
   * null, writes fail, deletes delete nothing, and a listing crashes the process (counted in
   * `crashes`, and thrown so the test goes on).
   */
  locked: boolean;
  /** The unlock prompt was dismissed: every call rejects with the platform's "cancelled" text. */
  dismissed: Error | null;
  crashes: number;
}

/** A keytar module over one Map (the whole desktop keychain), for tests of what sees what. */
export function createFakeKeytar(): FakeKeytar {
  const entries = new Map<string, string>();
  const id = (service: string, account: string) => `${service}\u0000${account}`;
  const check = () => {
    if (fake.failWith) throw fake.failWith;
    if (fake.dismissed) throw fake.dismissed;
  };
  const fake: FakeKeytar = {
    entries,
    failWith: null,
    locked: false,
    dismissed: null,
    crashes: 0,
    async getPassword(service, account) {
      check();
      if (fake.locked) return null;
      return entries.get(id(service, account)) ?? null;
    },
    async setPassword(service, account, password) {
      check();
      if (fake.locked) throw new Error('Cannot create an item in a locked collection');
      entries.set(id(service, account), password);
    },
    async deletePassword(service, account) {
      check();
      if (fake.locked) return false;
      return entries.delete(id(service, account));
    },
    async findCredentials(service) {
      check();
      if (fake.locked) {
        fake.crashes++;
        throw new Error('SIGSEGV: findCredentials on a locked collection ends the process');
      }
      return [...entries]
        .filter(([k]) => k.startsWith(`${service}\u0000`))
        .map(([k, password]) => ({ account: k.slice(service.length + 1), password }));
    },
  };
  return fake;
}
