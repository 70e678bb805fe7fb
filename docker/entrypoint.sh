#!/bin/sh
# One image, several roles. `docker compose run web manage.py ...` and any other command pass through.
set -eu

case "${1:-web}" in
    web)
        shift || true
        # Workers: a small default; set GUNICORN_WORKERS to about 2 x cores + 1 on a dedicated host.
        # The access log format (no query strings) is in docker/gunicorn.conf.py.
        exec gunicorn swv.wsgi:application \
            --config /app/docker/gunicorn.conf.py \
            --bind 0.0.0.0:8000 \
            --workers "${GUNICORN_WORKERS:-3}" \
            --timeout "${GUNICORN_TIMEOUT:-60}" \
            --forwarded-allow-ips "${GUNICORN_FORWARDED_ALLOW_IPS:-127.0.0.1}" \
            "$@"
        ;;
    migrate)
        # As the owner (DATABASE_OWNER_URL): the app role first, then the schema and its grants.
        python manage.py ensure_app_role
        exec python manage.py migrate --noinput
        ;;
    worker)
        shift
        exec celery -A swv worker --loglevel "${CELERY_LOG_LEVEL:-INFO}" --concurrency "${CELERY_CONCURRENCY:-2}" "$@"
        ;;
    beat)
        shift
        # The schedule file lives in var/ (writable by the app user); there is exactly one beat.
        exec celery -A swv beat --loglevel "${CELERY_LOG_LEVEL:-INFO}" --schedule /app/var/celerybeat-schedule "$@"
        ;;
    manage.py)
        shift
        exec python manage.py "$@"
        ;;
    *)
        exec "$@"
        ;;
esac
