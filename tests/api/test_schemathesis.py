"""schemathesis against our own OpenAPI document, once for each kind of API client (docs/api.md).

The schemathesis CLI runs every check and every phase (examples, coverage, fuzzing and the stateful phase
that follows the document's links) against a live server on the test database. Bounded for `make test`
(`SCHEMATHESIS_MAX_EXAMPLES`, default 5); `make fuzz` runs the same with many more examples. 0 failures
are allowed; the few accepted exceptions are listed with their reason in docs/api.md and excluded in
`schemathesis.toml` / `SESSIE_UITGEZONDERD` below, nowhere else.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from swv.core.api.scopes import Scope
from swv.core.models import Rol
from tests.factories import (
    AfspraakFactory,
    ApiClientFactory,
    OrganisatieFactory,
    SleutelfiguurFactory,
    VoorzieningFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

MAX_EXAMPLES = os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "5")
MAX_TIME = os.environ.get("SCHEMATHESIS_MAX_TIME", "60")
SCHEMATHESIS = str(Path(sys.executable).with_name("schemathesis"))
CONFIG = Path(__file__).with_name("schemathesis.toml")
CSRF = "c" * 32  # a fixed CSRF secret sent as cookie and header, so a session user's writes are real writes

# Checks switched off, each with its reason in docs/api.md; the two widened checks are in schemathesis.toml.
# ignored_auth, for the session user only: the session cookie is sent as a header with every request, so
# the check's "invalid Authorization" requests still carry a valid session and rightly succeed.
SESSIE_UITGEZONDERD = ("ignored_auth",)


@pytest.fixture
def registry(swv):
    """Something to read, change and end for every operation, so the stateful phase has ids to follow."""
    gemeente = OrganisatieFactory(swv=swv, werkgebied_gemeente=True, code="1721")
    OrganisatieFactory(swv=swv, school=True, code="05KO00")
    SleutelfiguurFactory(swv=swv)
    AfspraakFactory(swv=swv)
    VoorzieningFactory(swv=swv)
    return gemeente


def run_schemathesis(live_server, tmp_path, *headers: str, exclude=()) -> subprocess.CompletedProcess:
    args = [
        SCHEMATHESIS,
        "--config-file",
        str(CONFIG),
        "run",
        f"{live_server.url}/api/v1/openapi.json",
        "--checks",
        "all",
        "--max-examples",
        MAX_EXAMPLES,
        "--max-time",
        MAX_TIME,
        "--no-color",
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--report-dir",
        str(tmp_path),
        "--suppress-health-check",
        "all",
    ]
    # CI is deterministic (the same cases every run); `make fuzz` sets a seed and explores.
    seed = os.environ.get("SCHEMATHESIS_SEED")
    args += ["--seed", seed, "--generation-database", "none"] if seed else ["--generation-deterministic"]
    for header in headers:
        args += ["--header", header]
    # use_after_free is off on the command line too: `--checks all` re-enables every check, the config
    # file's `enabled = false` included (schemathesis config/_checks.py), and the stateful phase then flags
    # a GET after DELETE, which rightly answers 200 (DELETE ends, it never erases: docs/api.md).
    args += ["--exclude-checks", ",".join(("use_after_free", *exclude))]
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "", "NO_COLOR": "1"}
    # In tmp_path: schemathesis keeps a cache directory (.schemathesis/) in its working directory.
    return subprocess.run(
        args, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=900, check=False
    )


def _assert_no_failures(result: subprocess.CompletedProcess) -> None:
    output = result.stdout + result.stderr
    if os.environ.get("SCHEMATHESIS_OUTPUT"):  # the whole report, for `make fuzz` and debugging
        with open(os.environ["SCHEMATHESIS_OUTPUT"], "a", encoding="utf-8") as f:
            f.write(output)
    # The failures come first in schemathesis' report, the summary last: show both ends.
    assert result.returncode == 0, output[:15000] + "\n[...]\n" + output[-5000:]


@pytest.mark.parametrize(
    "scopes",
    [[Scope.PARTNERS_LEZEN], [Scope.PARTNERS_LEZEN, Scope.PARTNERS_SCHRIJVEN]],
    ids=["lezen", "lezen-en-schrijven"],
)
def test_schemathesis_finds_nothing_for_an_api_client(scopes, swv, registry, live_server, tmp_path):
    token = ApiClientFactory(swv=swv, scopes=scopes).token
    _assert_no_failures(run_schemathesis(live_server, tmp_path, f"Authorization: Bearer {token}"))


def test_schemathesis_finds_nothing_for_a_logged_in_coordinator(
    swv, users, client_for, registry, live_server, tmp_path
):
    sessie = client_for(users[Rol.SWV_COORDINATOR.value]).cookies["sessionid"].value
    _assert_no_failures(
        run_schemathesis(
            live_server,
            tmp_path,
            f"Cookie: sessionid={sessie}; csrftoken={CSRF}",
            f"X-CSRFToken: {CSRF}",
            exclude=SESSIE_UITGEZONDERD,
        )
    )
