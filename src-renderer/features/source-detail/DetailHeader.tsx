import { useEffect, useRef } from 'react';
import type { Source } from '../../../src-shared/domain/langwatch';
import type { ScheduleWords } from '../../../src-shared/domain/schedule-fact';
import { ARCHIVED_LOOK } from '../../../src-shared/domain/state-looks';
import { useAuthStateStore } from '../../stores/auth-state-store';
import { useSourcesStore } from '../../stores/sources-store';
import { LocalTime } from '../sources/LocalTime';
import { MODE_LABEL, modeOfType } from '../sources/labels';
import { SourceTypeText, StatusPill } from '../sources/server-values';

/** Name, status once, and one line of facts with names instead of ids where they are known. */
export function DetailHeader({ source, id, schedule }: { source: Source | null; id: string; schedule: ScheduleWords }) {
  const openDetail = useSourcesStore((s) => s.openDetail);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened from the list (Enter or a click): the focus lands on the heading, so a screen reader
  // starts here and Tab goes on through the detail. Escape goes back to the row it came from.
  useEffect(() => heading.current?.focus(), [id]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      // An open dialog or menu takes its own Escape first.
      if (document.querySelector('[role="dialog"], [role="menu"]')) return;
      openDetail(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openDetail]);
  const organizations = useAuthStateStore((s) => s.state?.organizations ?? []);
  const session = useAuthStateStore((s) => s.state?.session ?? null);
  const org = source ? organizations.find((o) => o.id === source.organizationId) : undefined;
  const team = source?.teamId ? org?.teams.find((t) => t.id === source.teamId) : undefined;
  const me = session && 'user' in session ? session.user : null;
  const mode = source ? modeOfType(source.sourceType) : null;
  const creator = source?.createdById
    ? me && me.id === source.createdById
      ? `you (${me.name ?? me.email ?? me.id})`
      : source.createdById
    : null;

  return (
    <header className="detail-header">
      <button type="button" className="back" onClick={() => openDetail(null)} data-testid="detail-back">
        ← All sources
      </button>
      <div className="title-row">
        <h1 ref={heading} tabIndex={-1} data-testid="detail-heading">
          {source?.name ?? id}
        </h1>
        {source &&
          (source.archivedAt ? (
            <span className={`pill tone-${ARCHIVED_LOOK.tone}`} data-testid="detail-status">
              {ARCHIVED_LOOK.label}
            </span>
          ) : (
            <StatusPill value={source.status} testId="detail-status" />
          ))}
      </div>
      {source && (
        <p className="meta" data-testid="detail-meta">
          <span title={source.sourceType} data-testid="detail-type" data-mode={mode ?? undefined}>
            <SourceTypeText value={source.sourceType} />
            {mode ? ` · ${MODE_LABEL[mode]}` : ''}
          </span>
          <span title={source.organizationId} data-testid="detail-org">
            {org?.name ?? source.organizationId}
            {source.teamId ? ` / ${team?.name ?? source.teamId}` : ''}
          </span>
          <span title={schedule.title} data-testid="detail-schedule">
            {mode === 'push'
              ? 'No schedule: events are pushed'
              : schedule.scheduled === false
                ? 'Not scheduled: never pulled'
                : schedule.scheduled === null
                  ? 'Pull schedule unknown'
                  : `Pulled ${schedule.text}`}
          </span>
          <span>
            Last event <LocalTime iso={source.lastEventAt} fallback="never" testId="detail-last-event" />
          </span>
          <span>
            Created <LocalTime iso={source.createdAt} testId="detail-created" />
            {creator ? ` by ${creator}` : ''}
          </span>
          {source.archivedAt && (
            <span>
              Archived <LocalTime iso={source.archivedAt} />
            </span>
          )}
        </p>
      )}
    </header>
  );
}
