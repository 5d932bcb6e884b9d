/** The LangWatch tRPC router: publicEnv, organization, plan, authz, ingestionSources, activityMonitor. */
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { Runtime } from '../runtime';
import type { UserRecord } from '../types';
import { activePlan } from './plan';
import { analyticsStoreCheck, eventPage, eventsLast24h, healthMetrics } from './health';
import {
  archiveSource,
  createInput,
  createSource,
  getInput,
  getSource,
  listInput,
  listSources,
  rotateSecret,
  updateInput,
  updateSource,
} from './sources';
import { authedProcedure, handled, publicProcedure, requirePermission, router } from './trpc';

/**
 * The activity monitor's chain: `.permission("activityMonitor:view")`, then the enterprise
 * guard (a plain FORBIDDEN with its sentence, `data.error: null`), then the analytics store.
 */
async function requireEnterpriseMonitor(rt: Runtime, user: UserRecord, organizationId: string): Promise<void> {
  const org = requirePermission(rt, user, organizationId, 'activityMonitor:view');
  if (!org.enterprise)
    throw new TRPCError({ code: 'FORBIDDEN', message: 'The activity monitor requires an Enterprise plan' });
  await analyticsStoreCheck(rt).catch((error: unknown) => {
    throw handled(error as Parameters<typeof handled>[0]);
  });
}

const orgInput = z.object({ organizationId: z.string() });
const sourceHealthInput = z.object({ organizationId: z.string(), sourceId: z.string() });
const eventsInput = z.object({
  organizationId: z.string(),
  sourceId: z.string(),
  limit: z.number().int().min(1).max(200).default(50),
  beforeIso: z.string().optional(),
});

export const appRouter = router({
  publicEnv: publicProcedure.input(z.object({}).passthrough().optional()).query(({ ctx }) => ({
    NEXTAUTH_PROVIDER: ctx.rt.store.emailPasswordEnabled ? 'email' : 'azure-ad',
    IS_SAAS: false,
    IS_ONPREM: true,
    DEMO_PROJECT_SLUG: null,
    BASE_HOST: ctx.rt.publicUrl(),
  })),
  organization: router({
    getAll: authedProcedure.input(z.object({}).passthrough().optional()).query(({ ctx }) => {
      const user = ctx.auth.user;
      const out = [];
      for (const org of ctx.rt.store.orgs.values()) {
        const me = org.members.find((m) => m.userId === user.id);
        if (!me) continue;
        out.push({
          id: org.id,
          name: org.name,
          slug: org.slug,
          createdAt: new Date(org.createdAt),
          members: [{ userId: me.userId, role: me.role, organizationId: org.id }],
          teams: org.teams.map((t) => ({
            id: t.id,
            name: t.name,
            slug: t.slug,
            isPersonal: t.isPersonal,
            organizationId: org.id,
            createdAt: new Date(t.createdAt),
          })),
          features: { enterprise: org.enterprise },
        });
      }
      return out;
    }),
  }),
  plan: router({
    getActivePlan: authedProcedure
      .input(orgInput)
      .query(({ ctx, input }) => activePlan(ctx.rt, ctx.auth.user, input.organizationId)),
  }),
  authz: router({
    effectivePermissions: authedProcedure.input(orgInput).query(({ ctx, input }) => {
      const org = ctx.rt.store.orgs.get(input.organizationId);
      const me = org?.members.find((m) => m.userId === ctx.auth.user.id);
      return { scope: { type: 'organization', id: input.organizationId }, permissions: me ? [...me.permissions] : [] };
    }),
  }),
  ingestionSources: router({
    list: authedProcedure.input(listInput).query(({ ctx, input }) => listSources(ctx.rt, ctx.auth.user, input)),
    get: authedProcedure.input(getInput).query(({ ctx, input }) => getSource(ctx.rt, ctx.auth.user, input)),
    create: authedProcedure.input(createInput).mutation(({ ctx, input }) => createSource(ctx.rt, ctx.auth.user, input)),
    update: authedProcedure.input(updateInput).mutation(({ ctx, input }) => updateSource(ctx.rt, ctx.auth.user, input)),
    rotateSecret: authedProcedure
      .input(getInput)
      .mutation(({ ctx, input }) => rotateSecret(ctx.rt, ctx.auth.user, input)),
    archive: authedProcedure.input(getInput).mutation(({ ctx, input }) => archiveSource(ctx.rt, ctx.auth.user, input)),
  }),
  activityMonitor: router({
    ingestionSourcesHealth: authedProcedure.input(orgInput).query(async ({ ctx, input }) => {
      await requireEnterpriseMonitor(ctx.rt, ctx.auth.user, input.organizationId);
      return ctx.rt.store
        .orgSources(input.organizationId)
        .filter((s) => s.archivedAt === null)
        .map((s) => ({
          id: s.id,
          name: s.name,
          sourceType: s.sourceType,
          status: s.status,
          lastEventIso: s.lastEventAt === null ? null : new Date(s.lastEventAt).toISOString(),
          eventsLast24h: eventsLast24h(ctx.rt, s.id),
        }));
    }),
    sourceHealthMetrics: authedProcedure.input(sourceHealthInput).query(async ({ ctx, input }) => {
      await requireEnterpriseMonitor(ctx.rt, ctx.auth.user, input.organizationId);
      const src = ctx.rt.store.sources.get(input.sourceId);
      if (!src || src.organizationId !== input.organizationId)
        return { events24h: 0, events7d: 0, events30d: 0, lastSuccessIso: null };
      return healthMetrics(ctx.rt, input.sourceId);
    }),
    eventsForSource: authedProcedure.input(eventsInput).query(async ({ ctx, input }) => {
      await requireEnterpriseMonitor(ctx.rt, ctx.auth.user, input.organizationId);
      const src = ctx.rt.store.sources.get(input.sourceId);
      if (!src || src.organizationId !== input.organizationId) return [];
      return eventPage(ctx.rt, input.sourceId, input.limit, input.beforeIso);
    }),
  }),
});

export type AppRouter = typeof appRouter;
