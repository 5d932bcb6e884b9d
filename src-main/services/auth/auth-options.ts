/** The options of createAuth (auth-state.ts) and the service it returns. */
import type { AuthState } from '../../../src-shared/domain/auth';
import type { Clock } from '../clock';
import type { EventBus } from '../events/event-bus';
import type { CliRest } from '../langwatch/cli-rest';
import type { Logger } from '../logging/logger';
import type { Profiles } from '../profiles/profiles';
import type { SessionManager } from '../session/session-manager';
import type { AuthService, SessionOwners } from './types';

export interface AuthOptions {
  userDataDir: string;
  profiles: Profiles;
  sessions: SessionManager;
  log: Logger;
  /** The deployment a first run starts with (app.langwatch.ai; the emulator in demo/test). */
  defaultProfile: { name: string; baseUrl: string; anthropicBaseUrl: string };
  /** Schedules the reload after a network failure (a fake clock in tests). */
  clock?: Clock;
  /** Where every change is pushed (`auth.changed`): the renderer follows sign-in, expiry, org switch. */
  events?: Pick<EventBus, 'emit'>;
}

/** The auth service plus the actions the sign-in screen needs. */
export interface Auth extends AuthService, SessionOwners {
  /** Reloads profiles, session, organisations and permissions of the active profile. */
  refresh(): Promise<AuthState>;
  selectProfile(profileId: string): Promise<AuthState>;
  selectOrganization(organizationId: string): Promise<AuthState>;
  /** The read-only CLI client of the active device session, or null. */
  activeCli(): CliRest | null;
}
