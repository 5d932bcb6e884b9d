import { describe, expect, it } from 'vitest';
import { toCsv, toExportRows, toJson } from '../../../src-main/services/sources/export';
import type { SourceRow } from '../../../src-shared/domain/sources';

const SECRET = 'sk-ant-api01-ExportMustNeverContainThis-XYZ';
const row: SourceRow = {
  id: 'src_1',
  organizationId: 'org_acme',
  teamId: null,
  sourceType: 'claude_compliance',
  name: '=HYPERLINK("http://evil")',
  description: 'has "quotes", commas\nand lines',
  // A server must never send these back; if one ever did, the export still leaves them out.
  parserConfig: { adapter: 'claude_compliance', pollEverySec: 900, credentials: { token: SECRET }, _internal: SECRET },
  status: 'active',
  lastEventAt: '2026-08-01T10:00:00.000Z',
  archivedAt: null,
  createdAt: '2026-08-01T09:00:00.000Z',
  updatedAt: '2026-08-01T09:00:00.000Z',
  createdById: 'user_admin',
  eventsLast24h: 12,
};

describe('sources export', () => {
  it('exports an allow-list of columns: never parserConfig, credentials or any secret', () => {
    const rows = toExportRows([row], [{ name: 'Staged one', state: 'retrying', sourceType: 'claude_compliance' }]);
    const json = toJson(rows);
    const csv = toCsv(rows);
    for (const text of [json, csv]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('credentials');
      expect(text).not.toContain('parserConfig');
    }
    expect(JSON.parse(json)).toEqual([
      expect.objectContaining({ id: '', name: 'Staged one', status: 'staged: retrying' }),
      expect.objectContaining({ id: 'src_1', cadenceSec: 900, eventsLast24h: 12, status: 'active' }),
    ]);
  });

  it('writes RFC 4180 CSV and defuses spreadsheet formulas', () => {
    const csv = toCsv(toExportRows([row]));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'id,name,sourceType,status,lastEventAt,eventsLast24h,cadenceSec,createdAt,archivedAt,teamId,description',
    );
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).toContain('"has ""quotes"", commas\nand lines"');
  });
});
