/**
 * Device-code records of the CLI device flow: minting user codes, finding a record by its user
 * code, and approving one (shared by the /approve route and the control surface).
 */
import { randomBytes } from 'node:crypto';
import type { Runtime } from '../runtime';
import type { DeviceRecord } from '../types';
import { ensurePersonalWorkspace, isMember } from './cli-tokens';

/** How long a device code stays valid (10 minutes). */
export const DEVICE_TTL_MS = 600_000;

const ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

/** RFC 8628 user code: 8 characters of a base32 alphabet without 0/O/1/I/L/U, dashed in the middle. */
export function userCode(): string {
  const chars = Array.from(randomBytes(8), (b) => ALPHABET[b % ALPHABET.length]!);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** The device record of a user code (case-insensitive), if any. */
export function findByUserCode(rt: Runtime, code: string): DeviceRecord | undefined {
  const wanted = code.toUpperCase();
  for (const d of rt.store.devices.values()) if (d.userCode === wanted) return d;
  return undefined;
}

/**
 * Approves a pending code for a user and organisation (also the control surface's way in).
 * A device-session approval ensures the personal workspace and stamps the default key
 * selection; it mints nothing (the CLI key is minted by /exchange).
 */
export function approve(
  rt: Runtime,
  d: DeviceRecord,
  userId: string,
  organizationId: string,
): 'ok' | 'expired' | 'not_pending' | 'forbidden' {
  if (!isMember(rt, userId, organizationId)) return 'forbidden';
  if (rt.now() > d.expiresAt) return 'expired';
  if (d.status !== 'pending') return 'not_pending';
  ensurePersonalWorkspace(rt, userId, organizationId);
  d.status = 'approved';
  d.userId = userId;
  d.organizationId = organizationId;
  d.keySelection = true;
  rt.store.touch();
  return 'ok';
}
