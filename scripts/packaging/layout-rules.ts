// What an unpacked package layout must and must not contain, as a pure judgement over file
// lists, so the rules are unit-tested with bad lists and the same rules judge a real build.

/** The asar may not grow past this: 6.2 MiB today (main, preload, renderer, zod, undici, keytar and its helpers). */
export const ASAR_BUDGET_BYTES = 10 * 1024 * 1024;

/** Built output the app cannot start without (paths inside app.asar). */
export const REQUIRED_BUILT = [
  'out/main/index.js',
  'out/preload/preload.js',
  'out/renderer/index.html',
  'package.json',
];

/** Native addons that must load from app.asar.unpacked (Node cannot dlopen inside an asar). */
export const REQUIRED_UNPACKED = ['node_modules/keytar/build/Release/keytar.node'];

/** The only top-level entries an app.asar may have. */
const ALLOWED_TOP = new Set(['out', 'node_modules', 'package.json']);

/** Development folders, named so a finding says which one leaked. */
export const DEV_FOLDERS = [
  'src-main',
  'src-preload',
  'src-shared',
  'src-renderer',
  'test',
  'e2e',
  'emulator',
  'bench',
  'scripts',
  '.tmp',
  'build',
  'docs',
];

/** Facts read from one built layout (paths relative to the archive root, '/'-separated). */
export interface LayoutFacts {
  asarFiles: readonly string[];
  unpackedFiles: readonly string[];
  asarBytes: number;
  /** package.json devDependencies names. */
  devDependencies: readonly string[];
  /** Packages the built main process loads with require() (not electron, not Node built-ins). */
  mainRequires: readonly string[];
  /**
   * Every package main can load at run time: `mainRequires` and, package by package, what their
   * code loads (runtime-closure.ts). The archive must hold exactly these.
   */
  runtimePackages: readonly string[];
}

/** Every package a layout ships, nested ones too (`node_modules/a/node_modules/b/...` gives a and b). */
export function shippedPackagesOf(files: readonly string[]): string[] {
  const names = new Set<string>();
  for (const file of files) {
    const parts = file.split('/');
    for (let i = 0; i < parts.length - 1; i++) {
      if (parts[i] !== 'node_modules') continue;
      // A package is a folder: its name is followed by at least one more path part.
      const scoped = parts[i + 1]!.startsWith('@');
      if (i + (scoped ? 2 : 1) >= parts.length - 1) continue;
      names.add(scoped ? `${parts[i + 1]}/${parts[i + 2]}` : parts[i + 1]!);
    }
  }
  return [...names].sort();
}

/** The package a require() specifier loads: `@scope/name/x` -> `@scope/name`, `name/x` -> `name`. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Everything wrong with a layout, one human sentence per finding; empty when it is fine. */
export function judgeLayout(facts: LayoutFacts): string[] {
  const asar = new Set(facts.asarFiles);
  const unpacked = new Set(facts.unpackedFiles);
  const problems: string[] = [];
  for (const file of REQUIRED_BUILT)
    if (!asar.has(file)) problems.push(`built output missing from app.asar: ${file} (run \`npm run build\` first)`);
  if (!facts.asarFiles.some((f) => /^out\/renderer\/assets\/[^/]+\.js$/.test(f)))
    problems.push('built output missing from app.asar: the renderer script (out/renderer/assets/*.js)');
  for (const file of REQUIRED_UNPACKED)
    if (!unpacked.has(file))
      problems.push(`native module not unpacked: ${file} must be in app.asar.unpacked (asarUnpack)`);
  for (const file of facts.asarFiles) {
    if (file.endsWith('.node') && !unpacked.has(file))
      problems.push(`native module packed inside app.asar, where it cannot load: ${file}`);
  }
  const all = [...facts.asarFiles, ...facts.unpackedFiles];
  const tops = new Set(all.map((f) => f.split('/')[0]!));
  for (const top of tops) {
    if (ALLOWED_TOP.has(top)) continue;
    problems.push(
      DEV_FOLDERS.includes(top) ? `development folder shipped: ${top}/` : `unexpected top-level entry shipped: ${top}`,
    );
  }
  for (const file of all) {
    if (file.endsWith('.map')) problems.push(`source map shipped: ${file}`);
    else if (file.split('/').includes('.tmp')) problems.push(`scratch file shipped: ${file}`);
  }
  const shippedPackages = new Set(shippedPackagesOf(all));
  const runtime = new Set([...facts.runtimePackages, ...facts.mainRequires]);
  const dev = new Set(facts.devDependencies);
  for (const name of facts.devDependencies)
    if (shippedPackages.has(name)) problems.push(`devDependency shipped: node_modules/${name}`);
  for (const name of shippedPackages)
    if (!runtime.has(name) && !dev.has(name))
      problems.push(
        `package shipped that main never loads at run time: node_modules/${name} (install-time or bundled code; ship only RUNTIME_PACKAGES)`,
      );
  for (const name of [...runtime].sort()) {
    if (!asar.has(`node_modules/${name}/package.json`))
      problems.push(`the main process loads ${name} at run time, but node_modules/${name} is not in app.asar`);
  }
  if (facts.asarBytes > ASAR_BUDGET_BYTES) {
    problems.push(`app.asar is ${mib(facts.asarBytes)} MiB, over the ${mib(ASAR_BUDGET_BYTES)} MiB budget`);
  }
  return problems;
}

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

/** The packages a CommonJS bundle require()s, minus electron and Node built-ins. */
export function bundleRequires(source: string, builtins: readonly string[]): string[] {
  const builtin = new Set(builtins);
  const ids = [...source.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!);
  const packages = ids
    .filter((id) => id !== 'electron' && !id.startsWith('node:') && !id.startsWith('.') && !builtin.has(id))
    .map(packageNameOf);
  return [...new Set(packages)].sort();
}
