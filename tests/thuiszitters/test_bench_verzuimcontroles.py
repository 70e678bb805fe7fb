"""The harness of scripts/bench_verzuimcontroles.py: without thuiszitters.controles it says so and stops
cleanly (exit 0) before building any database; its generated data is tested in test_testdata_verzuim.py."""

import sys

from scripts import bench_verzuimcontroles as bench


def test_without_the_checks_module_the_bench_says_so_and_builds_nothing(monkeypatch, capsys):
    # None in sys.modules makes `import thuiszitters.controles` raise ImportError, as on a branch without it.
    monkeypatch.setitem(sys.modules, "thuiszitters.controles", None)
    monkeypatch.setattr(
        bench, "prepare_database", lambda schaal: (_ for _ in ()).throw(AssertionError(schaal))
    )

    bench.main()

    assert "Verzuimcontroles-benchmark overgeslagen: thuiszitters.controles" in capsys.readouterr().out


def test_each_scale_gets_its_own_database_named_by_scale_and_seed():
    # One database per scale and seed, shared by every benchmark (scripts/benchdb.py, decision 65); stale
    # when any generator changes, the absence generator included.
    from scripts import benchdb

    assert benchdb.url("groot", bench.SEED).endswith(f"/bench_groot_{bench.SEED}")
    assert benchdb.url("gehost", bench.SEED) != benchdb.url("groot", bench.SEED)
    assert "thuiszitters/testdata.py" in benchdb.GENERATOREN
