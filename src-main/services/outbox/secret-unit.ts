/**
 * The secret unit of an outbox entry: every secret field of its source type, staged as ONE
 * keychain item (a JSON object by field key) under `staged:<id>`, so it is written, read, sent
 * and wiped all or nothing. A `claude_compliance` record staged before units existed holds its
 * raw key instead; it reads back as `{token: key}`.
 *
 * Pure: encoding, decoding and the display fingerprint. Nothing here keeps a value.
 */
import { z } from 'zod';
import { keyFingerprint } from '../../../src-shared/domain/compliance-key';
import type { SourceType } from '../../../src-shared/domain/langwatch';
import { secretFields } from '../../../src-shared/domain/source-catalog';
import { SECRET_VALUE_MAX } from '../../../src-shared/domain/source-draft';

/** The secret field values of one entry, by field key (never written to a file). */
export type SecretUnit = Readonly<Record<string, string>>;

/** The type whose staged item may be a bare key (records older than units). */
const LEGACY_TYPE: SourceType = 'claude_compliance';
/** The field a bare legacy key belongs to. */
const LEGACY_FIELD = 'token';

const UnitJson = z.record(z.string().min(1).max(64), z.string().min(1).max(SECRET_VALUE_MAX));

/** The keychain item of a unit: one JSON object, keys in catalog order (the same unit, the same text). */
export function encodeUnit(type: SourceType, unit: SecretUnit): string {
  const ordered: Record<string, string> = {};
  for (const f of secretFields(type)) if (unit[f.key] !== undefined) ordered[f.key] = unit[f.key]!;
  return JSON.stringify(ordered);
}

/**
 * The unit a keychain item holds for an entry of `type`, or null when it is not a usable unit
 * of that type (not JSON, a field the type does not have, a required secret missing): a damaged
 * item is never sent in part.
 */
export function decodeUnit(type: SourceType, stored: string): SecretUnit | null {
  const unit = parseUnit(stored) ?? (type === LEGACY_TYPE && stored.trim() !== '' ? { [LEGACY_FIELD]: stored } : null);
  return unit !== null && isCompleteUnit(type, unit) ? unit : null;
}

function parseUnit(stored: string): Record<string, string> | null {
  if (!stored.startsWith('{')) return null;
  try {
    const parsed = UnitJson.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** True when `unit` has only secret fields of `type`, at least one, and every required one. */
export function isCompleteUnit(type: SourceType, unit: SecretUnit): boolean {
  const fields = secretFields(type);
  const keys = Object.keys(unit);
  if (keys.length === 0) return false;
  if (keys.some((k) => !fields.some((f) => f.key === k))) return false;
  return fields.every((f) => !f.required || (unit[f.key] ?? '') !== '');
}

/** The secret value a compliance key check tests (the unit's `token`), null when there is none. */
export function complianceKeyOf(unit: SecretUnit): string | null {
  return unit[LEGACY_FIELD] ?? null;
}

/** Values shorter than this show no tail in a fingerprint (four characters would give too much away). */
const MIN_CHARS_FOR_TAIL = 16;

/**
 * The display-safe form of a unit: for `claude_compliance` exactly the compliance key's
 * fingerprint (`sk-ant-api01-…a1b2`), for other types each secret field with the last four
 * characters of a long value (`clientId …1a2b · clientSecret …9z8y`).
 */
export function unitFingerprint(type: SourceType, unit: SecretUnit): string {
  if (type === LEGACY_TYPE && unit[LEGACY_FIELD] !== undefined) return keyFingerprint(unit[LEGACY_FIELD]);
  return secretFields(type)
    .filter((f) => unit[f.key] !== undefined)
    .map((f) => {
      const value = unit[f.key]!.trim();
      return `${f.key} …${value.length >= MIN_CHARS_FOR_TAIL ? value.slice(-4) : ''}`;
    })
    .join(' · ');
}
