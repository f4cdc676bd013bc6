"""What the Makefile's targets print, read with `make -n` (the commands, none of them run)."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_dry_run(*args, **env):
    environment = {**os.environ, **env}
    environment.pop("PORT", None)
    environment.update(env)
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", *args],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return result.stdout


def test_make_run_records_the_address_it_serves_on(tmp_path):
    address_file = tmp_path / "run-address"
    output = make_dry_run("run", f"RUN_ADDRESS_FILE={address_file}", PORT="8123")
    assert "runserver 127.0.0.1:8123" in output
    assert f"127.0.0.1:8123 > {address_file}" in output


def test_make_admin_prints_the_port_make_run_serves_on(tmp_path):
    address_file = tmp_path / "run-address"
    address_file.write_text("127.0.0.1:8123\n")
    output = make_dry_run("admin", f"RUN_ADDRESS_FILE={address_file}")
    assert "http://127.0.0.1:8123/admin/" in output
    assert ":8000" not in output


def test_make_admin_prints_the_port_it_is_given_first(tmp_path):
    address_file = tmp_path / "run-address"
    address_file.write_text("127.0.0.1:8123\n")
    output = make_dry_run("admin", f"RUN_ADDRESS_FILE={address_file}", PORT="8200")
    assert "http://127.0.0.1:8200/admin/" in output


def test_make_admin_without_a_server_prints_the_default_port(tmp_path):
    output = make_dry_run("admin", f"RUN_ADDRESS_FILE={tmp_path / 'none'}")
    assert "http://127.0.0.1:8000/admin/" in output
