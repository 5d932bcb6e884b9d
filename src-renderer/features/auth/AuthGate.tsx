import type { ReactNode } from 'react';
import { useEffect } from 'react';
import type { Route } from '../../stores/app-store';
import { useAuthStore } from '../../stores/auth-store';
import { useAuthStateStore } from '../../stores/auth-state-store';
import { AuthView } from './AuthView';

/** Shows the Connect view in place of Sources until there is a session; other routes pass through. */
export function AuthGate({ route, children }: { route: Route; children: ReactNode }) {
  const kind = useAuthStateStore((s) => s.state?.session.kind);
  const startAuth = useAuthStore((s) => s.start);
  useEffect(() => startAuth(), [startAuth]);
  if (route === 'sources' && kind !== undefined && kind !== 'signed_in' && kind !== 'device') return <AuthView />;
  return <>{children}</>;
}
