# Production image for Ketenregie: one image, three roles (web, worker, beat); see docker-compose.yml.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=swv.settings.base

WORKDIR /app

# Runtime dependencies only (requirements.lock, not the dev lock): no test tools in production.
COPY requirements.lock ./
RUN pip install --no-compile -r requirements.lock

# A fixed, unprivileged user; the app never runs as root.
RUN groupadd --system --gid 10001 ketenregie \
    && useradd --system --uid 10001 --gid ketenregie --home-dir /app --shell /usr/sbin/nologin ketenregie

COPY --chown=ketenregie:ketenregie . .

# Static files are part of the image (whitenoise serves them with hashed names), so they are
# collected once at build time. The values below exist only to let settings load; nothing connects.
RUN DJANGO_DEBUG=False DJANGO_SECRET_KEY=alleen-voor-collectstatic \
    DATABASE_URL=postgres://build.invalid/none REDIS_URL=redis://build.invalid:6379/0 \
    python manage.py collectstatic --noinput -v 0 \
    && mkdir -p var/media \
    && chown -R ketenregie:ketenregie var \
    && chmod 0755 docker/entrypoint.sh

USER ketenregie
EXPOSE 8000

ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["web"]
