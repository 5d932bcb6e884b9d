/** The vendors a pull source reads from (a Databricks workspace, a custom audit-log API), on one loopback listener. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http-util';
import type { Runtime } from '../runtime';
import { handleAuditApi } from './audit-api';
import { handleDatabricks, type DatabricksState } from './databricks';

/** The vendors' request listener. */
export function createVendorsHandler(rt: Runtime): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const databricks: DatabricksState = { minted: new Map() };
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const now = rt.now();
    if (handleAuditApi(req, res, url, now)) return;
    if (await handleDatabricks(req, res, url, databricks, now)) return;
    sendJson(res, 404, {
      error_code: 'ENDPOINT_NOT_FOUND',
      message: `No API found for '${req.method ?? ''} ${url.pathname}'`,
    });
  };
}
