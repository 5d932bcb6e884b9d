/**
 * LangWatch's destination rule for a pull source's credential
 * (`ee/governance/services/activity-monitor/pullDestination.ts` and
 * `isDatabricksWorkspaceOrigin` in `services/pullers/databricksGenie.puller.ts`): a Genie
 * config must name an https Databricks workspace, with no user info in the URL. Other
 * adapters are left alone (a custom HTTP API points anywhere by design). Checked on create
 * and update, on the merged config the service stores.
 */
import { validationError } from './trpc';

const SUFFIXES = ['.azuredatabricks.net', '.cloud.databricks.com', '.gcp.databricks.com'];

function isDatabricksWorkspaceOrigin(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return false;
  const host = url.hostname.toLowerCase();
  return SUFFIXES.some((s) => host.endsWith(s));
}

export function assertPullDestinationAllowed(config: Record<string, unknown>): void {
  if (config.adapter !== 'databricks_genie') return;
  const url = config.workspaceUrl;
  if (typeof url !== 'string' || !isDatabricksWorkspaceOrigin(url))
    throw validationError(
      'Workspace URL must be an https Databricks workspace address, ending in .azuredatabricks.net, .cloud.databricks.com or .gcp.databricks.com.',
    );
}
