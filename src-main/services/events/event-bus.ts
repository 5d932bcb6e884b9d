import { IPC_EVENTS, type EventName, type EventPayload } from '../../../src-shared/ipc/contract';
import type { Logger } from '../logging/logger';
import { knownSecrets } from '../secrets/known-secrets';

/** Where validated push events go: Electron's webContents.send, or the harness page. */
export type EventSink = (name: EventName, payload: unknown) => void;

/**
 * Push events main -> renderer, schema-checked on the way out so a service bug cannot send
 * the renderer something it does not expect (or something it must never see).
 */
export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  addSink(sink: EventSink): () => void;
}

export function createEventBus(log: Logger): EventBus {
  const sinks = new Set<EventSink>();
  return {
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
          sink(name, payloadOut);
        } catch (error) {
          log.warn('event sink failed', { event: name, error });
        }
      }
    },
    addSink(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
  };
}
