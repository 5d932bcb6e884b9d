/** In-memory state of the emulator, with per-org name-sorted source indexes and snapshots for persistence. */
import type {
  ActivityEntry,
  CliKeyRecord,
  CliTokenRecord,
  DeviceRecord,
  EventRecord,
  OrgRecord,
  PersonalWorkspaceRecord,
  SessionRecord,
  SourceRecord,
  UserRecord,
} from './types';

/** Events of one source, newest first, deduplicated by id. */
export interface SourceEvents {
  list: EventRecord[];
  ids: Set<string>;
}

/** Everything that survives a restart with `--data`. */
export interface Snapshot {
  version: 1;
  orgs: OrgRecord[];
  users: UserRecord[];
  sources: SourceRecord[];
  events: Record<string, EventRecord[]>;
  sessions: SessionRecord[];
  devices: DeviceRecord[];
  cliTokens: CliTokenRecord[];
  /** Absent in files written before device sign-in provisioned anything. */
  personalWorkspaces?: PersonalWorkspaceRecord[];
  cliKeys?: CliKeyRecord[];
  activities: ActivityEntry[];
  activitySeq: number;
  emailPasswordEnabled: boolean;
}

function compareByName(a: SourceRecord, b: SourceRecord): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The state container. Mutations that change a source must go through the source helpers. */
export class Store {
  orgs = new Map<string, OrgRecord>();
  users = new Map<string, UserRecord>();
  sources = new Map<string, SourceRecord>();
  /** Per org, every source (archived too) sorted by name: the list stays O(n) with no sort per call. */
  private byOrg = new Map<string, SourceRecord[]>();
  /** Per org, cached list DTOs; dropped on any change in that org. */
  listCache = new Map<string, unknown>();
  events = new Map<string, SourceEvents>();
  sessions = new Map<string, SessionRecord>();
  devices = new Map<string, DeviceRecord>();
  cliTokens = new Map<string, CliTokenRecord>();
  personalWorkspaces: PersonalWorkspaceRecord[] = [];
  cliKeys: CliKeyRecord[] = [];
  /** /exchange poll windows by device code hash (LangWatch: a 4 s Redis key; not persisted). */
  pollWindows = new Map<string, number>();
  /** Secrets /exchange handed out (CLI keys, personal project keys), kept in memory only for leak tests. */
  issuedSecrets: string[] = [];
  /** Ingest secrets create and rotateSecret handed out, in memory only for leak tests. */
  mintedIngestSecrets: string[] = [];
  activities: ActivityEntry[] = [];
  activitySeq = 0;
  emailPasswordEnabled = true;
  /** Called after every mutation (persistence hooks in here). */
  onChange: () => void = () => {};

  /** Marks the org's list as changed and schedules persistence. */
  touch(orgId?: string): void {
    if (orgId) this.listCache.delete(orgId);
    this.onChange();
  }

  orgSources(orgId: string): SourceRecord[] {
    return this.byOrg.get(orgId) ?? [];
  }

  /** Inserts a source at its sorted position (binary search). */
  insertSource(src: SourceRecord): void {
    this.sources.set(src.id, src);
    let arr = this.byOrg.get(src.organizationId);
    if (!arr) {
      arr = [];
      this.byOrg.set(src.organizationId, arr);
    }
    let lo = 0;
    let hi = arr.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareByName(arr[mid]!, src) < 0) lo = mid + 1;
      else hi = mid;
    }
    arr.splice(lo, 0, src);
    this.touch(src.organizationId);
  }

  /** Appends many sources then sorts once (bulk seeding). */
  insertMany(list: SourceRecord[]): void {
    const orgs = new Set<string>();
    for (const src of list) {
      this.sources.set(src.id, src);
      let arr = this.byOrg.get(src.organizationId);
      if (!arr) {
        arr = [];
        this.byOrg.set(src.organizationId, arr);
      }
      arr.push(src);
      orgs.add(src.organizationId);
    }
    for (const org of orgs) {
      this.byOrg.get(org)!.sort(compareByName);
      this.listCache.delete(org);
    }
    this.onChange();
  }

  /** Renames a source, keeping the org index sorted. */
  renameSource(src: SourceRecord, name: string): void {
    const arr = this.byOrg.get(src.organizationId) ?? [];
    const idx = arr.indexOf(src);
    if (idx >= 0) arr.splice(idx, 1);
    src.name = name;
    this.sources.delete(src.id);
    this.insertSource(src);
  }

  sourceEvents(sourceId: string): SourceEvents {
    let ev = this.events.get(sourceId);
    if (!ev) {
      ev = { list: [], ids: new Set() };
      this.events.set(sourceId, ev);
    }
    return ev;
  }

  /** Adds events (dedup by id), keeps newest first; returns how many were new. */
  addEvents(sourceId: string, incoming: EventRecord[]): number {
    const ev = this.sourceEvents(sourceId);
    let added = 0;
    for (const e of incoming) {
      if (ev.ids.has(e.eventId)) continue;
      ev.ids.add(e.eventId);
      ev.list.push(e);
      added++;
    }
    if (added) ev.list.sort((a, b) => b.eventTimestamp - a.eventTimestamp || (a.eventId < b.eventId ? 1 : -1));
    return added;
  }

  snapshot(): Snapshot {
    const events: Record<string, EventRecord[]> = {};
    for (const [id, ev] of this.events) events[id] = ev.list;
    return {
      version: 1,
      orgs: [...this.orgs.values()],
      users: [...this.users.values()],
      sources: [...this.sources.values()],
      events,
      sessions: [...this.sessions.values()],
      devices: [...this.devices.values()],
      cliTokens: [...this.cliTokens.values()],
      personalWorkspaces: this.personalWorkspaces,
      cliKeys: this.cliKeys,
      activities: this.activities,
      activitySeq: this.activitySeq,
      emailPasswordEnabled: this.emailPasswordEnabled,
    };
  }

  /** Replaces the whole state (used by seeding, reset and loading a data file). */
  load(s: Snapshot): void {
    const saved = this.onChange;
    this.onChange = () => {};
    this.orgs = new Map(s.orgs.map((o) => [o.id, o]));
    this.users = new Map(s.users.map((u) => [u.id, u]));
    this.sources = new Map();
    this.byOrg = new Map();
    this.listCache = new Map();
    this.insertMany(s.sources);
    this.events = new Map();
    for (const [id, list] of Object.entries(s.events))
      this.events.set(id, { list, ids: new Set(list.map((e) => e.eventId)) });
    this.sessions = new Map(s.sessions.map((x) => [x.tokenHash, x]));
    this.devices = new Map(s.devices.map((x) => [x.deviceCodeHash, x]));
    this.cliTokens = new Map(s.cliTokens.map((x) => [x.hash, x]));
    this.personalWorkspaces = s.personalWorkspaces ?? [];
    this.cliKeys = s.cliKeys ?? [];
    this.pollWindows = new Map();
    this.issuedSecrets = [];
    this.mintedIngestSecrets = [];
    this.activities = s.activities;
    this.activitySeq = s.activitySeq;
    this.emailPasswordEnabled = s.emailPasswordEnabled;
    this.onChange = saved;
  }
}
