# syntax=docker/dockerfile:1
# Slipway's image: the web server (Next.js standalone output), the worker and the migration runner,
# one image for all three; the command picks (see README "Run it for your company").
#   web      node server.js            (default)
#   worker   node dist/worker.mjs
#   migrate  node dist/migrate.mjs     (once per release, before the services)
# Build: docker build -t slipway .     The Node.js version is .node-version's (a test checks it).

FROM node:24.22.3-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary matches the platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1 SLIPWAY_NEXT_OUTPUT=standalone
RUN node scripts/db.mjs generate \
 && node node_modules/next/dist/bin/next build \
 && node scripts/build-image-bundles.mjs

FROM node:24.22.3-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    SLIPWAY_DATA_DIR=/data
WORKDIR /app
# The standalone server with its traced node_modules (native better-sqlite3 and esbuild included),
# the blueprints it reads at run time, its static assets, and the worker and migration bundles.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
COPY --from=build /app/blueprints ./blueprints
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/dist ./dist
COPY --from=build /app/node_modules/@prisma/schema-engine-wasm ./node_modules/@prisma/schema-engine-wasm
# The data folder holds the SQLite file and the generated key when no database or key is configured
# (one container on its own); with PostgreSQL and SLIPWAY_ENCRYPTION_KEY it stays empty.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/api/v1/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The web server's V8 heap is bounded: left alone, V8 sizes it from the machine and lets garbage pile
# up to hundreds of MB before collecting. 256 MB old space holds the portal's live data with room to
# spare at 500 blueprints (docs/ARCHITECTURE.md, "Load"); raise it for a far larger catalog, e.g.
# `node --max-old-space-size=512 --max-semi-space-size=8 server.js` as the command. The load bench
# starts its web server with these same flags, read from this line.
CMD ["node", "--max-old-space-size=256", "--max-semi-space-size=8", "server.js"]
