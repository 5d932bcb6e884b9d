/**
 * Deployment profiles (one per LangWatch deployment): add, edit, remove, list, persisted in a
 * zod-validated JSON file. Profiles hold no secrets: sessions live in the keychain.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import { Profile } from '../../../src-shared/domain/langwatch';
import { systemClock, type Clock } from '../clock';
import type { Logger } from '../logging/logger';
import { createJsonFile } from '../storage/json-file';
import { DEFAULT_ANTHROPIC_URL, DEFAULT_LANGWATCH_URL, normaliseDeploymentUrl } from './url';

/** The profiles file's content. */
export const ProfilesFile = z.object({ version: z.literal(1), profiles: z.array(Profile) });
export type ProfilesFile = z.infer<typeof ProfilesFile>;

/** Defaults of a fresh profiles file. */
export const PROFILES_FILE_DEFAULTS: ProfilesFile = { version: 1, profiles: [] };

/** The part of the json-file store this service uses (sync or async both work). */
export interface ProfilesFileStore {
  read(): Promise<ProfilesFile> | ProfilesFile;
  write(value: ProfilesFile): Promise<void> | void;
}

/** Options of {@link createProfiles}. */
export interface ProfilesOptions {
  /** A json-file store, or the path of `profiles.json` to create one on. */
  file: ProfilesFileStore | string;
  log: Logger;
  clock?: Clock;
  newId?: () => string;
}

/** What `add` takes; omitted URLs get the defaults. */
export interface NewProfile {
  name?: string;
  baseUrl?: string;
  anthropicBaseUrl?: string;
}

/** What `edit` may change; `lastOrganizationId: null` clears it. */
export interface ProfilePatch {
  name?: string;
  baseUrl?: string;
  anthropicBaseUrl?: string;
  lastOrganizationId?: string | null;
}

/** The profiles service (`services.profiles`). Writes are serialised. */
export interface Profiles {
  /** Every profile, oldest first. */
  list(): Promise<Profile[]>;
  /** One profile; throws `profile.not_found`. */
  get(id: string): Promise<Profile>;
  /** Adds a profile (default deployment LangWatch Cloud); rejects a duplicate URL. */
  add(input?: NewProfile): Promise<Profile>;
  /** Changes a profile's name, URLs or last organisation. */
  edit(id: string, patch: ProfilePatch): Promise<Profile>;
  /** Removes a profile (its sessions are the session manager's job: see forgetProfile). */
  remove(id: string): Promise<void>;
}

