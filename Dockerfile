# Two stages: the TypeScript is compiled once in the first; the image that runs holds only the compiled
# output, the production packages and the files read at run time, and runs as the unprivileged `node` user.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY locales ./locales
COPY src/storage/migrations ./src/storage/migrations
COPY bin ./bin
COPY scripts/healthcheck.mjs ./scripts/healthcheck.mjs
USER node
EXPOSE 8080
# The API answers /healthz on PORT; a workers-only container answers it on DRAGOMAN_HEALTH_PORT (its
# metrics port). Liveness only: readiness (/readyz) is for load balancers.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 CMD ["node", "scripts/healthcheck.mjs"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/workers/standalone.js"]
