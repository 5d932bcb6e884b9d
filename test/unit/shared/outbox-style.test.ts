import { describe, expect, it } from 'vitest';
import { OutboxState } from '../../../src-shared/domain/outbox';
import { errorPresentation, OUTBOX_STATE_STYLE, styleOf } from '../../../src-shared/domain/outbox-style';

describe('outbox state styles', () => {
  it('every state has its own icon, and each tone pairs with a distinct label', () => {
    const icons = OutboxState.options.map((s) => OUTBOX_STATE_STYLE[s].icon);
    expect(new Set(icons).size).toBe(icons.length);
    expect(OUTBOX_STATE_STYLE.rejected.tone).toBe('bad');
    expect(OUTBOX_STATE_STYLE.retrying.tone).not.toBe('bad');
  });

  it('a state from a newer build is shown by name, never fatal', () => {
    expect(styleOf('waiting_for_owner')).toEqual({ label: 'waiting for owner', tone: 'neutral', icon: '?' });
  });

  it.each([
    [{ state: 'retrying', lastError: { code: 'network.offline', message: 'offline' } }, 'expected'],
    [{ state: 'retrying', lastError: { code: 'langwatch.server_error', message: '500' } }, 'problem'],
    [{ state: 'rejected', lastError: { code: 'langwatch.validation', message: 'bad name' } }, 'alert'],
    [{ state: 'submitted', lastError: { code: 'network.offline', message: 'old' } }, 'none'],
    [{ state: 'staged', lastError: null }, 'none'],
  ] as const)('%j -> %s', (entry, expected) => {
    expect(errorPresentation(entry as never)).toBe(expected);
  });
});