/** Creates the profiles service. Writes are serialised so concurrent edits never lose one. */
export function createProfiles(options: ProfilesOptions): Profiles {
  const log = options.log.child('profiles');
  const clock = options.clock ?? systemClock;
  const newId = options.newId ?? (() => randomUUID());
  let queue: Promise<unknown> = Promise.resolve();
  const store: ProfilesFileStore =
    typeof options.file === 'string'
      ? createJsonFile({
          path: options.file,
          schema: ProfilesFile,
          defaults: () => structuredClone(PROFILES_FILE_DEFAULTS),
          log: options.log,
        })
      : options.file;

  const read = async () => ProfilesFile.parse(await store.read());

  /** Runs a read-modify-write after every earlier one. */
  function mutate<T>(fn: (file: ProfilesFile) => { next: ProfilesFile; result: T }): Promise<T> {
    const run = queue.then(async () => {
      const { next, result } = fn(await read());
      await store.write(ProfilesFile.parse(next));
      return result;
    });
    queue = run.catch(() => undefined);
    return run;
  }

  function find(file: ProfilesFile, id: string): Profile {
    const profile = file.profiles.find((p) => p.id === id);
    if (!profile)
      throw new AppError('profile.not_found', 'This deployment profile no longer exists.', { profileId: id });
    return profile;
  }

  function rejectDuplicate(file: ProfilesFile, baseUrl: string, exceptId?: string): void {
    const other = file.profiles.find((p) => p.baseUrl === baseUrl && p.id !== exceptId);
    if (other) {
      throw new AppError('profile.invalid_url', `There is already a profile for ${baseUrl} ("${other.name}").`, {
        existingProfileId: other.id,
      });
    }
  }

  return {
    /** Every profile, oldest first. */
    async list(): Promise<Profile[]> {
      return (await read()).profiles;
    },

    /** One profile; throws `profile.not_found`. */
    async get(id: string): Promise<Profile> {
      return find(await read(), id);
    },

    /** Adds a profile (default deployment LangWatch Cloud); rejects a duplicate URL. */
    async add(input: NewProfile = {}): Promise<Profile> {
      const baseUrl = normaliseDeploymentUrl(input.baseUrl ?? DEFAULT_LANGWATCH_URL);
      const anthropicBaseUrl = normaliseDeploymentUrl(
        input.anthropicBaseUrl ?? DEFAULT_ANTHROPIC_URL,
        'Anthropic API URL',
      );
      return mutate((file) => {
        rejectDuplicate(file, baseUrl);
        const profile: Profile = {
          id: newId(),
          name: input.name?.trim() || new URL(baseUrl).host,
          baseUrl,
          anthropicBaseUrl,
          createdAt: new Date(clock.now()).toISOString(),
        };
        log.info('profile added', { profileId: profile.id, baseUrl });
        return { next: { ...file, profiles: [...file.profiles, profile] }, result: profile };
      });
    },

    /** Changes a profile's name, URLs or last organisation. */
    async edit(id: string, patch: ProfilePatch): Promise<Profile> {
      const baseUrl = patch.baseUrl === undefined ? undefined : normaliseDeploymentUrl(patch.baseUrl);
      const anthropicBaseUrl =
        patch.anthropicBaseUrl === undefined
          ? undefined
          : normaliseDeploymentUrl(patch.anthropicBaseUrl, 'Anthropic API URL');
      return mutate((file) => {
        const current = find(file, id);
        if (baseUrl !== undefined) rejectDuplicate(file, baseUrl, id);
        const { lastOrganizationId: _dropped, ...rest } = current;
        const lastOrganizationId =
          patch.lastOrganizationId === undefined ? current.lastOrganizationId : patch.lastOrganizationId;
        const updated: Profile = {
          ...rest,
          ...(patch.name !== undefined && patch.name.trim() !== '' ? { name: patch.name.trim() } : {}),
          ...(baseUrl !== undefined ? { baseUrl } : {}),
          ...(anthropicBaseUrl !== undefined ? { anthropicBaseUrl } : {}),
          ...(lastOrganizationId ? { lastOrganizationId } : {}),
        };
        log.info('profile edited', { profileId: id, fields: Object.keys(patch) });
        return { next: { ...file, profiles: file.profiles.map((p) => (p.id === id ? updated : p)) }, result: updated };
      });
    },

    /** Removes a profile (its sessions are the session manager's job: see forgetProfile). */
    async remove(id: string): Promise<void> {
      return mutate((file) => {
        find(file, id);
        log.info('profile removed', { profileId: id });
        return { next: { ...file, profiles: file.profiles.filter((p) => p.id !== id) }, result: undefined };
      });
    },
  };
}

/**
 * The console's profiles in `<userDataDir>/profiles.json`. A damaged file is moved aside and
 * reported; the console starts with the default profile, and the old profiles' sign-ins stay
 * in the keychain (restore the file to get them back).
 */
export function openProfiles(options: {
  userDataDir: string;
  onDamaged: (error: AppError) => void;
  log: Logger;
  clock: Clock;
}): Profiles {
  const { log, clock } = options;
  const file = createJsonFile({
    path: join(options.userDataDir, 'profiles.json'),
    schema: ProfilesFile,
    defaults: () => structuredClone(PROFILES_FILE_DEFAULTS),
    onCorrupt: 'reset',
    onDamaged: options.onDamaged,
    log,
    clock,
  });
  return createProfiles({ file, log, clock });
}
