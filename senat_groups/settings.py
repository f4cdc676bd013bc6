"""Settings for senat_groups, read from the environment.

Every setting that differs between a laptop and production comes from an
environment variable (see the README's configuration table). With no variable
set, the portal runs against the project-local PostgreSQL cluster that
``make run`` and ``make test`` start (scripts/db.sh).
"""

import datetime
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default="0"):
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "on")


def envlist(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envsecret(name, default=None):
    """A secret from NAME, or from the file named by NAME_FILE (Docker/systemd style)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.environ.get(name, default)


DEBUG = envbool("DJANGO_DEBUG")

SECRET_KEY = envsecret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-used-with-DJANGO_DEBUG-on"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DJANGO_DEBUG is off.")

INSTALLED_APPS = [
    # modeltranslation must come before the admin so that its tabs are used.
    "modeltranslation",
    # The admin site, closed to staff outside the editors' group and to a session without
    # its second factor, with the dashboard and previews (backoffice/sites.py).
    "backoffice.apps.BackOfficeAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # runserver serves static files through whitenoise as production does, instead of
    # Django's static handler (which answered /static/../settings.py with a 500).
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "django_countries",
    "django_filters",
    "django_prose_editor",
    # backoffice.apps.*Config: these apps under French names in the admin.
    "backoffice.apps.HistoryConfig",  # reversion
    "backoffice.apps.LoginLockoutConfig",  # axes
    # Two-factor login for staff (backoffice/login.py): TOTP apps, recovery codes.
    "django_otp",
    "backoffice.apps.AuthenticatorAppConfig",  # django_otp.plugins.otp_totp
    "backoffice.apps.RecoveryCodeConfig",  # django_otp.plugins.otp_static
    # Passkeys, as a second factor only (see the end of this file): django_otp_webauthn.
    "backoffice.apps.PasskeyConfig",
    "csp",
    # Uploaded files in PostgreSQL; the apps reach it only through STORAGES (no import).
    "filestore",
    "corsheaders",  # CORS on the open data only (CORS_URLS_REGEX below)
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served as our own static files
    # The apps, lowest first: each imports only those above it in this list (README,
    # "Architecture"). core is the kernel they all build on (no tables, no app imports);
    # portal holds the public pages that join several of them.
    "core",
    # The e-mail outbox (EMAIL_BACKEND below): a table, so not in core.
    "outbox",
    "groups",
    "missions",
    "reports",
    "cooperation",
    "legal",
    # Following a country, group or local authority by e-mail: personal data, in their
    # own app; above the domain apps whose publications the daily digest reads.
    "alerts",
    "portal",
    # The importer of the Senate's open data (issue 11): its own app because it reads an
    # outside source into groups and missions, which must not know that source.
    "sens",
    # The open-data API, its docs and the open-data page: a read layer over the apps.
    "api",
    # The back office: dashboard home and previews of drafts (issue 15).
    "backoffice",
    # The wiring's own hooks (senat_groups/apps.py: the page cache's signals).
    "senat_groups.apps.WiringConfig",
]

# The editors' group: staff in it may use the back office (backoffice/access.py); after
# every migrate it holds exactly the permissions of backoffice/permissions.py's table.
EDITORS_GROUP = "Relations internationales"

MIDDLEWARE = [
    "senat_groups.logs.RequestIdMiddleware",
    # Above everything that may answer (the page cache, a 400 for too many parameters):
    # CORS headers on every answer of the open data, preflights answered here.
    "corsheaders.middleware.CorsMiddleware",
    # gzip for the API's JSON and the CSV downloads only, never HTML (BREACH): see the module.
    "senat_groups.compression.OpenDataGZipMiddleware",
    # Too many query parameters: a 400 before anything reads them (senat_groups/security.py).
    "senat_groups.security.QueryStringLimitMiddleware",
    # A NUL byte in the path or the query: 404 at once (PostgreSQL text cannot hold one).
    "senat_groups.nul_bytes.NulByteMiddleware",
    # Serves anonymous public pages from the cache, with the headers the middleware below
    # added when the page was stored; see senat_groups/cache.py.
    "senat_groups.cache.PageCacheMiddleware",
    # Sends the reads of anonymous public GETs to the replica, when there is one.
    "senat_groups.replica.ReplicaReadsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Public pages: GET and HEAD only, 405 otherwise (before the CSRF check's 403).
    "senat_groups.security.ReadOnlyPublicPagesMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Sets request.user.is_verified(): the admin opens only to a verified second factor.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "senat_groups.urls"
WSGI_APPLICATION = "senat_groups.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# With no DATABASE_URL, use the project-local cluster started by scripts/db.sh.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get(
            "DATABASE_URL",
            f"postgres://senat@127.0.0.1:{os.environ.get('SENAT_PG_PORT', '54329')}/senat_groups",
        ),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# A database that accepts connections and never answers must fail fast, not hang every
# worker until gunicorn kills it: libpq gives up connecting after DATABASE_CONNECT_TIMEOUT
# seconds (/healthz then answers 503, pages the 500 page), and the server cancels any
# statement running longer than DATABASE_STATEMENT_TIMEOUT seconds (0: no limit), well
# under gunicorn's 30 s. manage.py defaults the latter to 0: migrations, imports and
# other commands that an operator runs may legitimately take longer.
# import_sens refuses an export whose text is longer (a zip bomb): the real export is 58 MB.
SENS_IMPORT_MAX_BYTES = int(os.environ.get("SENS_IMPORT_MAX_BYTES", str(240 * 1000 * 1000)))

DATABASE_CONNECT_TIMEOUT = int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))
DATABASE_STATEMENT_TIMEOUT = float(os.environ.get("DATABASE_STATEMENT_TIMEOUT", "15"))
_db_options = DATABASES["default"].setdefault("OPTIONS", {})
_db_options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
if DATABASE_STATEMENT_TIMEOUT > 0:
    _db_options["options"] = (
        f"{_db_options.get('options', '')} "
        f"-c statement_timeout={int(DATABASE_STATEMENT_TIMEOUT * 1000)}"
    ).strip()
# A streaming replica for the public site's reads (senat_groups/replica.py): writes, the
# admin, logged-in users, transactions and management commands stay on the primary.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    # A replica that does not answer within 2 s counts as down: reads go to the primary.
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
    if "options" in _db_options:  # the same statement timeout as the primary
        DATABASES["replica"]["OPTIONS"].setdefault("options", _db_options["options"])
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["senat_groups.replica.PrimaryReplicaRouter"]
    if not os.environ.get("REDIS_URL"):
        # Every app server must see the fence that keeps fresh edits off a lagging replica.
        raise ImproperlyConfigured("DATABASE_REPLICA_URL needs a shared cache: set REDIS_URL.")
# Beyond this lag (seconds) the replica is not read: the primary answers instead.
DATABASE_REPLICA_MAX_LAG = float(os.environ.get("DATABASE_REPLICA_MAX_LAG", "30"))
if os.environ.get("DATABASE_TEST_NAME"):
    # Lets several test runs share one cluster without dropping each other's database.
    DATABASES["default"]["TEST"] = {"NAME": os.environ["DATABASE_TEST_NAME"]}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: French first, English second; msgids are English.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Paris"

MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_LANGUAGES = ("fr", "en")
# Every translated field needs its French text; the English one may wait (below).
MODELTRANSLATION_REQUIRED_LANGUAGES = ("fr",)
# An English page shows the French text until the English one is written.
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fr",)
# The admin's FR/EN tabs need jQuery UI; modeltranslation would fetch it from a CDN.
# static/vendor/jquery-ui/ holds jquery-ui 1.14.2 from npm (MIT, LICENSE.txt beside it).
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Uploaded files (report PDFs, senators' photos): in PostgreSQL by default, so that every
# app server reads them, the replica carries them and every backup holds them
# (filestore/); SENAT_FILE_STORAGE=filesystem keeps them in MEDIA_ROOT instead.
FILE_STORAGE = os.environ.get("SENAT_FILE_STORAGE", "database")
if FILE_STORAGE not in ("database", "filesystem"):
    raise ImproperlyConfigured("SENAT_FILE_STORAGE must be 'database' or 'filesystem'.")
STORAGES = {
    "default": {
        "BACKEND": (
            "filestore.storage.DatabaseStorage"
            if FILE_STORAGE == "database"
            else "django.core.files.storage.FileSystemStorage"
        )
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

LOGIN_URL = "admin:login"

# Cache: each process's memory by default; Redis, shared by every app server, when
# REDIS_URL is set (for example redis://127.0.0.1:6379/0).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    # Bounded by size too (senat_groups/cache.py): whole pages weigh tens of kilobytes,
    # and each gunicorn worker holds its own copy.
    CACHES = {
        "default": {
            "BACKEND": "senat_groups.cache.BoundedLocMemCache",
            "OPTIONS": {
                "MAX_ENTRIES": 5000,
                # 8 MB: with 32 the 10-minute soak peaked at 153.8 MB per worker (target
                # 150), with 24 at 142.3 MB (2026-12-01); once the kept content fragments
                # shared the cache, 160.5 MB with 24, 156.8 with 16 and 144.0 with 8
                # (2026-12-07; docs/benchmark.md). With several machines, use Redis.
                "MAX_BYTES": int(float(os.environ.get("SENAT_CACHE_MAX_MB", "8")) * 1024 * 1024),
            },
        }
    }
# The API's throttle counts each address's requests where every worker sees them: in
# Redis with REDIS_URL (every app server), otherwise in files that all the gunicorn
# workers of the machine share. In each worker's memory, two workers let 10 requests
# of 30 through a limit of 5 a minute. Several app servers need REDIS_URL for one count.
if os.environ.get("REDIS_URL"):
    CACHES["throttle"] = {**CACHES["default"], "KEY_PREFIX": "throttle"}
else:
    CACHES["throttle"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("SENAT_THROTTLE_DIR", str(BASE_DIR / "var" / "throttle")),
        # One small file per client address and minute window; culled past this many.
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
# Sessions live in the database only, with or without Redis: every app server shares
# them, a logout ends them everywhere, and a Redis outage cannot touch them. Django's
# cached_db would save one primary-key query per staff request, but it asks the cache
# unguarded whether a new key is free and when a session is deleted: with Redis down,
# every staff login and logout would be an error page (tests/test_replica.py). Only
# staff have sessions; no benchmark shows that query on a page a user waits for.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Whole public pages for anonymous visitors, dropped on every edit (senat_groups/cache.py).
PAGE_CACHE_ENABLED = envbool("SENAT_PAGE_CACHE", "0" if DEBUG else "1")
PAGE_CACHE_SECONDS = int(os.environ.get("SENAT_PAGE_CACHE_SECONDS", "300"))
# With the local-memory cache, the content generation lives in this file so that all
# the workers of one machine see an edit.
PAGE_CACHE_STAMP_FILE = Path(
    os.environ.get("SENAT_PAGE_CACHE_STAMP_FILE", BASE_DIR / "var" / "page-cache-generation")
)


# The apps whose saves, deletes and many-to-many changes drop the cached pages.
# The public pages of groups, countries, senators, missions and colloquia join several
# apps, so portal owns them: their models' get_absolute_url() is set here, from portal's
# table (portal/links.py), and no lower app names an upper app's URL.
def _portal_page(obj):
    from portal.links import page_url

    return page_url(obj)


ABSOLUTE_URL_OVERRIDES = dict.fromkeys(
    [
        "groups.country",
        "groups.friendshipgroup",
        "groups.senator",
        "missions.mission",
        "missions.colloquium",
    ],
    _portal_page,
)

PAGE_CACHE_APPS = ["groups", "missions", "reports", "cooperation", "legal"]
# Signals sent after bulk writes that send no post_save (the Senate's import).
PAGE_CACHE_BULK_SIGNALS = ["sens.signals.import_written"]
# The content generation the page cache and the kept fragments share (bump, read).
CONTENT_GENERATION = "core.generation"

# --- Production hardening (issue 5; see docs/deployment.md) ---
# HTTPS everywhere. Behind a proxy that ends TLS, set SECURE_PROXY_SSL_HEADER to the
# header it sets (for example HTTP_X_FORWARDED_PROTO) so Django knows the request was https.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "0" if DEBUG else "1")
# Load balancers probe /healthz over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (os.environ["SECURE_PROXY_SSL_HEADER"], "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "0" if DEBUG else "1")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = not DEBUG
# No script of ours reads the CSRF cookie (forms carry the token in a hidden field).
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Full origins (https://groupes.senat.fr) allowed to POST, when a proxy rewrites the Host.
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
# A refused form gets the site's bilingual page, not Django's English one.
CSRF_FAILURE_VIEW = "senat_groups.security.csrf_failure"

# Content-Security-Policy (django-csp): only this site's own files; no inline script
# or style, which is why templates keep their CSS and JS in static/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # The nonce is sent only on pages that use it: the back office's rich-text
        # editor needs an inline import map (see groups/admin.py, render_change_form).
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

# Login throttling (django-axes), for the password and the code step alike: 5 failures
# lock one account from one address (the pair), so that one person behind the Senate's
# proxy does not lock every colleague out; 30 failures from one address, whatever the
# accounts, lock that address. Both for an hour after the last failure. Behind a load
# balancer, TRUSTED_PROXY_COUNT must be set, or every visitor has the balancer's address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_ADDRESS_FAILURE_LIMIT = int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "30"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "60")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "backoffice.lockout.PairThenAddressHandler"
# Failures are forgotten only after the second factor (backoffice/login.py):
# a password alone must not reset the count of wrong codes.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "backoffice.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "backoffice.lockout.client_ip"
# The name authenticator apps show next to the six-digit code.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Sénat — groupes d'amitié")
# How many proxies (load balancer, reverse proxy) append to X-Forwarded-For.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Logs: one JSON object per line on stdout, with the request id (senat_groups/logs.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "senat_groups.logs.RequestIdFilter"}},
    "formatters": {"json": {"()": "senat_groups.logs.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "json",
        },
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Handled by the root logger, in JSON, instead of Django's own handlers.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # runserver's access log duplicates ours.
        "django.server": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
        # Its start-up banner would land in the output of every management command.
        "axes.apps": {"level": "WARNING"},
    },
}

# --- E-mail (outbox/; see docs/deployment.md#e-mail) ---
# Every message the site sends is written to the outbox table (outbox/backends.py), in the
# transaction of what caused it; `manage.py send_mail_outbox` delivers the queue through
# EMAIL_DELIVERY_BACKEND, retrying failures. Without EMAIL_HOST in debug (`make run`),
# delivery prints the messages on the console instead: no SMTP server to install.
EMAIL_BACKEND = "outbox.backends.OutboxBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_DELIVERY_BACKEND = os.environ.get(
    "EMAIL_DELIVERY_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG and not EMAIL_HOST
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = EMAIL_HOST or "localhost"
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envsecret("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS")  # STARTTLS, usually on port 587
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL")  # TLS from the start, usually on port 465
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Sénat — groupes d'amitié <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A failed delivery is tried again after 1, 2, 4... minutes (at most a day between two
# attempts); after this many attempts the message stays in the outbox as failed.
EMAIL_OUTBOX_MAX_ATTEMPTS = int(os.environ.get("EMAIL_OUTBOX_MAX_ATTEMPTS", "10"))
EMAIL_OUTBOX_RETRY_MINUTES = 1
# Sent messages hold addresses (personal data): deleted this many days after sending, as
# the personal-data page says (templates/legal/_alerts_data.html).
EMAIL_OUTBOX_KEEP_DAYS = 30

# --- Open-data API (/api/v1/, the api app; see docs/opendata.md) ---
# The site's address, for the absolute links of the bulk export (no request there).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# Anonymous requests per client address, counted in the shared cache; empty: no limit.
API_THROTTLE_RATE = os.environ.get("API_THROTTLE_RATE", "600/minute")
# CORS (django-cors-headers): any web page may read the API and the bulk files, with
# no credentials (the API has no accounts); a browser script may send conditional
# requests and read the ETag and the throttle's Retry-After. Nothing else of the site
# (pages with forms, the back office) is open to other origins.
CORS_URLS_REGEX = r"^/(api/v1/|(fr|en)/[^/]+/senat-groupes-)"  # the API, the bulk files
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "accept-language", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After", "Content-Disposition", "Content-Language"]
CORS_PREFLIGHT_MAX_AGE = 86400
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    # Read-only and public: no sessions, no CSRF, no accounts.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AddressThrottle"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "api.schema.OpenDataAutoSchema",
    # A 404 names no model (api/errors.py).
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    # The client's address behind TRUSTED_PROXY_COUNT proxies (0: REMOTE_ADDR itself).
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Groupes interparlementaires d'amitié du Sénat — API",
    "DESCRIPTION": (
        "Read-only open data of the French Senate's friendship groups, in the shape of the "
        "Popolo standard. Translated texts: `name` is French, `name_en` English (null while "
        "untranslated). Licence Ouverte 2.0 (Etalab)."
    ),
    "VERSION": "1.0.0",
    "LICENSE": {
        "name": "Licence Ouverte / Open Licence 2.0",
        "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    },
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
}

# --- Passkeys (django-otp-webauthn): a second factor besides the app's codes, never alone ---
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_RP_NAME = OTP_TOTP_ISSUER
_site = urlsplit(SITE_URL)
# Browsers refuse an IP address as the RP ID: on a laptop, passkeys work at localhost.
_site_host = "localhost" if _site.hostname in ("127.0.0.1", "::1") else _site.hostname
# The host name passkeys are bound to: changing it makes every registered passkey useless.
OTP_WEBAUTHN_RP_ID = os.environ.get("WEBAUTHN_RP_ID", _site_host)
# The origins the browser may sign from: https://, or http://localhost on a laptop.
OTP_WEBAUTHN_ALLOWED_ORIGINS = envlist(
    "WEBAUTHN_ORIGINS",
    f"{_site.scheme}://{_site_host}" + (f":{_site.port}" if _site.port else ""),
)
