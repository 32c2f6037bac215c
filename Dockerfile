# syntax=docker/dockerfile:1

# Build needs dev dependencies (swc, vite, typescript); the runtime image does not.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# redis-memory-server's postinstall downloads and compiles Redis; production uses REDIS_URL.
ENV REDISMS_DISABLE_POSTINSTALL=1
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    REDISMS_DISABLE_POSTINSTALL=1
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
EXPOSE 4000
# The worker runs this same image with: node dist/jobs/worker-main.js
CMD ["node", "dist/api/src/main.js"]
