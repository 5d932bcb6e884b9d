// The `local/no-import-cycle` lint rule: an import that closes a cycle between files of
// src-*/emulator, or between two service folders that import each other, is an error at the
// import line. The graph is read from disk by ./import-cycles.mjs (no npm plugin needed).
import { resolve } from 'node:path';
import { cycleIndex, resolveImport, serviceFolder } from './import-cycles.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const rel = (f) =>
  f
    .slice(ROOT.length + 1)
    .split('\\')
    .join('/');

/** @type {import('eslint').Rule.RuleModule} */
export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'No import cycles: move the shared piece into its own file.' },
    messages: {
      file: 'Import cycle: {{cycle}}. Move what both need into its own file.',
      folder: 'Service folders import each other: {{cycle}}. Keep one direction.',
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = resolveImport(file, spec);
      if (!target) return;
      const { byFile, byFolder } = cycleIndex(ROOT);
      const cycle = byFile.get(file);
      if (cycle && cycle.includes(target)) {
        context.report({ node, messageId: 'file', data: { cycle: cycle.map(rel).join(' → ') } });
        return;
      }
      const [from, to] = [serviceFolder(ROOT, file), serviceFolder(ROOT, target)];
      const folders = from && byFolder.get(from);
      if (folders && to !== from && folders.includes(to)) {
        context.report({ node, messageId: 'folder', data: { cycle: folders.join(' ↔ ') } });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};
