// The two ways electron-builder is driven: the real installers (with a real Electron
// distribution) and the stand-in layout check (offline, Linux dir target).
import { build, Platform } from 'electron-builder';
import { dirname, join } from 'node:path';
import config from '../../electron-builder.config';
import { writeStandInElectron } from './stand-in';

/** The unpacked layout electron-builder wrote. */
export interface UnpackedLayout {
  appOutDir: string;
  resourcesDir: string;
  executable: string;
}

/** Linux executable name: electron-builder derives it from package.json's name. */
export const LINUX_EXECUTABLE = 'langwatch-ingestion-console';

/**
 * Builds linux-unpacked/ under `workDir` from the current out/ and node_modules, with a stand-in
 * Electron. The `dir` target needs no downloaded tool (AppImage/deb would fetch appimagetool/fpm).
 */
export async function buildStandInLayout(projectDir: string, workDir: string): Promise<UnpackedLayout> {
  const electronDist = join(workDir, 'electron-dist');
  writeStandInElectron(electronDist);
  const output = join(workDir, 'dist');
  await build({
    projectDir,
    targets: Platform.LINUX.createTarget('dir'),
    config: { ...config, directories: { ...config.directories, output }, electronDist },
    publish: 'never',
  });
  const appOutDir = join(output, 'linux-unpacked');
  return { appOutDir, resourcesDir: join(appOutDir, 'resources'), executable: join(appOutDir, LINUX_EXECUTABLE) };
}

/**
 * The folder electron-builder copies Electron from (its `electronDist`), given the executable:
 * on macOS the executable sits in Electron.app/Contents/MacOS, and the folder holds Electron.app.
 */
export function electronDistOf(executable: string, platform: NodeJS.Platform = process.platform): string {
  return platform === 'darwin' ? dirname(dirname(dirname(dirname(executable)))) : dirname(executable);
}

/** Builds the host OS's installers (config targets) into dist/; returns the artifact paths. */
export async function buildInstallers(projectDir: string, electronDist: string): Promise<string[]> {
  return build({ projectDir, config: { ...config, electronDist }, publish: 'never' });
}
