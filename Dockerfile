# ROA AUTO: the server (API, sync) and the built PWA in one image.
# Build:  docker build -t roaauto .
# Run:    docker run -p 8080:8080 -v roaauto-data:/data roaauto      (SQLite in /data)
#         add -e DATABASE_URL=postgres://... for PostgreSQL. See docs/deploy.md.
ARG NODE_IMAGE=node:20-bookworm-slim

# The package manifests and a compiler for native modules (better-sqlite3 builds from source when no
# prebuilt binary fits the platform).
FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./
COPY packages/shared/package.json packages/shared/
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY e2e/package.json e2e/
COPY bench/package.json bench/

# Everything, with the dev tools: builds the PWA into apps/server/public and bundles the server into
# apps/server/dist.
FROM toolchain AS build
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Only the server's production dependencies.
FROM toolchain AS deps
RUN npm ci --omit=dev --workspace apps/server --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 DATA_DIR=/data
WORKDIR /app
COPY --from=deps /src/node_modules node_modules
COPY --from=build /src/package.json ./
COPY --from=build /src/apps/server/package.json apps/server/
COPY --from=build /src/apps/server/dist apps/server/dist
COPY --from=build /src/apps/server/public apps/server/public
RUN mkdir -p /data && chown node:node /data
# The image's own unprivileged user (uid 1000).
USER node
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "apps/server/dist/server.js"]
