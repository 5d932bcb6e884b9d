/** The outbox's own stop reasons, in words an admin can act on (no secret, bounded length). */
import type { ErrorData } from '../../../src-shared/errors';
import type { OutboxEntry } from './entry';
import type { RefusalReason } from './reconcile';

/** Bare 500s on a create or update (each after a reconcile found nothing) before it is rejected. */
export const MAX_CREATE_SERVER_ERRORS = 3;

/** A same-name source this console cannot prove it made: the admin renames or discards. */
export function nameTakenError(name: string, source: { id: string }): ErrorData {
  return {
    code: 'langwatch.conflict',
    message:
      `A source named "${name.slice(0, 128)}" already exists in this organisation and was not created by this entry ` +
      '(for instance one added in the LangWatch web composer). Nothing was adopted and no key was sent to it: rename this entry and resubmit, or discard it.',
    details: { reason: 'duplicate_name', existingSourceId: source.id.slice(0, 64) },
  };
}

/** What each refusal to adopt a marked source means, for the admin. */
const REFUSAL_WORDS: Record<RefusalReason, string> = {
  marker_ambiguous:
    "More than one source in this organisation carries this entry's marker, so none of them can be proven to be the one this console created.",
  marker_other_creator:
    "A source carries this entry's marker, but LangWatch says someone else created it (the marker is visible to every member and can be copied).",
  marker_wrong_type:
    "A source carries this entry's marker, but it is not a Claude Compliance source, so this console did not create it.",
  signed_in_unknown:
    "A source carries this entry's marker, but the console cannot confirm who is signed in, so it cannot prove that person created it.",
};

/** A marked source this console cannot prove it made (copied marker, other creator or type): stop, send nothing. */
export function adoptRefusedError(reason: RefusalReason, sources: ReadonlyArray<{ id: string }>): ErrorData {
  return {
    code: 'langwatch.conflict',
    message:
      `${REFUSAL_WORDS[reason]} Nothing was adopted and no key was sent to it. ` +
      'Check the sources in LangWatch, then discard this entry (and stage the key again) or retry once the list is clear.',
    details: {
      reason,
      candidateSourceIds: sources.slice(0, 5).map((s) => s.id.slice(0, 64)),
      candidates: sources.length,
    },
  };
}

/**
 * True when an entry keeps failing with a bare 500 after reconciles found nothing. Updates too: a
 * rename onto a name held by an archived source this console never saw fails the same way,
 * and would otherwise be retried forever.
 */
export function repeatedServerError(entry: OutboxEntry, error: ErrorData): boolean {
  return isBare500(error) && isBare500(entry.lastError) && entry.attempts >= MAX_CREATE_SERVER_ERRORS;
}

/**
 * A bare 500: what LangWatch answers for a taken name. A 502, 503 or 504 (a gateway, a restart,
 * an overload) is never that, so a burst of them only delays an entry, never stops it.
 */
function isBare500(error: ErrorData | null | undefined): boolean {
  return error?.code === 'langwatch.server_error' && error.details?.httpStatus === 500;
}

/**
 * LangWatch answers a duplicate name with a bare 500; one that the list cannot show (an
 * archived source keeps its name) would fail forever, so the entry stops and says so.
 */
export function repeatedServerErrorMessage(kind: OutboxEntry['kind'], attempts: number): ErrorData {
  return {
    code: 'langwatch.server_error',
    message:
      (kind === 'create'
        ? 'LangWatch failed to create this source several times with an internal error, and it is not in the source list. '
        : 'LangWatch failed to save this change several times with an internal error. ') +
      'A common cause is a name already used by an archived source: rename it and resubmit, or retry later.',
    details: { reason: 'repeated_server_error', attempts },
  };
}
