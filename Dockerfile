# syntax=docker/dockerfile:1
# The bot as a container image: built once in a stage that has the development dependencies, run from a
# stage that has only the build and the production dependencies, as the unprivileged `node` user.
#
#   docker build -t herts-send-assistant .
#   docker run -p 3978:3978 -v herts-data:/data --env-file .env herts-send-assistant
#
# CI has no container engine: test/deploy/dockerfile.test.ts carries out these instructions on the host
# (the same COPYs and RUNs into a folder per stage, then CMD and HEALTHCHECK) — see there for what it can
# and cannot check. docs/operating.md covers running it.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY scripts ./scripts
COPY data ./data
# The build also makes the blank database template and the document index seed in dist/; then the
# development dependencies go.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
# HOST: listen on every interface of the container (the bot defaults to loopback in anonymous mode).
# DATA_DIR: the embedded database and the document index cache; mount a volume there (or set DATABASE_URL).
ENV NODE_ENV=production \
    PORT=3978 \
    HOST=0.0.0.0 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/data ./data
COPY prompts ./prompts
COPY scripts/ensure-built.cjs scripts/healthcheck.cjs scripts/sql.cjs ./scripts/
RUN mkdir -p "$DATA_DIR" && chown node:node "$DATA_DIR"
USER node
VOLUME ["/data"]
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "scripts/healthcheck.cjs"]
# Node itself is PID 1 (no npm in between): it gets SIGTERM directly, answers the turns in flight, hands
# back outbox claims and exits within SHUTDOWN_GRACE_MS (8 s), inside `docker stop`'s default 10 s.
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/index.js"]
