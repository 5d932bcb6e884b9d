// Types of import-cycles.mjs for the TypeScript tests that call it.
export declare const CYCLE_FOLDERS: string[];
export declare function moduleImports(fileName: string, text: string): { specifier: string; line: number }[];
export declare function resolveImport(fromFile: string, specifier: string): string | null;
export declare function importGraph(root: string): Map<string, Set<string>>;
export declare function cycles(graph: Map<string, Set<string>>): string[][];
export declare function cyclesIn(root: string): string[][];
export declare function serviceFolder(root: string, file: string): string | null;
export declare function folderGraph(root: string, graph: Map<string, Set<string>>): Map<string, Set<string>>;
export declare function cycleIndex(
  root: string,
  ttlMs?: number,
): { root: string; at: number; byFile: Map<string, string[]>; byFolder: Map<string, string[]> };
