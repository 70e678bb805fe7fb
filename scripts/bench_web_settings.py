"""Settings for the gunicorn server of `make bench-web` (scripts/bench_web.py): the production settings
(swv/settings/base.py, DEBUG off, read from the environment the script sets) plus the floor views of
scripts/bench_web_urls.py. Never used outside the benchmark."""

from swv.settings.base import *  # noqa: F403

ROOT_URLCONF = "bench_web_urls"
