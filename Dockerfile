# The service's container image: built in one stage with every package, run in a second from the compiled build with production packages only.
#
# The image holds no Java and so no embedded Neo4j: it is for the scale-out topology, where every instance reaches one
# Neo4j 5 (a server, an Enterprise cluster or Aura) by NEO4J_URI. compose.yaml runs that topology; README: Containers.

# ---- build: every package, the compiled server in dist/ and the widgets and consoles built once ----
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
  # The development packages (TypeScript, tsx, Vite, GraphiQL's sources) go: the compiled build never loads them.
  && npm prune --omit=dev --no-audit --no-fund \
  && npm cache clean --force

# ---- runtime: the build's tree with production packages, read-only to the user the service runs as ----
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
# dist/ links the files the server reads at run time (the model's JSON, the seed data, the built widgets) beside its
# modules, so those folders come with it at the same places; tests, benchmarks and the sources' caches do not
# (.dockerignore).
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/schema ./schema
COPY --from=build /app/contract ./contract
COPY --from=build /app/server ./server
COPY --from=build /app/seed ./seed
COPY --from=build /app/widgets ./widgets
COPY --from=build /app/admin ./admin
# The node image's unprivileged user; DATA_DIR is the one place it may write (an admin token file, nothing else here).
RUN mkdir -p /app/.data && chown node:node /app/.data && chmod 0700 /app/.data
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Not npm start: its staleness check walks the sources, and npm would stand between the service and SIGTERM.
CMD ["node", "--max-old-space-size=192", "dist/server/main.js"]
