import { describe, expect, it } from 'vitest';
import { CLIPBOARD_CLEAR_MS } from '../../../src-shared/domain/ingest-secret';
import { createSecretClipboard, type ClipboardPort } from '../../../src-main/services/ingest-secrets/clipboard';
import { createNullLogger } from '../../../src-main/services/logging/test-loggers';
import { createFakeClock } from '../../support/fake-clock';
import { SECRET } from './helpers';

function fakeClipboard(): ClipboardPort & { text: string } {
  const port = {
    text: '',
    writeText: (t: string) => void (port.text = t),
    readText: () => port.text,
    clear: () => void (port.text = ''),
  };
  return port;
}

describe('the clipboard that clears itself', () => {
  it(`clears what it copied after ${CLIPBOARD_CLEAR_MS / 1000} s, and says when`, async () => {
    const clock = createFakeClock();
    const port = fakeClipboard();
    const clipboard = createSecretClipboard({ port, clock, log: createNullLogger() });
    const { clearsAt } = await clipboard.copy(SECRET);
    expect(port.text).toBe(SECRET);
    expect(Date.parse(clearsAt) - clock.now()).toBe(CLIPBOARD_CLEAR_MS);
    await clock.advance(CLIPBOARD_CLEAR_MS - 1);
    expect(port.text).toBe(SECRET);
    await clock.advance(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(port.text).toBe('');
  });

  it('leaves the clipboard alone when the person copied something else meanwhile; clears on close otherwise', async () => {
    const clock = createFakeClock();
    const port = fakeClipboard();
    const clipboard = createSecretClipboard({ port, clock, log: createNullLogger() });
    await clipboard.copy(SECRET);
    port.text = 'something of their own';
    await clock.advance(CLIPBOARD_CLEAR_MS);
    await new Promise((resolve) => setImmediate(resolve));
    expect(port.text).toBe('something of their own');
    await clipboard.copy(SECRET);
    await clipboard.close();
    expect(port.text).toBe('');
    expect(clock.pending()).toBe(0);
  });
});
