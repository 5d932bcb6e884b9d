/** Shared helpers for the emulator contract tests: sign-in, a reference tRPC client, raw HTTP. */
import { createTRPCClient, httpBatchLink, httpLink } from '@trpc/client';
import superjson from 'superjson';
import { fetch as undiciFetch, request } from 'undici';
import type { AppRouter } from '../../emulator/index';
import { SEED } from '../../emulator/index';

export type SeedUser = keyof typeof SEED.users;

/** Signs in by email and returns the Cookie header value to replay (`better-auth.session_token=…`). */
export async function signIn(baseUrl: string, who: SeedUser = 'admin'): Promise<string> {
  const u = SEED.users[who];
  const res = await request(`${baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ email: u.email, password: u.password }),
  });
  await res.body.dump();
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode}`);
  const setCookie = res.headers['set-cookie'];
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  return first!.split(';')[0]!;
}

/** The reference client: @trpc/client with superjson over undici's fetch. */
export function trpcClient(baseUrl: string, cookie?: string, batch = true) {
  const opts = {
    url: `${baseUrl}/api/trpc`,
    transformer: superjson,
    headers: () => (cookie ? { cookie } : {}),
    fetch: (url: unknown, init: unknown) =>
      undiciFetch(String(url), init as Parameters<typeof undiciFetch>[1]) as unknown as Promise<Response>,
  };
  return createTRPCClient<AppRouter>({ links: [batch ? httpBatchLink(opts) : httpLink(opts)] });
}

/** A raw tRPC query (GET) or mutation (POST) with the superjson envelope; returns status and parsed body. */
export async function rawTrpc(
  baseUrl: string,
  path: string,
  input: unknown,
  opts: { cookie?: string; method?: 'GET' | 'POST'; contentType?: string; bare?: boolean } = {},
) {
  const method = opts.method ?? 'GET';
  const wire = opts.bare ? input : superjson.serialize(input);
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.cookie = opts.cookie;
  const url =
    method === 'GET'
      ? `${baseUrl}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(wire))}`
      : `${baseUrl}/api/trpc/${path}`;
  if (method === 'POST') headers['content-type'] = opts.contentType ?? 'application/json';
  const res = await request(url, { method, headers, body: method === 'POST' ? JSON.stringify(wire) : undefined });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, text, body: text ? (JSON.parse(text) as any) : null }; // eslint-disable-line @typescript-eslint/no-explicit-any -- test envelopes
}

/** The error part of a tRPC error envelope. */
export function errorOf(body: {
  error: {
    json: {
      message: string;
      code: number;
      data: {
        code: string;
        httpStatus: number;
        path: string;
        error: { code: string; meta: Record<string, unknown> } | null;
      };
    };
  };
}) {
  return body.error.json;
}
