"""The one settings module. Everything that differs between machines comes from the environment.

With DEBUG on (or under pytest) missing secrets fall back to development values; with DEBUG off the
app refuses to start without SECRET_KEY, ALLOWED_HOSTS and ENCRYPTION_KEYS.
"""

import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from cpi.env import env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

TESTING = "pytest" in sys.modules or env_bool("CPI_TESTING")
DEBUG = env_bool("DEBUG", False)
DEV_DEFAULTS = DEBUG or TESTING

# Development-only values: never used when DEBUG is off outside the test suite.
_DEV_SECRET_KEY = "dev-only-insecure-secret-key-do-not-use-in-production-0123456789"  # noqa: S105
# Two dev keys so rotation can be exercised locally; newest first.
_DEV_ENCRYPTION_KEYS = [
    "0J9pP1x8bq3uVq3yP6fYV3fG9x2rV7mS0a5cWk1ZkzE=",
    "q1Cj1qk7n8Sx1b0V5cN3r9y2XH0pL6tW4uE8aR2dF6g=",
]

SECRET_KEY = env_secret("SECRET_KEY") or (_DEV_SECRET_KEY if DEV_DEFAULTS else "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEV_DEFAULTS else [])
# MultiFernet keys, newest first: new data is encrypted with the first, any may decrypt.
ENCRYPTION_KEYS = env_list("ENCRYPTION_KEYS", sep=",") or (
    [env_secret("ENCRYPTION_KEYS")] if env_secret("ENCRYPTION_KEYS") else []
)
if not ENCRYPTION_KEYS and DEV_DEFAULTS:
    ENCRYPTION_KEYS = list(_DEV_ENCRYPTION_KEYS)

if not DEV_DEFAULTS:
    missing = [
        name
        for name, value in (
            ("SECRET_KEY", SECRET_KEY),
            ("ALLOWED_HOSTS", ALLOWED_HOSTS),
            ("ENCRYPTION_KEYS", ENCRYPTION_KEYS),
        )
        if not value
    ]
    if missing:
        raise ImproperlyConfigured(
            "DEBUG is off, so these must be set (or given as NAME_FILE): " + ", ".join(missing)
        )
    if SECRET_KEY == _DEV_SECRET_KEY or set(ENCRYPTION_KEYS) & set(_DEV_ENCRYPTION_KEYS):
        raise ImproperlyConfigured("Development keys must not be used with DEBUG off.")

FORCE_NAME = env_str("FORCE_NAME", "Police Service")
SERVICE_NAME = env_str("SERVICE_NAME", "Share information about someone at risk")
INTELLIGENCE_UNIT_MAILBOX = env_str("INTELLIGENCE_UNIT_MAILBOX", "intelligence-unit@police.example")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "cpi-noreply@police.example")
# Told (references only) when an open submission becomes due soon and when it becomes overdue.
SUPERVISORS_MAILBOX = env_str("SUPERVISORS_MAILBOX", "cpi-supervisors@police.example")
# Target clocks (triage/clocks.py): hours from arrival, in wall time (no working hours assumed),
# within which a submission of each priority should have its outcome recorded.
TARGET_HOURS = {
    1: env_int("TARGET_HOURS_P1", 4),
    2: env_int("TARGET_HOURS_P2", 24),
    3: env_int("TARGET_HOURS_P3", 72),
    4: env_int("TARGET_HOURS_P4", 168),
}
# "Due soon" once less than this share of the target is left (25: the last hour of a 4-hour target).
TARGET_DUE_SOON_PERCENT = env_int("TARGET_DUE_SOON_PERCENT", 25)
# Whether sanitised intelligence logs need a supervisor's approval before they can be exported.
LOG_APPROVAL_REQUIRED = env_bool("LOG_APPROVAL_REQUIRED", False)
# MoPI-style review: a sanitised log is reviewed for retention this many days after it is made.
RETENTION_LOG_REVIEW_DAYS = env_int("RETENTION_LOG_REVIEW_DAYS", 6 * 365)
# Retention (retention/services.py; purged daily): source contact details are blanked this many
# days after the submission is closed; closed "no action" submissions are deleted after this many;
# staff sign-in records (django-axes, with IP addresses) are deleted after this many.
RETENTION_SOURCE_CONTACT_DAYS = env_int("RETENTION_SOURCE_CONTACT_DAYS", 365)
RETENTION_NO_ACTION_DAYS = env_int("RETENTION_NO_ACTION_DAYS", 2 * 365)
RETENTION_SIGN_IN_RECORD_DAYS = env_int("RETENTION_SIGN_IN_RECORD_DAYS", 365)
# Export files (EXPORT_DIR) are deleted this many days after they are made. A week is long enough
# to download and pass on a file; each one is a bulk copy of sanitised logs, so it should not sit
# on the server's disk for longer (the Export row and its audit entries stay).
RETENTION_EXPORT_FILE_DAYS = env_int("RETENTION_EXPORT_FILE_DAYS", 7)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_forms_gds",
    "django_filters",
    "auditlog",
    "cpi",
    "audit",
    "accounts",
    "submissions",
    "links",
    "triage",
    "intelligence",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "retention",
    "supervision",
    "demo",
]

