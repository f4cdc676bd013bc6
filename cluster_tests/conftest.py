"""Fixtures for the cluster scenarios: the running cluster (`make cluster`), its databases,
and an editor account. `make test-cluster` starts the cluster, runs these, stops it."""

import json
import os
import subprocess
import time
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parent.parent
ENV_FILE = ROOT / "var" / "cluster" / "env"
EDITOR = ("cluster-editor", "cluster-editor-password-2026")


def read_env():
    if not ENV_FILE.exists():
        pytest.fail("No cluster: run `make test-cluster` (or `make cluster` first).")
    pairs = (line.split("=", 1) for line in ENV_FILE.read_text().splitlines() if "=" in line)
    return {k: v for k, v in pairs}


class Cluster:
    def __init__(self, env):
        self.env = env
        self.url = env["CLUSTER_URL"]
        self.app = {"a": env["CLUSTER_APP_A"], "b": env["CLUSTER_APP_B"]}
        self.cafile = env["CLUSTER_TLS_CERT"]
        self.max_lag = float(env["DATABASE_REPLICA_MAX_LAG"])

    # --- processes -------------------------------------------------------------------
    def script(self, *args, timeout=180):
        result = subprocess.run(
            [str(ROOT / "scripts" / "cluster.sh"), *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def start(self):
        """Start whatever was stopped (scripts/cluster.sh start is idempotent)."""
        self.script("start")

    def pid(self, name):
        return int((ROOT / "var" / "cluster" / f"{name}.pid").read_text())

    def manage(self, *args, **extra_env):
        env = {**os.environ, **self.env, **extra_env}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        result = subprocess.run(
            [str(ROOT / ".venv" / "bin" / "python"), "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def pg_ctl(self, which, action):
        data = self.env[f"CLUSTER_{which.upper()}_DATA"]
        pgbin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
        cmd = [str(pgbin / "pg_ctl"), "-D", data, "-m", "fast", "-w", action]
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, timeout=60)

    # --- databases -------------------------------------------------------------------
    def sql(self, which, query, params=None):
        url = self.env["DATABASE_URL" if which == "primary" else "DATABASE_REPLICA_URL"]
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
            cursor = conn.execute(query, params)
            return cursor.fetchall() if cursor.description else None

    def wait_replica_caught_up(self, timeout=10):
        lsn = self.sql("primary", "SELECT pg_current_wal_lsn()::text")[0][0]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.sql("replica", "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [lsn])[0][0]:
                return
            time.sleep(0.05)
        raise AssertionError("the replica did not catch up")

    def healthz(self, server="b"):
        from cluster_tests.client import Browser

        response = Browser(self.app[server]).get("/healthz")
        return response.status, json.loads(response.body)


def wait_for(condition, timeout, message, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError(f"{message} (waited {timeout} s)")


@pytest.fixture(scope="session")
def cluster():
    c = Cluster(read_env())
    c.script("status")  # every part up before any scenario
    return c


class Editor:
    """A superuser, and when the admin has two-factor login, its enrolled devices."""

    def __init__(self, username, password, recovery_codes, totp_key):
        self.username, self.password = username, password
        self.recovery_codes = list(recovery_codes)
        self.totp_key = totp_key

    def next_code(self):
        """A single-use recovery code: each login of the scenarios needs its own code
        (a TOTP code is refused a second time within its 30 s step)."""
        return self.recovery_codes.pop() if self.recovery_codes else None

    def login(self, browser):
        return browser.admin_login(self.username, self.password, code=self.next_code)


ENROL = """
import json
from django.apps import apps
from django.contrib.auth import get_user_model
User = get_user_model()
user, _ = User.objects.get_or_create(username={username!r})
user.is_staff = user.is_superuser = True
user.set_password({password!r})
user.save()
codes, key = [], None
if apps.is_installed("django_otp"):
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    key = TOTPDevice.objects.create(user=user, name="cluster tests", confirmed=True).key
    static = StaticDevice.objects.create(user=user, name="cluster tests", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(20)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=c) for c in codes)
print(json.dumps({{"codes": codes, "key": key}}))
"""


@pytest.fixture(scope="session")
def editor(cluster):
    """A superuser created on the primary through manage.py; when the admin has two-factor
    login (django-otp), enrolled programmatically: a confirmed TOTP device (so the admin
    asks for a code) and recovery codes, each good for one login."""
    username, password = EDITOR
    out = cluster.manage("shell", "-c", ENROL.format(username=username, password=password))
    enrolled = json.loads(out.strip().splitlines()[-1])
    return Editor(username, password, enrolled["codes"], enrolled["key"])


@pytest.fixture(scope="session")
def report(cluster):
    """A published report of the demo data, with its public URLs (French)."""
    out = cluster.manage(
        "shell",
        "-c",
        "import json; from django.utils import translation; "
        "from reports.models import Report; "
        "r = Report.objects.published().order_by('pk').first(); "
        "translation.activate('fr'); "
        "from django.urls import reverse; "
        "print(json.dumps({'pk': r.pk, 'slug': r.slug, 'url': r.get_absolute_url(), "
        "'pdf_url': reverse('reports:pdf', kwargs={'slug': r.slug}), "
        "'list_url': reverse('reports:list')}))",
    )
    return json.loads(out.strip().splitlines()[-1])
