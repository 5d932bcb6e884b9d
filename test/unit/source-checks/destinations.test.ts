import { describe, expect, it } from 'vitest';
import { customApiUrl, databricksWorkspace } from '../../../src-main/services/source-checks/destinations';

describe('destination rules (LangWatch pullDestination.ts and its fetch)', () => {
  it('Databricks: an https workspace on any of the three clouds, reduced to its origin', () => {
    for (const host of [
      'adb-1234567890123456.7.azuredatabricks.net',
      'dbc-1.cloud.databricks.com',
      'x.gcp.databricks.com',
    ])
      expect(databricksWorkspace(`https://${host}/some/path?o=1`, false).href).toBe(`https://${host}/`);
  });

  it('Databricks: refuses other hosts, plain http, look-alikes and credentials in the URL', () => {
    for (const url of [
      'https://azuredatabricks.net.evil.com',
      'https://evilazuredatabricks.net',
      'http://adb-1.7.azuredatabricks.net',
      'https://user:pw@adb-1.7.azuredatabricks.net',
      'http://127.0.0.1:8080',
      'not a url',
    ])
      expect(() => databricksWorkspace(url, false), url).toThrow(
        expect.objectContaining({ code: 'keyChecks.destination_refused' }),
      );
  });

  it('Custom API: a public https URL passes whole (path and query kept, as the puller sends it)', () => {
    expect(customApiUrl('https://api.acme.com/v1/audit?since=1', false).href).toBe(
      'https://api.acme.com/v1/audit?since=1',
    );
  });

  it('Custom API: refuses metadata, cloud-internal, private, CGNAT, mapped and local addresses', () => {
    const cases: Array<[string, string]> = [
      ['https://metadata/computeMetadata', 'metadata_host'],
      ['https://[fd00:ec2::254]/', 'metadata_host'],
      ['https://s3.amazonaws.com/bucket', 'cloud_internal'],
      ['https://printer.local/', 'cloud_internal'],
      ['https://100.64.1.1/', 'private_address'],
      ['https://192.168.1.10/', 'private_address'],
      ['https://[::ffff:10.0.0.1]/', 'private_address'],
      ['https://localhost/', 'private_address'],
      ['ftp://api.acme.com/', 'not_https'],
    ];
    for (const [url, reason] of cases)
      expect(() => customApiUrl(url, false), url).toThrow(expect.objectContaining({ details: { reason } }));
  });

  it('the test seam opens loopback only', () => {
    expect(customApiUrl('http://127.0.0.1:9/audit', true).href).toBe('http://127.0.0.1:9/audit');
    expect(() => customApiUrl('http://10.0.0.1/audit', true)).toThrow(
      expect.objectContaining({ code: 'keyChecks.destination_refused' }),
    );
  });
});
