import type { z } from 'zod';
import { appChannels, appEvents } from './channels/app';
import { authChannels, authEvents } from './channels/auth';
import { everywhereChannels, everywhereEvents } from './channels/everywhere';
import { keyChecksChannels, keyChecksEvents } from './channels/key-checks';
import { profilesChannels, profilesEvents } from './channels/profiles';
import { outboxChannels, outboxEvents } from './channels/outbox';
import { settingsChannels, settingsEvents } from './channels/settings';
import { sourcesChannels, sourcesEvents } from './channels/sources';
import { ingestSecretsChannels, ingestSecretsEvents } from './channels/ingest-secrets';
import type { ChannelSpec, IpcResult } from './define';

/**
 * THE IPC contract: every channel the renderer may invoke, and every event main may push.
 * Main validates inputs and outputs against it; the preload generates the renderer API from
 * it; the e2e harness binds the same table. Channels are named `domain.verb`.
 */
// One line per domain; each domain's channels live in channels/<domain>.ts.
export const IPC_CONTRACT = {
  ...appChannels,
  ...authChannels,
  ...profilesChannels,
  ...keyChecksChannels,
  ...outboxChannels,
  ...settingsChannels,
  ...sourcesChannels,
  ...ingestSecretsChannels,
  ...everywhereChannels,
} as const satisfies Record<string, ChannelSpec>;

export const IPC_EVENTS = {
  ...appEvents,
  ...authEvents,
  ...profilesEvents,
  ...keyChecksEvents,
  ...outboxEvents,
  ...settingsEvents,
  ...sourcesEvents,
  ...ingestSecretsEvents,
  ...everywhereEvents,
} as const satisfies Record<string, z.ZodType>;

export type IpcContract = typeof IPC_CONTRACT;
export type ChannelName = keyof IpcContract & string;
export type EventName = keyof typeof IPC_EVENTS & string;

export type ChannelInput<C extends ChannelName> = z.input<IpcContract[C]['input']>;
export type ParsedInput<C extends ChannelName> = z.output<IpcContract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<IpcContract[C]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof IPC_EVENTS)[E]>;
/**
 * One push event as a discriminated union over the names: `if (m.name === 'sources.becameActive')`
 * narrows `m.payload`, so no receiver has to cast.
 */
export type EventMessage = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];
/** The same as a (name, payload) pair: a sink's parameters narrow together (`if (name === …) payload.…`). */
export type EventArgs = { [E in EventName]: [name: E, payload: EventPayload<E>] }[EventName];

/** Every channel name, in a stable order (the preload and the harness build the API from it). */
export const CHANNEL_NAMES = Object.keys(IPC_CONTRACT).sort() as ChannelName[];
export const EVENT_NAMES = Object.keys(IPC_EVENTS).sort() as EventName[];

type DomainOf<C extends string> = C extends `${infer D}.${string}` ? D : never;
type VerbsOf<D extends string> = {
  [C in ChannelName as C extends `${D}.${infer V}` ? V : never]: (
    input: ChannelInput<C>,
  ) => Promise<IpcResult<ChannelOutput<C>>>;
};

/** The frozen object the preload exposes as `window.lw`: `lw.outbox.stage(input)` etc. */
export type LwApi = { [D in DomainOf<ChannelName>]: VerbsOf<D> } & {
  events: {
    /** Subscribes to a push event; returns the unsubscribe function. */
    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  };
};
