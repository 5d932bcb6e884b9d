import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** Names the area, so the message says which part failed. */
  area: string;
  children: ReactNode;
}
interface State {
  error: Error | null;
}

/**
 * Catches a render crash in one area, says what failed and offers a way out, instead of a
 * blank window. The rest of the console keeps working.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`[${this.props.area}] render failed`, error.message, info.componentStack?.split('\n')[1]?.trim());
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <section role="alert" className="error-panel" data-testid="error-boundary">
        <h2>{this.props.area} could not be shown</h2>
        <p>{this.state.error.message}</p>
        <p>Your staged keys and settings are safe: they live in the main process, not in this view.</p>
        <div className="row">
          <button type="button" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
          <button type="button" onClick={() => window.location.reload()}>
            Reload the console
          </button>
        </div>
      </section>
    );
  }
}