MIDDLEWARE = [
    # First, so it sees every response last: even a refused Host's 400 page (made inside the
    # middleware below) leaves with no-store, the CSP, X-Frame-Options and the rest.
    "cpi.middleware.EveryResponseHeadersMiddleware",
    # Next, so every log line a request causes, a refused Host's too, carries the request's id.
    "audit.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before anything reads the body: a body over the cap gets the 413 page, unparsed.
    "cpi.middleware.RequestBodyCapMiddleware",
    "cpi.middleware.NullCharacterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Staff: a TOTP code as well as a password, and idle/absolute session limits.
    "accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.StaffSessionMiddleware",
    "cpi.security.PublicPostFloodMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "audit.middleware.AuditMiddleware",
    "cpi.middleware.MethodNotAllowedPageMiddleware",
    "cpi.middleware.DecryptionErrorMiddleware",
    # Last, so a sign-in lockout replaces whatever the sign-in view answered.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cpi.urls"
WSGI_APPLICATION = "cpi.wsgi.application"

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
                "csp.context_processors.nonce",
                "cpi.context_processors.service",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"].setdefault("OPTIONS", {})
        DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", 5)
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": {"timeout": 20},
        }
    }
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if env_str("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME")}
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
# The queue's covering indexes carry extra columns on PostgreSQL; the embedded SQLite default
# builds them without those (a plain index), which is what a demo needs: no warning for it.
SILENCED_SYSTEM_CHECKS = [] if IS_POSTGRES else ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache, Celery broker --------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
REDIS_TIMEOUT_SECONDS = env_int("REDIS_TIMEOUT_SECONDS", 2)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "cpi",
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
                "socket_timeout": REDIS_TIMEOUT_SECONDS,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Flood counters (cpi/security.py): the same cache with a short timeout of its own, so a Redis that
# hangs costs a professional a fraction of a second at most, not REDIS_TIMEOUT_SECONDS per check.
RATE_LIMIT_TIMEOUT_MS = env_int("RATE_LIMIT_TIMEOUT_MS", 300)
CACHES["ratelimit"] = {
    **CACHES["default"],
    "OPTIONS": {
        "socket_connect_timeout": RATE_LIMIT_TIMEOUT_MS / 1000,
        "socket_timeout": RATE_LIMIT_TIMEOUT_MS / 1000,
    }
    if REDIS_URL
    else {},
}

CELERY_BROKER_URL = REDIS_URL or "memory://"
# Without Redis (make run, most tests) tasks run in-process as they are sent.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# A broker that is down must fail fast inside a request; the outbox catches up later.
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_TIMEOUT_SECONDS
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task whose whole worker died (not just its pool process) goes back to the queue after this
# long. It must be longer than the longest task, or a task still running is handed out again
# (exports are idempotent, but the work would be done twice).
CELERY_VISIBILITY_TIMEOUT_SECONDS = env_int("CELERY_VISIBILITY_TIMEOUT_SECONDS", 3600)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": REDIS_TIMEOUT_SECONDS,
    "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
    "max_retries": 0,
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT_SECONDS,
    # Workers look for such tasks every 10 s (kombu's default looks every 100 s: an interval of
    # 10 s with only every 10th look going to Redis); a look is one small sorted-set query.
    "unacked_restore_interval": max(1, min(10, CELERY_VISIBILITY_TIMEOUT_SECONDS // 10)),
    "unacked_restore_throttle": 1,
}
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BEAT_SCHEDULE: dict = {
    # Notifications the broker never carried (it was down at submit) go out within a minute.
    "outbox-drain": {"task": "submissions.outbox_drain", "schedule": 60.0},
    # Audit entries are sealed as they commit; this sweeps up any whose writer died in between.
    "audit-seal": {"task": "audit.seal", "schedule": 60.0},
    # Retention (retention/services.py): once a day, in the small hours.
    "retention-purge": {"task": "retention.purge", "schedule": crontab(hour=2, minute=30)},
    # Target clocks: tell the supervisors what became due soon or overdue since the last run.
    "clock-notices": {"task": "triage.clock_notices", "schedule": 300.0},
}

# --- Email ------------------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEV_DEFAULTS
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10

# --- Auth and sessions ------------------------------------------------------------------------
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "triage:queue"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 at full cost would dominate the suite's run time; production keeps Argon2.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.validators.MaximumLengthValidator", "OPTIONS": {"max_length": 128}},
]
# Session data holds a professional's answers between pages, so it is encrypted at rest.
SESSION_ENGINE = "cpi.session_store"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 2)
CSRF_FAILURE_VIEW = "cpi.views.csrf_failure"
# Staff sessions (see accounts/sessions.py): 30 minutes idle, 12 hours at most, and revealing a
# source or exporting needs a password or TOTP code from the last 15 minutes. Professionals on the
# public form are never signed in and keep the ordinary SESSION_COOKIE_AGE.
STAFF_SESSION_IDLE_SECONDS = env_int("STAFF_SESSION_IDLE_SECONDS", 30 * 60)
STAFF_SESSION_MAX_SECONDS = env_int("STAFF_SESSION_MAX_SECONDS", 12 * 60 * 60)
STAFF_REAUTH_SECONDS = env_int("STAFF_REAUTH_SECONDS", 15 * 60)
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out username and address is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend reading a user's permissions in one query, not two (issue 17). A session
    # signed in under the old backend's name ends once, at the deploy that brings this in.
    "accounts.backends.ModelBackendOneQuery",
]
# Sign-in throttling: 5 failures for one username from one client address lock that pair out;
# the lock lifts a minute after the last failure (a failure while locked restarts the minute).
# Keyed on the pair, so one attacker cannot lock a colleague out from elsewhere, and the address
# is read through PROXY_DEPTH trusted proxies (cpi.net.client_ip), so a forged X-Forwarded-For
# cannot reset the count. Wrong TOTP codes count too.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "cpi.net.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.views.lockout"
AXES_RESET_ON_SUCCESS = True
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password", "otp_token", "secret"]
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", FORCE_NAME + " CPI")

