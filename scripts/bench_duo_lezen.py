"""Issue 7, point 11: time and peak memory of reading a large DUO file. Prints figures, asserts nothing.

    python tests/partners/make_duo_samples.py --groot 330000 /tmp/duo_groot.csv      # about 50 MB
    python scripts/bench_duo_lezen.py kop   /tmp/duo_groot.csv   # what the upload request does now
    python scripts/bench_duo_lezen.py lees  /tmp/duo_groot.csv   # what the worker does now (streamed)
    python scripts/bench_duo_lezen.py voor  /tmp/duo_groot.csv   # before issue 7 (duo.py of commit b64267c)

One variant per process, so the peak RSS (resource.getrusage) is that variant's own.
"""

import importlib.util
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "swv.settings.test")
os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from partners import duo  # noqa: E402


def _oude_duo():
    """partners/duo.py as it was before issue 7 (whole file in memory, every row error kept)."""
    bron = subprocess.run(
        ["git", "-C", str(ROOT), "show", "b64267c:partners/duo.py"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.replace("from .validators", "from partners.validators")
    pad = Path(tempfile.mkdtemp()) / "duo_voor.py"
    pad.write_text(bron)
    spec = importlib.util.spec_from_file_location("duo_voor", pad)
    module = importlib.util.module_from_spec(spec)
    sys.modules["duo_voor"] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    variant, pad = sys.argv[1], sys.argv[2]
    oud = _oude_duo() if variant == "voor" else None
    basis = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    if variant == "kop":
        with open(pad, "rb") as f:
            uitkomst = f"layout {duo.controleer_kop(f)}"
    elif variant == "lees":
        with open(pad, "rb") as f:
            b = duo.lees(f, max_fouten=1000)
        uitkomst = f"{b.aantal_rijen} rijen, {b.aantal_fouten} fouten, {len(b.fouten)} bewaard"
    else:
        with open(pad, "rb") as f:
            b = oud.lees(f.read())
        uitkomst = f"{b.aantal_rijen} rijen, {len(b.fouten)} fouten bewaard"
    duur = time.perf_counter() - start
    piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"{variant}: {duur:.1f} s, peak RSS {piek / 1024:.0f} MB (after Django start {basis / 1024:.0f} MB); {uitkomst}"
    )


if __name__ == "__main__":
    main()
