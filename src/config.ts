/**
 * The one place that reads `process.env`. Parsed once at start with zod; a bad value stops the process
 * with every offending variable named. `.env.example` lists every variable below.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

const csv = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));

const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    /** Interface to listen on; default 127.0.0.1 in anonymous local mode, 0.0.0.0 otherwise. */
    HOST: optionalString,
    REQUEST_TIMEOUT_MS: positiveInt(15_000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    MicrosoftAppTenantId: optionalString,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    /** Anonymous mode is refused in production unless this is set explicitly. */
    ALLOW_ANONYMOUS: bool,

    DATA_DIR: z.string().default('.data'),
    DATABASE_URL: optionalString,
    DOCS_DIR: z.string().default('data/docs'),
    WORKSTREAMS_FILE: z.string().default('data/workstreams.json'),

    BOT_ADMINS: csv,
    API_KEYS: csv,
    ALLOWED_CHANNELS: csv.transform((v) => (v.length ? v : ['msteams'])),
    ALLOWED_TENANTS: csv,
    MAX_BODY_BYTES: positiveInt(256 * 1024),

    DIGEST_CRON: z.string().default('0 8 * * 1'),
    DEADLINE_CRON: z.string().default('0 7 * * *'),
    TIMEZONE: z.string().default('Europe/London'),
    /** Proactive sends per second per tenant, all instances together (Teams allows 50). */
    DELIVERY_RATE_PER_SECOND: positiveInt(50),
    DELIVERY_RATE_PER_CONVERSATION: positiveInt(7),
    /** Sends are spaced (1000 + this) / rate ms apart, so arrivals may vary by this much without a 429. */
    DELIVERY_WINDOW_MARGIN_MS: z.coerce.number().int().min(0).max(1000).default(30),
    /** On SIGTERM/SIGINT: how long turns in flight may take to finish before their connections are cut. */
    SHUTDOWN_GRACE_MS: positiveInt(8_000),

    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: optionalString,
    OPENAI_MODEL: z.string().default('gpt-4o-mini'),
    AZURE_OPENAI_API_KEY: optionalString,
    AZURE_OPENAI_ENDPOINT: optionalString,
    AZURE_OPENAI_DEPLOYMENT: optionalString,
    AZURE_OPENAI_API_VERSION: z.string().default('2024-06-01'),
    OPENAI_TIMEOUT_MS: positiveInt(20_000),
    /** Offline answers remembered for repeated questions; 0 turns the cache off (benchmarks of uncached answers). */
    ANSWER_CACHE_SIZE: z.coerce.number().int().min(0).default(1000),

    /** The address people reach the bot at (https://bot.example.org): links in cards, the tab, papers. */
    PUBLIC_URL: optionalString.pipe(z.string().url().optional()),
    /** The tab's Entra app ID URI (api://<host>/<appId>); with MicrosoftAppId, the audiences a tab token may have. */
    TAB_SSO_APP_ID_URI: optionalString,
    /** Where Entra ID publishes its signing keys; tests point it at a key server on loopback. */
    ENTRA_JWKS_URL: z.string().url().default('https://login.microsoftonline.com/common/discovery/v2.0/keys'),
    /** HMAC secret for the meeting paper's download links (≥ 32 characters); a random one per process when unset. */
    PAPER_LINK_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    /** How long a paper's download link works. */
    PAPER_LINK_TTL_SECONDS: positiveInt(900),
  })
  .superRefine((env, ctx) => {
    if (env.MicrosoftAppId && !env.MicrosoftAppPassword && env.MicrosoftAppType !== 'UserAssignedMSI') {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'required when MicrosoftAppId is set' });
    }
    if (env.MicrosoftAppType === 'SingleTenant' && env.MicrosoftAppId && !env.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'required for a SingleTenant app' });
    }
    if (env.NODE_ENV === 'production' && !env.MicrosoftAppId && !env.ALLOW_ANONYMOUS) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppId'],
        message: 'is empty in production: that turns authentication off. Set it, or set ALLOW_ANONYMOUS=true on purpose',
      });
    }
    if (env.NODE_ENV === 'production' && env.MicrosoftAppId && !env.PAPER_LINK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['PAPER_LINK_SECRET'],
        message: 'is required in production: without it each instance signs paper links with its own random key, and a restart breaks them',
      });
    }
    const azure = [env.AZURE_OPENAI_API_KEY, env.AZURE_OPENAI_ENDPOINT, env.AZURE_OPENAI_DEPLOYMENT];
    if (azure.some(Boolean) && !azure.every(Boolean)) {
      ctx.addIssue({
        code: 'custom',
        path: ['AZURE_OPENAI_ENDPOINT'],
        message: 'AZURE_OPENAI_API_KEY, AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT go together',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** Every variable the bot reads (kept in step with `.env.example` by a test). */
export const envVariables = Object.keys(envSchema.innerType().shape);

/** How the bot reaches a language model, if at all. */
export type ModelConfig =
  | { provider: 'none' }
  | { provider: 'openai'; apiKey: string; baseUrl?: string; model: string; timeoutMs: number }
  | { provider: 'azure'; apiKey: string; endpoint: string; deployment: string; apiVersion: string; timeoutMs: number };

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  /** Where the server listens: loopback only in anonymous mode unless HOST says otherwise. */
  host: string;
  /** Longest a client may take to send a request body. */
  requestTimeoutMs: number;
  logLevel: Env['LOG_LEVEL'];
  bot: {
    appId?: string;
    appPassword?: string;
    tenantId?: string;
    appType: Env['MicrosoftAppType'];
    /** True when MicrosoftAppId is empty: requests are not authenticated. */
    anonymous: boolean;
  };
  dataDir: string;
  databaseUrl?: string;
  docsDir: string;
  workstreamsFile: string;
  admins: string[];
  apiKeys: string[];
  /** Bot Framework channels whose activities are accepted (default msteams only). */
  allowedChannels: string[];
  /** Microsoft 365 tenants whose activities are accepted; empty accepts any. */
  allowedTenants: string[];
  maxBodyBytes: number;
  digestCron: string;
  deadlineCron: string;
  timezone: string;
  /** Proactive sends: the tenant's rate across all instances, a conversation's, the spacing margin. */
  delivery: { ratePerSecond: number; ratePerConversation: number; windowMarginMs: number };
  /** How long stopping waits for turns in flight (keep it below the platform's grace period). */
  shutdownGraceMs: number;
  model: ModelConfig;
  /** Offline answers to remember; 0 means none. */
  answerCacheSize: number;
  /** The bot's public address without a trailing slash, when configured; else links use the address it listens on. */
  publicUrl?: string;
  /** Tab single sign-on: which tokens the tab's API accepts. */
  tabSso: {
    /** `aud` values accepted: the app ID URI and the app id. Empty in anonymous local mode. */
    audiences: string[];
    jwksUrl: string;
  };
  paperLinks: {
    /** HMAC key for download links. */
    secret: string;
    /** True when no PAPER_LINK_SECRET was set and this process made one up (links die with it). */
    generated: boolean;
    ttlSeconds: number;
  };
}

export class ConfigError extends Error {}

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env, root = process.cwd()): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  let model: ModelConfig = { provider: 'none' };
  if (e.AZURE_OPENAI_API_KEY && e.AZURE_OPENAI_ENDPOINT && e.AZURE_OPENAI_DEPLOYMENT) {
    model = {
      provider: 'azure',
      apiKey: e.AZURE_OPENAI_API_KEY,
      endpoint: e.AZURE_OPENAI_ENDPOINT,
      deployment: e.AZURE_OPENAI_DEPLOYMENT,
      apiVersion: e.AZURE_OPENAI_API_VERSION,
      timeoutMs: e.OPENAI_TIMEOUT_MS,
    };
  } else if (e.OPENAI_API_KEY) {
    model = { provider: 'openai', apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL, timeoutMs: e.OPENAI_TIMEOUT_MS };
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST ?? (e.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1'),
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
    bot: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      tenantId: e.MicrosoftAppTenantId,
      appType: e.MicrosoftAppType,
      anonymous: !e.MicrosoftAppId,
    },
    dataDir: path.resolve(root, e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    docsDir: path.resolve(root, e.DOCS_DIR),
    workstreamsFile: path.resolve(root, e.WORKSTREAMS_FILE),
    admins: e.BOT_ADMINS,
    apiKeys: e.API_KEYS,
    allowedChannels: e.ALLOWED_CHANNELS,
    allowedTenants: e.ALLOWED_TENANTS,
    maxBodyBytes: e.MAX_BODY_BYTES,
    digestCron: e.DIGEST_CRON,
    deadlineCron: e.DEADLINE_CRON,
    timezone: e.TIMEZONE,
    delivery: {
      ratePerSecond: e.DELIVERY_RATE_PER_SECOND,
      ratePerConversation: e.DELIVERY_RATE_PER_CONVERSATION,
      windowMarginMs: e.DELIVERY_WINDOW_MARGIN_MS,
    },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    model,
    answerCacheSize: e.ANSWER_CACHE_SIZE,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    tabSso: {
      audiences: [e.TAB_SSO_APP_ID_URI, e.MicrosoftAppId].filter((a): a is string => !!a),
      jwksUrl: e.ENTRA_JWKS_URL,
    },
    paperLinks: {
      secret: e.PAPER_LINK_SECRET ?? randomBytes(32).toString('base64url'),
      generated: !e.PAPER_LINK_SECRET,
      ttlSeconds: e.PAPER_LINK_TTL_SECONDS,
    },
  };
}