# --- Security headers -------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEV_DEFAULTS)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEV_DEFAULTS else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEV_DEFAULTS
SECURE_HSTS_PRELOAD = not DEV_DEFAULTS
SESSION_COOKIE_SECURE = not DEV_DEFAULTS
CSRF_COOKIE_SECURE = not DEV_DEFAULTS
CSRF_COOKIE_HTTPONLY = True
if not DEV_DEFAULTS:
    # __Host- cookies must be Secure, path "/" and have no Domain: a sibling subdomain cannot
    # set or overwrite them.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
# How many proxies sit in front of the app; the client IP is read from X-Forwarded-For that deep.
PROXY_DEPTH = env_int("PROXY_DEPTH", 0)
if PROXY_DEPTH:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Bodies larger than this are refused with the 413 page (cpi.middleware.RequestBodyCapMiddleware),
# file parts included; the form's longest answer is far below. Up to REQUEST_BODY_DRAIN_BYTES of a
# refused body is read and dropped so the browser can show that page rather than a reset.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 256 * 1024)
REQUEST_BODY_DRAIN_BYTES = env_int("REQUEST_BODY_DRAIN_BYTES", 32 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 500
# Flood protection (cpi/security.py), per client address per hour, counted in the shared cache:
# forms sent, and POSTs of any public page (each saves answers in a database session).
# Off (0) under the test suite, where every client shares one address; tests of it set a limit.
SUBMISSION_RATE_LIMIT = env_int("SUBMISSION_RATE_LIMIT", 0 if TESTING else 20)
PUBLIC_POST_RATE_LIMIT = env_int("PUBLIC_POST_RATE_LIMIT", 0 if TESTING else 600)

# --- Static files -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
if DEV_DEFAULTS:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = DEV_DEFAULTS
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEV_DEFAULTS
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Where finished exports are written until their requester downloads them.
EXPORT_DIR = Path(env_str("EXPORT_DIR", str(VAR_DIR / "exports")))

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# --- Audit ------------------------------------------------------------------------------------
# django-auditlog must never record the IP address of a professional on the public form.
AUDITLOG_DISABLE_REMOTE_ADDR = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Control characters in a message (a path, a header) are written escaped: one record, one line.
    "formatters": {
        "plain": {
            "class": "cpi.security_logging.EscapingFormatter",
            # request_id: the request being served ("-" outside one), from audit.context.
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
        }
    },
    # Exception messages can quote submitted data: every handler drops them (tracebacks stay). A
    # refused request (django.security.*: a bad Host) is one line without the value it refused.
    "filters": {
        "redact": {"()": "cpi.security_logging.RedactExceptionDetails"},
        "request_id": {"()": "audit.context.RequestIdLogFilter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact", "request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's request logger would print request details on errors; keep only the status.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # Only through the redacting handler: Django's own "django" handlers would print or mail
        # the refused value (a bad Host) with a traceback.
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # django-axes reports every sign-in at INFO; failures and lockouts are WARNING.
        "axes": {"level": "WARNING"},
    },
}
