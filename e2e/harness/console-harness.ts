import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { createDispatcher, type Dispatcher } from '../../src-main/ipc/dispatcher';
import { createHandlerTable } from '../../src-main/ipc/handlers';
import type { RuntimeConfig } from '../../src-main/runtime-config';
import { createServices, type Services, type ServicesOptions } from '../../src-main/services/create-services';
import type { SecretStore } from '../../src-main/services/secrets/secret-store';
import type { Clock } from '../../src-main/services/clock';
import type { ScheduleIntervals } from '../../src-main/services/sources/schedule';
import { SEED } from '../../emulator/seed';
import { bridgeScript } from './bridge-script';
import { createFakeClipboard, createHarnessPorts, type HarnessPorts } from './harness-ports';
import { serveRenderer } from './static-server';

const ROOT = join(__dirname, '..', '..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export interface HarnessOptions {
  /** LangWatch deployment the first profile points at (usually the emulator). */
  langwatchUrl?: string;
  anthropicUrl?: string;
  /** Reuse a user-data folder (restart journeys); a fresh temp folder otherwise. */
  userDataDir?: string;
  /** Inject a store (e.g. to share it across restarts in memory); the real keychain otherwise. */
  secrets?: SecretStore;
  /** Inject a clock (TTL journeys move time forward); the system clock otherwise. */
  clock?: Clock;
  /** Sources monitor tick intervals (short ones make live-refresh journeys fast). */
  monitorIntervals?: ScheduleIntervals;
  /** `demo` for `npm run demo`'s browser fallback; `test` otherwise. */
  mode?: 'demo' | 'test';
  /** Further deployment profiles added at start (the demo's second emulated deployment). */
  demoDeployments?: RuntimeConfig['demoDeployments'];
  /** The Everywhere service's timings (short ones make its journeys fast). */
  everywhere?: ServicesOptions['everywhere'];
}

/** One message main sent towards the renderer, recorded for secret-leak checks. */
export interface RendererBoundMessage {
  kind: 'result' | 'event';
  channel: string;
  payload: unknown;
}

/**
 * The console without Electron: the built renderer in real Chromium, bound through
 * `exposeBinding` to the very same dispatcher, handler table and services the app uses.
 * Everything main sends to the renderer is recorded, so tests can prove no secret crossed.
 */
export class ConsoleHarness {
  readonly traffic: RendererBoundMessage[] = [];
  /** The system clipboard as main sees it (`ingestSecrets.copy` writes it, then clears it). */
  readonly clipboard = createFakeClipboard();
  /** System-browser opens (recorded) and the browser sign-in window (a fresh Playwright context). */
  readonly authPorts: HarnessPorts;
  services!: Services;
  private dispatcher!: Dispatcher;
  private removeSink: (() => void) | null = null;
  private readonly pageId = `page-${Math.random().toString(36).slice(2)}`;

  private constructor(
    readonly page: Page,
    readonly rendererUrl: string,
    readonly userDataDir: string,
    private readonly options: HarnessOptions,
    private readonly closeServer: () => Promise<void>,
    private readonly ownsUserDataDir: boolean,
  ) {
    this.authPorts = createHarnessPorts(page.context().browser()!);
  }

  /** URLs the console opened in the "system browser". */
  get openedUrls(): string[] {
    return this.authPorts.openedUrls;
  }

  /** Serves the renderer, starts the services, binds the bridge and opens the console. */
  static async open(context: BrowserContext, options: HarnessOptions = {}): Promise<ConsoleHarness> {
    const server = await serveRenderer(join(ROOT, 'out', 'renderer'));
    const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'lw-harness-'));
    const page = await context.newPage();
    const harness = new ConsoleHarness(page, server.url, userDataDir, options, server.close, !options.userDataDir);
    await harness.startServices();
    await page.exposeBinding('__lwInvoke', async (source, channel: unknown, input: unknown) => {
      const sender = {
        frameUrl: source.frame.url(),
        isMainFrame: source.frame === source.page.mainFrame(),
        windowId: harness.pageId,
      };
      const result = await harness.dispatcher.dispatch(channel, input, sender);
      harness.traffic.push({ kind: 'result', channel: String(channel), payload: result });
      return result;
    });
    await page.addInitScript({ content: bridgeScript() });
    await page.goto(server.url);
    await page.locator('#root[data-state="ready"]').waitFor();
    return harness;
  }

  /** The config the services get: test mode, our user-data folder, the emulator URLs. */
  get config(): RuntimeConfig {
    return {
      mode: this.options.mode ?? 'test',
      userDataDir: this.userDataDir,
      secretBackend: 'keychain',
      defaultLangwatchUrl: this.options.langwatchUrl ?? 'http://127.0.0.1:9/',
      defaultAnthropicUrl: this.options.anthropicUrl ?? 'http://127.0.0.1:9/',
      demoDeployments: this.options.demoDeployments,
    };
  }

  private async startServices(): Promise<void> {
    this.services = await createServices({
      config: this.config,
      version: VERSION,
      secrets: this.options.secrets,
      ports: this.authPorts.ports,
      clock: this.options.clock,
      monitorIntervals: this.options.monitorIntervals,
      clipboard: this.clipboard,
      everywhere: this.options.everywhere,
    });
    this.dispatcher = createDispatcher({
      handlers: createHandlerTable(this.services),
      senderPolicy: { trustedUrls: [this.rendererUrl], isOurWindow: (id) => id === this.pageId },
      log: this.services.log.child('ipc'),
    });
    this.removeSink = this.services.events.addSink((name, payload) => {
      this.traffic.push({ kind: 'event', channel: name, payload });
      // Plain JSON for the page: Playwright's serialisable check cannot walk the payload union.
      const message: [string, unknown] = [name, payload];
      void this.page.evaluate(([n, p]) => window.__lwEmit?.(n, p), message).catch(() => undefined);
    });
  }

  /**
   * Simulates quitting and relaunching the console: services are closed and created anew on
   * the same user-data folder and keychain, then the page reloads.
   */
  async restart(): Promise<void> {
    this.removeSink?.();
    await this.services.close();
    await this.startServices();
    await this.page.reload();
    await this.page.locator('#root[data-state="ready"]').waitFor();
  }

  /**
   * Signs the active profile in as a seeded user without going through the UI (journeys that
   * test something else), and waits until organisations and permissions are loaded.
   */
  async signIn(who: keyof typeof SEED.users = 'admin'): Promise<void> {
    const profileId = this.services.auth.state().activeProfileId;
    if (!profileId) throw new Error('no active profile');
    const { email, password } = SEED.users[who];
    await this.services.sessions.signInWithEmail(profileId, { email, password });
    await this.services.auth.refresh();
  }

  /** Everything main sent to the renderer, as one string to search for secret values. */
  rendererTrafficText(): string {
    return JSON.stringify(this.traffic);
  }

  async close(): Promise<void> {
    this.removeSink?.();
    await this.services.close();
    await this.page.close().catch(() => undefined);
    await this.closeServer();
    if (this.ownsUserDataDir) rmSync(this.userDataDir, { recursive: true, force: true });
  }
}
