import { useEffect, type ReactNode } from 'react';
import { AuthGate } from '../features/auth/AuthGate';
import { AuthBar } from '../features/auth/AuthBar';
import { AuthView } from '../features/auth/AuthView';
import { SessionBanner } from '../features/auth/SessionBanner';
import { SettingsView } from '../features/settings/SettingsView';
import { SourcesView } from '../features/sources/SourcesView';
import { EverywhereView } from '../features/everywhere/EverywhereView';
import { ComposeView } from '../features/composer/ComposeView';
import { OutboxView } from '../features/outbox/OutboxView';
import { WaitingSecrets } from '../features/ingest-secret/WaitingSecrets';
import { selectOpenCount, useOutboxStore } from '../stores/outbox-store';
import { useAppStore, type Route } from '../stores/app-store';
import { useAuthStateStore } from '../stores/auth-state-store';
import { ErrorBoundary } from './ErrorBoundary';
import { Nav } from './Nav';
import { StartupProblems } from './StartupProblems';
import { useSubscription } from '../stores/use-subscription';
import { useIngestSecretsStore } from '../stores/ingest-secrets-store';

/** Each route's view; a feature adds its view here. */
const VIEWS: Record<Route, { area: string; render: () => ReactNode }> = {
  sources: { area: 'Sources', render: () => <SourcesView /> },
  compose: { area: 'Compose', render: () => <ComposeView /> },
  outbox: { area: 'Outbox', render: () => <OutboxView /> },
  settings: { area: 'Settings', render: () => <SettingsView /> },
  deployments: { area: 'Deployments', render: () => <AuthView /> },
  everywhere: { area: 'Everywhere', render: () => <EverywhereView /> },
};

/** The shell: navigation, the current view inside an error boundary, and the ready signal. */
export function App() {
  const route = useAppStore((s) => s.route);
  const ready = useAppStore((s) => s.ready);
  const startupError = useAppStore((s) => s.startupError);
  const start = useAppStore((s) => s.start);

  const startAuth = useAuthStateStore((s) => s.start);
  const startOutbox = useOutboxStore((s) => s.start);
  const startIngestSecrets = useIngestSecretsStore((s) => s.start);
  const outboxCount = useOutboxStore(selectOpenCount);

  useSubscription(startOutbox);
  useSubscription(startIngestSecrets);

  useEffect(() => {
    void start();
  }, [start]);

  useSubscription(startAuth);

  useEffect(() => {
    // Tests (and the Electron spec) wait on this fact instead of sleeping.
    document.getElementById('root')?.setAttribute('data-state', ready ? 'ready' : 'loading');
  }, [ready]);

  const view = VIEWS[route];
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">LangWatch Ingestion Console</span>
        <AuthBar />
      </header>
      <Nav badges={{ outbox: outboxCount }} />
      <main id="main" tabIndex={-1}>
        {startupError && (
          <div role="alert" className="error-panel">
            The console could not start: {startupError.message}
          </div>
        )}
        <StartupProblems />
        <SessionBanner />
        <WaitingSecrets />
        <ErrorBoundary key={route} area={view.area}>
          <AuthGate route={route}>{view.render()}</AuthGate>
        </ErrorBoundary>
      </main>
    </div>
  );
}
