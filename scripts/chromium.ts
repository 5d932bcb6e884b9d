/**
 * The Chromium every launch outside Electron uses (the e2e harness, the demo, the renderer
 * benchmark): Debian's, since `npx playwright install` cannot download here, with the flags
 * that keep it quiet and offline. `CHROMIUM_PATH` points elsewhere on other machines.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];
