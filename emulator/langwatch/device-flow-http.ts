/** What every device-flow route shares: its signature, the OAuth-style error body and the body reader. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Runtime } from '../runtime';
import { readJsonObject, sendJson } from '../http-util';

/** One route of /api/auth/cli/*. */
export type Route = (rt: Runtime, req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

/** The OAuth error body (`error`, `error_description`) the device flow answers with. */
export const oauthError = (res: ServerResponse, status: number, error: string, description: string): void =>
  sendJson(res, status, { error, error_description: description });

/** The JSON body, or `{}` when it is missing or not an object (zod then names what is missing). */
export const body = async (req: IncomingMessage): Promise<unknown> => (await readJsonObject(req)) ?? {};
