import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../src-shared/ipc/contract';
import { createEventBus } from '../../../src-main/services/events/event-bus';
import { createMemoryLogger } from '../../../src-main/services/logging/logger';
import { knownSecrets } from '../../../src-main/services/logging/known-secrets';

const ACTIVE: EventPayload<'sources.becameActive'> = {
  id: 'src_1',
  name: 'Claude Compliance',
  from: 'awaiting_first_event',
  to: 'active',
  organizationId: 'org_acme',
};

describe('event bus', () => {
  it('a sink narrows the payload by the event name, with no cast', () => {
    const bus = createEventBus(createMemoryLogger());
    const names: string[] = [];
    bus.addSink((name, payload) => {
      // Compiles only because the (name, payload) pair is a discriminated union.
      if (name === 'sources.becameActive') names.push(payload.name);
      if (name === 'app.notice') names.push(payload.level);
    });
    bus.emit('sources.becameActive', ACTIVE);
    bus.emit('app.notice', { level: 'warning', message: 'hello' });
    expect(names).toEqual(['Claude Compliance', 'warning']);
  });

  it('on(name) hears only that event, gets it checked and redacted, and stops when removed', () => {
    const log = createMemoryLogger();
    const bus = createEventBus(log);
    const secret = 'sk-ant-api01-EventBusListenerMustNotSeeThis_0123456789';
    knownSecrets.remember(secret);
    const heard: Array<EventPayload<'app.notice'>> = [];
    const off = bus.on('app.notice', (notice) => heard.push(notice));
    bus.on('app.notice', () => {
      throw new Error('a broken listener');
    });
    bus.emit('sources.becameActive', ACTIVE);
    bus.emit('app.notice', { level: 'error', message: `server said ${secret}` });
    // A payload that breaks its schema reaches no one (a service bug, logged).
    bus.emit('app.notice', { level: 'loud' } as unknown as EventPayload<'app.notice'>);
    off();
    bus.emit('app.notice', { level: 'info', message: 'after removal' });
    expect(heard).toEqual([{ level: 'error', message: 'server said [REDACTED]' }]);
    expect(log.text()).toContain('event dropped');
    expect(log.text()).toContain('event sink failed');
  });
});
