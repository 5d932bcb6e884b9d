import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The emulator in a process of its own, driven over its HTTP control surface. */
export interface EmulatorProcess {
  langwatchUrl: string;
  anthropicUrl: string;
  control<T = unknown>(method: string, ...args: unknown[]): Promise<T>;
  close(): Promise<void>;
}

/**
 * Starts `emulator/cli.ts` in a child process (free ports, control over HTTP, no cron, no live
 * activity). Benchmarks that time the client use it so the server's work and its garbage
 * collection do not land inside the client's measurements, as with a real remote deployment.
 */
export async function startEmulatorProcess(): Promise<EmulatorProcess> {
  const root = join(__dirname, '..');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'emulator/cli.ts',
      '--port',
      '0',
      '--control',
      '--live-activity-ms',
      '0',
      '--no-puller-schedule',
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const urls = await new Promise<{ langwatchUrl: string; anthropicUrl: string }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the emulator did not start within 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before it was ready`)));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const lw = /LangWatch:\s+(http:\/\/\S+)/.exec(out)?.[1];
      const an = /Anthropic:\s+(http:\/\/\S+)/.exec(out)?.[1];
      if (lw && an) {
        clearTimeout(timer);
        resolve({ langwatchUrl: lw, anthropicUrl: an });
      }
    });
  });
  return {
    ...urls,
    async control<T>(method: string, ...args: unknown[]): Promise<T> {
      const res = await fetch(`${urls.langwatchUrl.replace(/\/$/, '')}/__emulator/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ args }),
      });
      const body = (await res.json()) as { result?: T; error?: string };
      if (!res.ok) throw new Error(`emulator control ${method} failed: ${body.error ?? res.status}`);
      return body.result as T;
    },
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
