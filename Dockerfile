# danvan: the bot and its web server (webhooks, /healthz, /metrics) on port 8080.
#   docker build -t danvan .        then see compose.yaml and docs/DEPLOY.md
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=8080 \
    DATABASE_URL=sqlite:////app/data/danvan.db \
    SAMPLES_DIR=/app/no-samples

WORKDIR /app

# A system user without a login shell owns the data and runs the bot.
RUN groupadd --system --gid 10001 danvan \
    && useradd --system --uid 10001 --gid danvan --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin danvan

# The runtime only: no test tools, no benchmark baselines, no sample documents.
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY core ./core
COPY handlers ./handlers
COPY knowledge ./knowledge
COPY storage ./storage
RUN pip install --no-cache-dir . \
    && rm -rf build ./*.egg-info \
    && mkdir -p /app/data \
    && chown danvan:danvan /app/data

USER 10001:10001
# The SQLite database, its saved search index, backups and exports live here.
VOLUME ["/app/data"]
EXPOSE 8080

# /healthz: database, scheduler, channels, overdue reminders (stdlib only: no curl needed).
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "-m", "bot.web.probe"]

# `docker compose run --rm bot backup /app/data/x.db` and the other CLI commands work too.
ENTRYPOINT ["danvan"]
CMD ["run"]
