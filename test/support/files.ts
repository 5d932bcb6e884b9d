import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

// The folder walker the leak checks share: a secret must be in no file of a user-data folder.

/** Every file under `dir` (recursively), skipping what vanished while walking (log rotation). */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    try {
      const stat = statSync(path);
      if (stat.isDirectory()) out.push(...filesUnder(path));
      else if (stat.isFile()) out.push(path);
    } catch {
      // Removed while walking: nothing to scan.
    }
  }
  return out;
}

/** Every file under `dir`, as text, one after the other (latin1 keeps every byte of a binary file). */
export function filesText(dir: string, encoding: 'utf8' | 'latin1' = 'utf8'): string {
  return filesUnder(dir)
    .map((path) => readFileSync(path, encoding))
    .join('\n');
}
