/**
 * The diagnosis as Markdown for a support ticket ("Copy report"). Built only from the
 * diagnosis and display-safe identifiers (ids, names, fingerprints): never a key, cookie or
 * token, which the renderer never holds anyway. Server text is escaped for Markdown tables.
 */
import { OPERATOR_QUESTION, type Diagnosis } from './diagnosis';

/** Who and what the report is about. */
export interface ReportContext {
  sourceId: string;
  sourceName: string;
  deployment: string;
  organization: string;
  /** When the report was made (this machine's clock; only printed, never compared). */
  generatedAt: string;
  consoleVersion: string;
}

/** The report text. */
export function diagnosisReport(d: Diagnosis, ctx: ReportContext): string {
  const lines = [
    `## Ingestion source diagnosis: ${inline(ctx.sourceName)}`,
    '',
    `- Source id: \`${inline(ctx.sourceId)}\``,
    `- Deployment: ${inline(ctx.deployment)}`,
    `- Organisation: ${inline(ctx.organization)}`,
    `- Generated: ${ctx.generatedAt} by LangWatch Ingestion Console ${inline(ctx.consoleVersion)}`,
    '',
    '### What is known',
    '',
    '| Fact | Value |',
    '| --- | --- |',
    ...d.known.map((k) => `| ${cell(k.label)} | ${cell(k.value)}${k.unknown ? ' *(unknown)*' : ''} |`),
    '',
    '### Causes, strongest evidence first',
    '',
  ];
  if (d.causes.length === 0) lines.push('No cause found: the source is not stuck.');
  d.causes.forEach((c, i) => {
    lines.push(`${i + 1}. **${inline(c.title)}** (${c.strength}): ${inline(c.evidence)}`, `   - Fix: ${inline(c.fix)}`);
  });
  if (d.causes.some((c) => c.id === 'puller_failing'))
    lines.push('', '### Question for the LangWatch operator', '', OPERATOR_QUESTION);
  return `${lines.join('\n')}\n`;
}

function inline(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/([`*_[\]<>])/g, '\\$1');
}

function cell(text: string): string {
  return inline(text).replace(/\|/g, '\\|');
}
