# Pactwatch in one image: `docker compose up` runs it against PostgreSQL 17 (see docker-compose.yml).
# Without DATABASE_URL it falls back to the embedded database in /app/.data, as `npm start` does anywhere.
FROM node:24-bookworm-slim

ENV NEXT_TELEMETRY_DISABLED=1
# tini as PID 1 reaps zombies and hands `docker stop`'s SIGTERM to npm, which passes it to scripts/start.ts
# (the start script `exec`s tsx, so no shell swallows it); start.ts stops the app, then the database.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Build and run as the unprivileged `node` user, who then also owns .next (its runtime cache) and .data.
RUN chown node:node /app
USER node

# Dependencies first, so editing the app does not re-run npm ci. The postinstall step generates the Prisma
# client, which needs the schema, its config and the script.
COPY --chown=node:node package.json package-lock.json prisma.config.ts ./
COPY --chown=node:node prisma ./prisma
COPY --chown=node:node scripts ./scripts
RUN npm ci --no-audit --no-fund

COPY --chown=node:node . .
# Built into the image, so `npm start` finds BUILD_ID and starts at once.
RUN npm run build

# Docker sets HOSTNAME to the container id; listen on every interface instead so the published port works.
ENV HOSTNAME=0.0.0.0 \
    PORT=3000
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + process.env.PORT + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"

ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["npm", "start"]
