/**
 * The one place a secret may cross to the renderer on purpose: the answer of a revealing
 * channel (`ChannelSpec.reveals`, today `ingestSecrets.reveal`). The leak scan searches
 * renderer-bound traffic with that one field left out, and checks that each revealed value
 * crossed at most once: the reveal is once, so a second crossing is a leak too.
 */
import { IPC_CONTRACT } from '../../src-shared/ipc/contract';
import type { ChannelSpec } from '../../src-shared/ipc/define';
import type { RendererBoundMessage } from './console-harness';
import { fingerprint } from './leak-check';

/** Channel name -> the field its answer reveals. */
const REVEALING: ReadonlyMap<string, string> = new Map(
  Object.entries(IPC_CONTRACT as Record<string, ChannelSpec>).flatMap(([name, spec]) =>
    spec.reveals ? [[name, spec.reveals] as [string, string]] : [],
  ),
);

/** Renderer-bound traffic without the revealed fields, and every value revealed more than once. */
export function trafficForLeakScan(traffic: readonly RendererBoundMessage[]): { text: string; problems: string[] } {
  const times = new Map<string, number>();
  const scanned = traffic.map((message) => {
    const field = message.kind === 'result' ? REVEALING.get(message.channel) : undefined;
    const payload = message.payload as { ok?: boolean; value?: Record<string, unknown> };
    if (!field || payload.ok !== true || !payload.value || typeof payload.value[field] !== 'string') return message;
    const value = payload.value[field] as string;
    times.set(value, (times.get(value) ?? 0) + 1);
    const { [field]: _revealed, ...rest } = payload.value;
    return { ...message, payload: { ...payload, value: rest } };
  });
  const problems = [...times]
    .filter(([, n]) => n > 1)
    .map(([value, n]) => `${fingerprint(value)} revealed ${n} times to the renderer (once at most)`);
  return { text: JSON.stringify(scanned), problems };
}

/** LangWatch's ingest secret shape (`lw_is_` + 32 random bytes, base64url): found by shape where no run is left to ask. */
export const INGEST_SECRET_SHAPE = /lw_is_[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/;
