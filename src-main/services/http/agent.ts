/** The process-wide keep-alive undici agent that LangWatch requests share. */
import { Agent } from 'undici';

let sharedAgent: Agent | null = null;

/**
 * The process-wide undici agent: keep-alive so a monitor tick or a burst of 200 creates
 * reuses sockets instead of paying a TCP/TLS handshake each time; bounded connections per
 * origin so a burst queues instead of opening hundreds of sockets.
 */
export function getSharedAgent(): Agent {
  sharedAgent ??= new Agent({
    connections: 64,
    pipelining: 1,
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    connect: { timeout: 10_000 },
  });
  return sharedAgent;
}
