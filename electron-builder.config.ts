import type { Configuration } from 'electron-builder';

// How `npm run package` turns the built app (out/) into installers. Read by scripts/package.ts
// and by the packaging tests; `npx electron-builder --config electron-builder.config.ts` works too.

/**
 * The packages the built main process loads from node_modules at run time, and nothing else:
 * electron-vite bundles React, zustand and superjson into the bundles, tRPC is the emulator's,
 * and keytar's own dependencies (prebuild-install, node-addon-api and their 30-odd helpers) run
 * only while npm installs it. The packaging test compares this list with the runtime require
 * closure of the built main bundle (scripts/packaging/runtime-closure.ts), both ways.
 */
export const RUNTIME_PACKAGES = ['croner', 'keytar', 'undici', 'zod'];

/** Native modules: Node cannot dlopen a file inside an asar, so they live in app.asar.unpacked. */
export const NATIVE_UNPACKED = ['**/node_modules/keytar/**'];

const config: Configuration = {
  appId: 'ai.langwatch.ingestion-console',
  productName: 'LangWatch Ingestion Console',
  copyright: 'Copyright © LangWatch',
  directories: { output: 'dist', buildResources: 'build' },
  // Only the built app and the packages main requires at run time (electron-builder offers the
  // whole production dependency tree; the filters keep RUNTIME_PACKAGES). No sources, tests or
  // source maps.
  files: [
    'out/**/*',
    'package.json',
    '!node_modules/**/*',
    `node_modules/{${RUNTIME_PACKAGES.join(',')}}/**/*`,
    // Exclusions after the last inclusion (electron-builder applies the patterns in order):
    // a runtime package's own nested node_modules would bring its install-time tools back.
    '!node_modules/*/node_modules/**/*',
    '!**/*.map',
    // TypeScript sources and typings some packages ship next to their JS (zod ships all of src/).
    '!node_modules/**/*.{ts,mts,cts,tsx}',
  ],
  asar: true,
  asarUnpack: NATIVE_UNPACKED,
  // keytar is an N-API addon: the .node that npm built for Node loads in Electron as it is, so
  // no electron-rebuild (which would also download Electron's headers).
  npmRebuild: false,
  // Applied to the Electron executable right before signing (electron-builder uses @electron/fuses).
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    // Flipping fuses breaks Electron's ad-hoc signature; an unsigned arm64 Mac app needs a new one.
    resetAdHocDarwinSignature: true,
  },
  artifactName: 'langwatch-ingestion-console-${version}-${arch}.${ext}',
  linux: {
    target: ['AppImage', 'deb'],
    icon: 'build/icons',
    category: 'Development',
    maintainer: 'LangWatch',
    synopsis: 'Admin console for LangWatch governance ingestion sources',
  },
  // keytar needs libsecret at run time; a Secret Service (GNOME Keyring, KWallet) stores the keys.
  deb: { depends: ['libsecret-1-0'] },
  mac: { target: ['dmg'], icon: 'build/icon.icns', category: 'public.app-category.developer-tools' },
  win: { target: ['nsis'], icon: 'build/icon.ico' },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
  // Installers are attached to a draft release by the workflow, never published from here.
  publish: null,
};

export default config;
