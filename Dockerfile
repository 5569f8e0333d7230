# One image for both processes; docker-compose picks the command per service.
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
COPY apps/engine/package.json apps/engine/
COPY apps/web/package.json apps/web/
COPY packages/contract/package.json packages/contract/
# kafkajs is patched at install (patches/kafkajs+2.2.4.patch: aborted-transaction filter).
COPY patches/ patches/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx turbo run build
# Test support (the console's type check reads it through its tests) stays out of the image.
RUN rm -rf apps/engine/testing

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
COPY --from=build /app /app
USER node
CMD ["node", "apps/engine/dist/main.js"]
