import { app, BrowserWindow, clipboard, dialog, Menu, Notification, session, shell } from 'electron';
import { productionMenuTemplate } from './app-menu';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { electronBrowserSignIn, signInContents } from './browser-sign-in';
import { createDispatcher } from './ipc/dispatcher';
import { createHandlerTable } from './ipc/handlers';
import { registerIpc } from './ipc/register';
import { resolveRuntimeConfig } from './runtime-config';
import { createConsoleWindow, hardenSession, hardenWebContents } from './security';
import { createServices } from './services/create-services';
import { redactSecrets } from './services/logging/redact';

// Thin Electron glue: lifecycle, the one window, hardening. Everything else is plain Node in
// services/ and ipc/, tested without Electron.

if (!app.requestSingleInstanceLock()) app.quit();

const config = resolveRuntimeConfig(process.env, process.argv, app.getPath('userData'));
if (config.userDataDir !== app.getPath('userData')) app.setPath('userData', config.userDataDir);

// A packaged build is production: no DevTools, a minimal menu. Unpackaged runs (dev, tests) keep them.
const build = { production: app.isPackaged };

let mainWindow: BrowserWindow | null = null;
const rendererFile = join(__dirname, '../renderer/index.html');
const rendererUrl = pathToFileURL(rendererFile).toString();

app.on('second-instance', () => {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
});

// Every webContents (ours and any future one): no navigation away, no new windows, no webviews.
hardenWebContents(app, { rendererUrl, isSignInContents: (id) => signInContents.has(id) });

app
  .whenReady()
  .then(async () => {
    hardenSession(session.defaultSession);
    if (build.production)
      Menu.setApplicationMenu(Menu.buildFromTemplate(productionMenuTemplate(process.platform, app.name)));

    const services = await createServices({
      config,
      version: app.getVersion(),
      ports: {
        // The URL was validated by the caller (http(s), on the deployment's origin).
        openExternal: (url) => shell.openExternal(url),
        browserSignIn: (request) => electronBrowserSignIn(request, mainWindow, build),
      },
      // A revealed ingest secret is copied, and cleared again, from main (ingest-secrets/clipboard.ts).
      clipboard: {
        writeText: (text) => clipboard.writeText(text),
        readText: () => clipboard.readText(),
        clear: () => clipboard.clear(),
      },
    });
    const dispatcher = createDispatcher({
      handlers: createHandlerTable(services),
      senderPolicy: {
        trustedUrls: [rendererUrl],
        isOurWindow: (id) => mainWindow !== null && mainWindow.webContents.id === id,
      },
      log: services.log.child('ipc'),
    });
    registerIpc(dispatcher, services.events, () => mainWindow);
    // System notifications follow the same checked, redacted events the window gets.
    const notify = (title: string, body: string) => {
      if (services.settings.get().notifications && Notification.isSupported()) new Notification({ title, body }).show();
    };
    // A key staged offline that finally reached LangWatch: tell the admin even if the window is hidden.
    services.events.on('outbox.submitted', (entry) =>
      notify(
        'Compliance key submitted',
        `"${entry.name}" reached LangWatch (key ${entry.fingerprint ?? 'unchanged'}); the staged key was wiped.`,
      ),
    );
    // A source's first events arrived (awaiting_first_event -> active, seen by the sources monitor).
    services.events.on('sources.becameActive', (source) =>
      notify('Source is active', `"${source.name}" received its first events.`),
    );
    // Sources anywhere (any deployment, any organisation) that started needing attention: one per tick.
    services.events.on('everywhere.attention', (news) =>
      notify(
        `${news.count} source${news.count === 1 ? '' : 's'} need${news.count === 1 ? 's' : ''} attention`,
        `In ${news.places} place${news.places === 1 ? '' : 's'}: ${news.names.map((n) => `"${n}"`).join(', ')}${news.count > news.names.length ? '…' : ''}. See Everywhere.`,
      ),
    );

    mainWindow = createConsoleWindow(BrowserWindow, join(__dirname, '../preload/preload.js'), build);
    mainWindow.once('ready-to-show', () => mainWindow?.show());
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
    await mainWindow.loadFile(rendererFile);
    services.log.info('console ready', { mode: config.mode });

    app.on('before-quit', () => {
      void services.close();
    });
  })
  .catch((error: unknown) => {
    // Never a silent exit: whatever stopped the start is said before the app goes.
    const message = redactSecrets(error instanceof Error ? error.message : String(error));
    dialog.showErrorBox(
      'LangWatch Ingestion Console could not start',
      `${message}\n\nThe log file in the console's user-data folder has the details.`,
    );
    app.exit(1);
  });

app.on('window-all-closed', () => app.quit());
