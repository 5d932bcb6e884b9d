import { describe, expect, it } from 'vitest';
import { errorPresentation } from '../../../src-shared/domain/outbox-style';

describe("how an entry's last error is shown", () => {
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
