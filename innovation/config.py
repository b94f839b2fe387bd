"""Configuration: environment variables (and `.env`) with the embedded defaults of API.md.

This is the only module that reads the environment.
"""

import os
import secrets
from pathlib import Path

from dotenv import load_dotenv

load_dotenv()


def _normalize_database_url(url: str) -> str:
    """Accept the common `postgresql://` spelling and use the psycopg 3 driver for it."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _secret_key(instance_path: Path) -> str:
    """Return SECRET_KEY from the environment, or one generated once under instance/."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return key_file.read_text().strip()


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def instance_path_from_env() -> str | None:
    """INSTANCE_PATH moves instance/ (database, embedded Redis, mail, keys) elsewhere."""
    return os.environ.get("INSTANCE_PATH") or None


class Config:
    """Settings from the environment; `instance_path` anchors the embedded defaults."""

    TESTING = False
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = 60 * 60 * 24 * 30
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    RATELIMIT_HEADERS_ENABLED = True
    # A Redis outage must not turn logins and posts into 500s; limits resume when it is back.
    RATELIMIT_SWALLOW_ERRORS = True
    RATELIMIT_LOGIN = "10 per minute"
    RATELIMIT_REGISTER = "5 per hour"
    RATELIMIT_INVITE = "30 per hour"
    INVITATION_MAX_AGE = 7 * 24 * 3600
    API_TOKEN_DAYS = 30
    # Validate every API response against its declared schema and raise on a mismatch: for
    # tests only (it costs a validation per response); see innovation/api/response_check.py.
    API_CHECK_RESPONSES = False
    MAIL_RETRY_INTERVALS = (30, 120, 600)  # seconds between attempts of an e-mail batch
    MAIL_MAX_ATTEMPTS = 4

    def __init__(self, instance_path: str):
        instance = Path(instance_path)
        self.INSTANCE_PATH = str(instance)
        self.SECRET_KEY = _secret_key(instance)
        self.SQLALCHEMY_DATABASE_URI = _normalize_database_url(
            os.environ.get("DATABASE_URL") or f"sqlite:///{instance / 'innovation.db'}"
        )
        self.REDIS_URL = os.environ.get("REDIS_URL") or None
        self.EMBEDDED_REDIS_DIR = str(instance)
        self.SEARCH_INDEX_DIR = os.environ.get("SEARCH_INDEX_DIR") or str(instance / "search-index")
        # whoosh (single node, the default) or postgres (several web nodes sharing the database)
        self.SEARCH_BACKEND = (os.environ.get("SEARCH_BACKEND") or "whoosh").strip().lower()
        self.MAIL_SERVER = os.environ.get("MAIL_SERVER") or None
        self.MAIL_PORT = int(os.environ.get("MAIL_PORT") or 25)
        self.MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
        self.MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
        self.MAIL_USE_TLS = _flag("MAIL_USE_TLS")
        self.MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER") or "Innovation Commons <no-reply@localhost>"
        self.MAIL_DIR = str(instance / "mail")
        self.EMPLOYEE_EMAIL_DOMAINS = [
            d.strip().lower() for d in (os.environ.get("EMPLOYEE_EMAIL_DOMAINS") or "").split(",") if d.strip()
        ]
        self.BASE_URL = (os.environ.get("BASE_URL") or "http://127.0.0.1:5000").rstrip("/")
        # `make run` serves on PORT; without an explicit BASE_URL its e-mail links point there.
        self.BASE_URL_GIVEN = bool(os.environ.get("BASE_URL"))
        self.PORT = int(os.environ.get("PORT") or 5000)
        secure = self.BASE_URL.startswith("https://")
        self.SESSION_COOKIE_SECURE = secure
        self.REMEMBER_COOKIE_SECURE = secure
        self.LOG_LEVEL = os.environ.get("LOG_LEVEL") or "INFO"
        # The one currency of every cost and benefit on the site (ISO 4217 code; € $ £ ¥ ₹ get
        # their sign, any other code is shown as such): "€42,000".
        self.CURRENCY = (os.environ.get("CURRENCY") or "EUR").strip().upper()
        # People per committed fan-out batch (a killed worker resumes after the last batch).
        self.NOTIFICATION_BATCH_SIZE = int(os.environ.get("NOTIFICATION_BATCH_SIZE") or 1000)


class TestConfig(Config):
    """Tests: a database and Redis given by the test fixtures; everything else real."""

    __test__ = False  # not a pytest test class
    TESTING = True

    def __init__(self, instance_path: str, database_url: str, redis_url: str):
        super().__init__(instance_path)
        self.SQLALCHEMY_DATABASE_URI = _normalize_database_url(database_url)
        self.REDIS_URL = redis_url
        self.MAIL_SERVER = None
        self.BASE_URL = "http://127.0.0.1:5000"
        # Tests read their own writes at once; the cache has its own tests.
        self.CACHE_DISABLED = True
        # A response that breaks its OpenAPI schema fails the test that received it.
        self.API_CHECK_RESPONSES = True
