/**
 * Benchmark: ingestionSources.list for an org with 5,000 sources, against a baseline measured in the
 * same run (a bare node:http server answering a pre-serialised JSON body of the same size).
 * Prints a table and a JSON line; exits by itself. Target: emulator p50 < 25 ms.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { SEED, startEmulator } from '../emulator/index';

const SOURCES = 5_000;
const WARMUP = 20;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const UNCACHED_REQUESTS = 50;
const TARGET_P50_MS = 25;

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(
  url: string,
  headers: Record<string, string>,
  dispatcher: Agent,
  requests = REQUESTS,
  beforeEach?: () => void,
): Promise<{ p50: number; p95: number; mean: number; bytes: number }> {
  let bytes = 0;
  const once = async (): Promise<number> => {
    beforeEach?.();
    const t0 = performance.now();
    const res = await request(url, { headers, dispatcher });
    const buf = Buffer.from(await res.body.arrayBuffer());
    if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`);
    bytes = buf.length;
    return performance.now() - t0;
  };
  for (let i = 0; i < WARMUP; i++) await once();
  const samples: number[] = [];
  for (let i = 0; i < requests; i++) samples.push(await once());
  samples.sort((a, b) => a - b);
  return {
    p50: pct(samples, 50),
    p95: pct(samples, 95),
    mean: samples.reduce((a, b) => a + b, 0) / samples.length,
    bytes,
  };
}

async function main(): Promise<void> {
  const emu = await startEmulator({ pullerSchedule: false });
  const dispatcher = new Agent({ keepAliveTimeout: 10_000 });
  try {
    emu.control.seedSources(SEED.orgs.enterprise.id, SOURCES);
    const signIn = await request(`${emu.langwatchUrl}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: emu.langwatchUrl },
      body: JSON.stringify({ email: SEED.users.admin.email, password: SEED.users.admin.password }),
    });
    await signIn.body.dump();
    const setCookie = signIn.headers['set-cookie'];
    const cookie = String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0]!;
    const listUrl = `${emu.langwatchUrl}/api/trpc/ingestionSources.list?input=${encodeURIComponent(JSON.stringify({ json: { organizationId: SEED.orgs.enterprise.id } }))}`;

    // Baseline: the very same bytes from a bare node:http server.
    const first = await request(listUrl, { headers: { cookie }, dispatcher });
    const body = Buffer.from(await first.body.arrayBuffer());
    const baseline = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      res.end(body);
    });
    await new Promise<void>((r) => baseline.listen(0, '127.0.0.1', r));
    const baseUrl = `http://127.0.0.1:${(baseline.address() as AddressInfo).port}/`;

    // Alternate rounds so that warm-up and machine noise hit both sides alike; keep the second round.
    await measure(baseUrl, {}, dispatcher, 50);
    await measure(listUrl, { cookie }, dispatcher, 50);
    const base = await measure(baseUrl, {}, dispatcher);
    const emuStats = await measure(listUrl, { cookie }, dispatcher);
    // Worst case: the org changed before every request, so nothing is cached (DTOs, superjson, JSON rebuilt).
    const uncached = await measure(listUrl, { cookie }, dispatcher, UNCACHED_REQUESTS, () =>
      emu.control.setEnterprise(SEED.orgs.enterprise.id, true),
    );
    baseline.closeAllConnections();
    await new Promise<void>((r) => baseline.close(() => r()));

    const result = {
      benchmark: 'emulator ingestionSources.list',
      sources: SOURCES,
      requests: REQUESTS,
      warmup: WARMUP,
      bodyBytes: emuStats.bytes,
      emulator: { p50Ms: +emuStats.p50.toFixed(2), p95Ms: +emuStats.p95.toFixed(2), meanMs: +emuStats.mean.toFixed(2) },
      emulatorAfterEachChange: {
        requests: UNCACHED_REQUESTS,
        p50Ms: +uncached.p50.toFixed(2),
        p95Ms: +uncached.p95.toFixed(2),
      },
      baseline: { p50Ms: +base.p50.toFixed(2), p95Ms: +base.p95.toFixed(2), meanMs: +base.mean.toFixed(2) },
      ratioP50: +(emuStats.p50 / base.p50).toFixed(2),
      ratioP95: +(emuStats.p95 / base.p95).toFixed(2),
      targetP50Ms: TARGET_P50_MS,
      pass: emuStats.p50 < TARGET_P50_MS,
    };
    process.stdout
      .write(`ingestionSources.list, ${SOURCES} sources, ${(emuStats.bytes / 1024).toFixed(0)} KiB, ${REQUESTS} sequential requests
  emulator  p50 ${result.emulator.p50Ms} ms  p95 ${result.emulator.p95Ms} ms
  emulator, list changed before each request: p50 ${result.emulatorAfterEachChange.p50Ms} ms  p95 ${result.emulatorAfterEachChange.p95Ms} ms
  baseline  p50 ${result.baseline.p50Ms} ms  p95 ${result.baseline.p95Ms} ms   (bare node:http, same body)
  ratio     p50 ${result.ratioP50}x  p95 ${result.ratioP95}x   target p50 < ${TARGET_P50_MS} ms: ${result.pass ? 'PASS' : 'FAIL'}
${JSON.stringify(result)}
`);
    process.exitCode = result.pass ? 0 : 1;
  } finally {
    await dispatcher.close();
    await emu.close();
  }
}

void main();
