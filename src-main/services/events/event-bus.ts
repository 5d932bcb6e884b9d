import { IPC_EVENTS, type EventArgs, type EventName, type EventPayload } from '../../../src-shared/ipc/contract';
import type { Logger } from '../logging/logger';
import { knownSecrets } from '../logging/known-secrets';

/**
 * Where validated push events go: Electron's webContents.send, the harness page, a test.
 * Typed as the (name, payload) union, so `if (name === 'outbox.submitted')` narrows `payload`.
 */
export type EventSink = (...event: EventArgs) => void;

/**
 * Push events main -> renderer, schema-checked on the way out so a service bug cannot send
 * the renderer something it does not expect (or something it must never see).
 */
export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Every event (the IPC bridge, the harness); returns the removal. */
  addSink(sink: EventSink): () => void;
  /** One event in this process (system notifications); gets what the window gets, checked and redacted. */
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createEventBus(log: Logger): EventBus {
  const sinks = new Set<EventSink>();
  const bus: EventBus = {
    emit(name, payload) {
      const parsed = IPC_EVENTS[name].safeParse(payload);
      if (!parsed.success) {
        log.error('event dropped: payload does not match its schema', {
          event: name,
          issues: parsed.error.issues.map((i) => i.path.join('.')),
        });
        return;
      }
      // Payloads may carry server text (error messages, names): live secrets go by value.
      const payloadOut = knownSecrets.redactDeep(parsed.data);
      for (const sink of sinks) {
        try {
          sink(...([name, payloadOut] as EventArgs));
        } catch (error) {
          log.warn('event sink failed', { event: name, error });
        }
      }
    },
    addSink(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    on(name, listener) {
      const sink: EventSink = (...event) => {
        // The union cannot follow a type parameter: `event[0] === name` proves `event[1]` is this
        // name's payload, which TypeScript cannot see, hence this one assertion (senders are typed by emit).
        if (event[0] === name) listener(event[1] as EventPayload<typeof name>);
      };
      return bus.addSink(sink);
    },
  };
  return bus;
}
