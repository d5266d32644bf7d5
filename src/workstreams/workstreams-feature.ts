/**
 * Assembles the workstreams capability from the bot's services: its Teams routes (with the admins' role
 * commands, which need workstream names), its HTTP API and its weekly digest schedule. `src/index.ts`
 * only plugs these in.
 */
import type { Cron } from 'croner';
import { roleRoutes } from '../access/role-routes';
import type { Config } from '../config';
import type { RouteRegistrar } from '../http/server';
import type { Logger } from '../logger';
import type { Store } from '../store/store-types';
import type { BotRegistrar } from '../teams/bot-app';
import type { WorkstreamRegistry } from './registry';
import { scheduleDigest } from './weekly-digest';
import { workstreamActions } from './workstream-actions';
import { workstreamApi } from './workstream-api';
import { notFoundText, workstreamRoutes } from './workstream-routes';
import { createWorkstreamService, type WorkstreamService } from './workstream-service';

export interface WorkstreamsFeatureDeps {
  config: Pick<Config, 'admins' | 'apiKeys' | 'timezone' | 'digestCron' | 'bot'>;
  logger: Logger;
  store: Store;
  registry: WorkstreamRegistry;
  /** Asks the delivery worker to send now (optional: it polls anyway). */
  wakeDelivery?: () => void;
}

export interface WorkstreamsFeature {
  service: WorkstreamService;
  botRegistrars: BotRegistrar[];
  /** HTTP routes. */
  apiRoutes(): RouteRegistrar;
  /** Starts the weekly digest; stop the returned job on shutdown. */
  scheduleDigest(instanceId: string): Cron;
}

export function createWorkstreamsFeature(deps: WorkstreamsFeatureDeps): WorkstreamsFeature {
  const { config, logger, store } = deps;
  const service = createWorkstreamService({ store, registry: deps.registry, timeZone: config.timezone, logger, wakeDelivery: deps.wakeDelivery });
  const botAppId = config.bot.appId ?? '';
  return {
    service,
    botRegistrars: [
      roleRoutes({
        store,
        admins: config.admins,
        logger,
        findWorkstream: (query) => {
          const found = service.lookup(query);
          if (found.kind === 'found') return { slug: found.workstream.slug, name: found.workstream.name };
          return { problem: query ? notFoundText(found, query, service.workstreams()) : 'Name the workstream, e.g. `grant lead autism @person`.' };
        },
      }),
      workstreamRoutes({ store, service, admins: config.admins }),
      workstreamActions({ store, service, admins: config.admins, botAppId, logger }),
    ],
    apiRoutes: () =>
      workstreamApi({
        store,
        service,
        apiKeys: config.apiKeys,
        onUpdated: (slug) => {
          service.refreshPostedCards(slug).catch((err: unknown) => logger.warn({ err, slug }, 'could not queue the refresh of posted workstream cards'));
        },
      }),
    scheduleDigest: (instanceId) =>
      scheduleDigest({ store, workstreams: deps.registry.workstreams, timeZone: config.timezone, logger, instanceId, wakeDelivery: deps.wakeDelivery }, config.digestCron),
  };
}
