/** `npm run emulator`: starts the emulator on 127.0.0.1 and prints its URLs and the demo credentials. */
import { PULLER_MODES, SEED, startEmulator, type PullerMode } from './index';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}
const flag = (name: string): boolean => process.argv.includes(name);

if (flag('--help') || flag('-h')) {
  process.stdout
    .write(`Usage: npm run emulator -- [--port N] [--anthropic-port N] [--data FILE] [--control] [--live-activity-ms N]
  --port N            LangWatch port (default 5560; 0 = free port; the Anthropic port is then also free unless given)
  --anthropic-port N  Anthropic port (default: LangWatch port + 1, or free with --port 0)
                      (the vendors listener, Databricks + audit-log API, takes the Anthropic port + 1)
  --data FILE         persist state to FILE (atomic writes; sealing keys in FILE.key)
  --control           serve the control API at /__emulator/* on the LangWatch port
  --no-puller-schedule  pull only on control pullNow, never on the cron
  --live-activity-ms  add a new Anthropic activity every N ms (default 20000; 0 = off)
  --puller MODE       documented (default): pull Anthropic's Compliance API;
                      langwatch: what LangWatch's puller does today (GET /v1/organizations/audit_log,
                      answered 404): compliance sources stay awaiting_first_event, errors rise
  --public-origin URL the deployment's configured public URL (approval links); default: its own URL
  --no-activity-monitor  activityMonitor.* answers 500 clickhouse_unavailable (no analytics store)
  --slow-activity-monitor <ms>  the same, after hanging <ms> (LangWatch's ClickHouse client retrying)
`);
  process.exit(0);
}

/** The --puller value, refused unless it is a known mode. */
function pullerMode(): PullerMode {
  const raw = arg('--puller') ?? 'documented';
  if (!(PULLER_MODES as readonly string[]).includes(raw)) {
    process.stderr.write(`--puller must be one of: ${PULLER_MODES.join(', ')}\n`);
    process.exit(2);
  }
  return raw as PullerMode;
}

async function main(): Promise<void> {
  const puller = pullerMode();
  const port = Number(arg('--port') ?? 5560);
  const anthropicPort =
    arg('--anthropic-port') !== undefined ? Number(arg('--anthropic-port')) : port === 0 ? 0 : port + 1;
  const emu = await startEmulator({
    langwatchPort: port,
    anthropicPort,
    vendorsPort: port === 0 ? 0 : anthropicPort + 1,
    dataFile: arg('--data'),
    controlHttp: flag('--control'),
    liveActivityEveryMs: Number(arg('--live-activity-ms') ?? 20_000),
    // Benchmarks and scripted runs pull on demand (control pullNow) instead of on the cron.
    pullerSchedule: !flag('--no-puller-schedule'),
    puller,
    publicOrigin: arg('--public-origin'),
    activityMonitorUnavailable: flag('--no-activity-monitor') || arg('--slow-activity-monitor') !== undefined,
    activityMonitorFailAfterMs: Number(arg('--slow-activity-monitor') ?? 0),
  });
  const users = Object.entries(SEED.users)
    .map(([k, u]) => `  ${k.padEnd(8)} ${u.email.padEnd(20)} ${u.password}`)
    .join('\n');
  const keys = Object.entries(SEED.anthropicKeys)
    .map(([k, v]) => `  ${k.padEnd(12)} ${v}`)
    .join('\n');
  const lines = [
    'LangWatch + Anthropic emulator',
    `  LangWatch:  ${emu.langwatchUrl}   (tRPC ${emu.langwatchUrl}/api/trpc, sign-in page ${emu.langwatchUrl}/auth/signin)`,
    `  Anthropic:  ${emu.anthropicUrl}   (GET /v1/compliance/activities, /v1/organizations/{usage,cost}_report)`,
    `  Vendors:    ${emu.vendorsUrl}   (Databricks workspace: /oidc/v1/token, /api/2.0/genie/*; audit-log API: /audit/v1/events)`,
    `  Control:    ${flag('--control') ? `${emu.langwatchUrl}/__emulator/<method>` : 'off (use --control)'}`,
    `  Data:       ${arg('--data') ?? 'in memory'}`,
    `  Puller:     ${puller === 'langwatch' ? 'langwatch (GET /v1/organizations/audit_log → 404: compliance sources never get events)' : 'documented (Compliance API)'}`,
    'Demo users (org_acme = Acme Corp, enterprise; org_small = Small Co):',
    users,
    'Anthropic keys (demo only):',
    keys,
    'Ctrl-C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) process.exit(1);
    stopping = true;
    void emu.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`emulator failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
