/**
 * Builds each capability from the shared services: its Teams routes, its HTTP routes and its
 * background jobs. `src/index.ts` only starts what this returns.
 */
import { randomUUID } from 'node:crypto';
import { search } from './answering/search';
import { concernApi } from './concerns/concern-api';
import { concernRoutes } from './concerns/concern-bot';
import { ConcernService } from './concerns/concern-service';
import { scheduleDeadlineAlerts } from './concerns/deadline-alerts';
import type { RouteRegistrar } from './http/server';
import type { Services } from './index';
import { enqueueToTopic } from './notifications/enqueue';
import type { BotRegistrar } from './teams/bot-app';

/** Something running in the background that must stop before the store closes. */
export interface BackgroundJob {
  stop(): void | Promise<void>;
}

export interface Capabilities {
  botRegistrars: BotRegistrar[];
  routeRegistrars: RouteRegistrar[];
  /** Starts the background jobs; called once the server listens. */
  startJobs(): BackgroundJob[];
}

export function buildCapabilities(services: Services): Capabilities {
  const { config, logger, store, knowledge, registry } = services;
  const instanceId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const workstreamExists = (slug: string) => registry.bySlug.has(slug);

  const concerns = new ConcernService({
    store,
    search: (query, limit) =>
      search(knowledge, query, { limit }).map((h) => ({
        section: h.section,
        docTitle: h.document.title,
        superseded: h.document.status === 'superseded',
      })),
    workstreamName: (slug) => registry.bySlug.get(slug)?.name,
    enqueueToTopic,
    timezone: config.timezone,
  });

  return {
    botRegistrars: [
      concernRoutes({
        service: concerns,
        store,
        admins: config.admins,
        botAppId: config.bot.appId,
        workstreams: () => [...registry.workstreams],
        workstreamExists,
        logger,
      }),
    ],
    routeRegistrars: [concernApi({ service: concerns, apiKeys: config.apiKeys, workstreamExists, store })],
    startJobs: () => [
      scheduleDeadlineAlerts(
        { store, service: concerns, enqueueToTopic, workstreams: () => [...registry.workstreams], logger },
        config.deadlineCron,
        config.timezone,
        instanceId,
      ),
    ],
  };
}
