/**
 * A fleet of emulated deployments: `startFleet({deployments, organizations, ...})` runs several
 * LangWatch + Anthropic emulators at once, each on its own ports with its own users, sessions
 * and organisations, for the console's "Everywhere" view, its tests, the demo and the bench.
 * Each deployment can start with its own faults: down, slow health, no view permission in an org.
 */
import { startEmulator, type EmulatorOptions, type RunningEmulator } from './index';
import type { EmulatorControl } from './control-api';
import { ADMIN_PERMISSIONS, SEED } from './seed';

/** Faults one deployment of a fleet starts with (each can also be changed later through `control`). */
export interface FleetFaults {
  /** Its listeners are closed: every request is refused (`control.setOffline(false)` brings it back). */
  down?: boolean;
  /** Every `activityMonitor.*` call (the list health) answers only after this many ms. */
  slowHealthMs?: number;
  /** Organisations where the seeded admin stays a member but loses `ingestionSources:view`. */
  noViewOrganizations?: string[];
}

/** Options of {@link startFleet}; the rest are passed to every deployment's `startEmulator`. */
export interface FleetOptions extends Omit<EmulatorOptions, 'langwatchPort' | 'anthropicPort' | 'dataFile'> {
  /** How many deployments (1..50). */
  deployments: number;
  /** Organisations per deployment (default 2, the seed's): the further ones are `org_d<i>_<k>`. */
  organizations?: number;
  /** Tops every organisation up to this many sources with bulk sources (default: the seed's only). */
  sourcesPerOrganization?: number;
  /** First LangWatch port; deployment i uses basePort + 2i and + 2i + 1, its vendors basePort + 2n + i (default 0: free ports). */
  basePort?: number;
  /** Faults per deployment, by index (0-based). */
  faults?: Record<number, FleetFaults>;
}

/** One running deployment of a fleet. */
export interface FleetDeployment extends RunningEmulator {
  index: number;
  /** A display name, e.g. "Deployment 2". */
  name: string;
  /** Its organisations, in order (ids are unique to this deployment only, as on separate servers). */
  organizations: Array<{ id: string; name: string }>;
}

export interface RunningFleet {
  deployments: FleetDeployment[];
  close(): Promise<void>;
}

const SEEDED_ORGS = [SEED.orgs.enterprise, SEED.orgs.free];

/** Adds the further organisations and the bulk sources of one deployment; returns its organisations. */
function populate(control: EmulatorControl, index: number, options: FleetOptions): FleetDeployment['organizations'] {
  const count = options.organizations ?? 2;
  const orgs: FleetDeployment['organizations'] = SEEDED_ORGS.slice(0, Math.min(count, 2)).map((o) => ({
    id: o.id,
    name: o.name,
  }));
  for (let k = 3; k <= count; k++) {
    const org = { id: `org_d${index + 1}_${k}`, name: `Org ${k} of deployment ${index + 1}` };
    control.addOrganization({ ...org, slug: `org-${index + 1}-${k}` });
    orgs.push(org);
  }
  const target = options.sourcesPerOrganization;
  if (target !== undefined) {
    for (const org of orgs) {
      const missing = target - control.sources(org.id).length;
      if (missing > 0) control.seedSources(org.id, missing);
    }
  }
  return orgs;
}

/** Applies the faults a deployment starts with. */
async function applyFaults(control: EmulatorControl, faults: FleetFaults | undefined): Promise<void> {
  if (!faults) return;
  for (const orgId of faults.noViewOrganizations ?? []) {
    const without = ADMIN_PERMISSIONS.filter((p) => !p.startsWith('ingestionSources:'));
    control.setMemberPermissions(orgId, 'admin', without);
  }
  if (faults.slowHealthMs)
    control.faults.add({ kind: 'latency', ms: faults.slowHealthMs, route: 'activityMonitor.*', side: 'langwatch' });
  if (faults.down) await control.setOffline(true);
}

/** Starts `deployments` emulators side by side (see FleetOptions). */
export async function startFleet(options: FleetOptions): Promise<RunningFleet> {
  const { deployments: n, organizations: _o, sourcesPerOrganization: _s, basePort, faults, ...rest } = options;
  if (!Number.isInteger(n) || n < 1 || n > 50) throw new Error('deployments must be an integer from 1 to 50');
  const started: FleetDeployment[] = [];
  try {
    for (let i = 0; i < n; i++) {
      // The vendors listeners follow every deployment's pair: basePort + 2n + i.
      const ports = basePort
        ? { langwatchPort: basePort + 2 * i, anthropicPort: basePort + 2 * i + 1, vendorsPort: basePort + 2 * n + i }
        : {};
      const emu = await startEmulator({ ...rest, ...ports });
      const organizations = populate(emu.control, i, options);
      started.push({ ...emu, index: i, name: `Deployment ${i + 1}`, organizations });
      await applyFaults(emu.control, faults?.[i]);
    }
  } catch (error) {
    await Promise.all(started.map((d) => d.close()));
    throw error;
  }
  return { deployments: started, close: () => Promise.all(started.map((d) => d.close())).then(() => undefined) };
}
