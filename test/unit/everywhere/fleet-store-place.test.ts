import { describe, expect, it } from 'vitest';
import { createFleetStore } from '../../../src-main/services/everywhere/fleet-store';
import type { Place } from '../../../src-shared/domain/everywhere';

const place = (over: Partial<Place> = {}): Place => ({
  ...{ key: 'p|acme', profileId: 'p', profileName: 'P', baseUrl: 'http://lw', organizationId: 'acme' },
  ...{ organizationName: 'Acme', state: 'fresh', health: 'ok', healthError: null, user: 'ada@acme.test' },
  ...{ readOnly: false, sourceCount: 2, updatedAt: null, serverNow: null, lastError: null, retryAt: null },
  ...over,
});

describe('fleet store: a place is pushed only when something in it changed', () => {
  it('an equal place (new error objects with the same facts) is not pushed; a changed field is', () => {
    const store = createFleetStore();
    const error = () => ({ code: 'network.timeout' as const, message: 'down', details: { a: 1 } });
    store.setPlace(place({ lastError: error() }));
    expect(store.flush()?.places).toHaveLength(1);
    store.setPlace(place({ lastError: error() }));
    store.patchPlace('p|acme', { sourceCount: 2 });
    expect(store.flush()).toBeNull();
    store.setPlace(place({ lastError: { ...error(), details: { a: 2 } } }));
    expect(store.flush()?.places).toHaveLength(1);
    store.patchPlace('p|acme', { lastError: null });
    expect(store.flush()?.places[0]?.lastError).toBeNull();
    store.patchPlace('p|acme', { state: 'slow' });
    expect(store.flush()?.places[0]?.state).toBe('slow');
  });
});
