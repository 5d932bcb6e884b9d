// Its own file so the list serializer and the tRPC wiring can name the DTO without importing
// the sources router (which imports them): no import cycle.

/** The Source DTO (never pullSchedule, errorCount, cursor, secret hash, credentials or `_*` keys). */
export interface SourceDto {
  id: string;
  organizationId: string;
  teamId: string | null;
  sourceType: string;
  name: string;
  description: string | null;
  parserConfig: Record<string, unknown>;
  status: string;
  lastEventAt: Date | null;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  createdById: string | null;
}
