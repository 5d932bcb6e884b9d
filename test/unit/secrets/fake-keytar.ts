import type { KeytarModule } from '../../../src-main/services/secrets/keytar-store';

/** A keytar module over one Map (the whole desktop keychain), for tests of what sees what. */
export function createFakeKeytar(): KeytarModule & { entries: Map<string, string>; failWith: Error | null } {
  const entries = new Map<string, string>();
  const id = (service: string, account: string) => `${service}\u0000${account}`;
  const fake = {
    entries,
    failWith: null as Error | null,
    async getPassword(service: string, account: string) {
      if (fake.failWith) throw fake.failWith;
      return entries.get(id(service, account)) ?? null;
    },
    async setPassword(service: string, account: string, password: string) {
      if (fake.failWith) throw fake.failWith;
      entries.set(id(service, account), password);
    },
    async deletePassword(service: string, account: string) {
      if (fake.failWith) throw fake.failWith;
      return entries.delete(id(service, account));
    },
    async findCredentials(service: string) {
      if (fake.failWith) throw fake.failWith;
      return [...entries]
        .filter(([k]) => k.startsWith(`${service}\u0000`))
        .map(([k, password]) => ({ account: k.slice(service.length + 1), password }));
    },
  };
  return fake;
}
