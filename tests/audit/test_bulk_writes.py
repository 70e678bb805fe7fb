"""Bulk writes on tracked tables stay linear (issue 8 point 7) and keep a complete, append-only history.

The timing itself is measured by `make bench` (scripts/bench.py, docs/benchmarks.md); a timing
assertion on a shared test machine would be flaky. These tests pin the cause instead: no trigger
function that runs per tracked row may raise and roll back a subtransaction while the settings it
reads are unset, plus the history a bulk write leaves.
"""

import pghistory
import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from partners.models import Persoon
from swv.audit.models import PersoonEvent

pytestmark = pytest.mark.django_db


def _function_source(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT prosrc FROM pg_proc WHERE proname = %s", [name])
        (source,) = cursor.fetchone()
    return source


def test_the_context_function_reads_its_settings_without_an_exception_block():
    source = _function_source("_pgh_attach_context").upper()
    assert "EXCEPTION" not in source
    assert "CURRENT_SETTING('PGHISTORY.CONTEXT_ID', TRUE)" in source


def test_the_ignore_setting_of_pgtrigger_has_a_default_that_does_not_raise():
    # pgtrigger's own _pgtrigger_should_ignore() keeps its EXCEPTION block; it only costs a rollback
    # when CURRENT_SETTING('pgtrigger.ignore') raises, i.e. when the setting is unset.
    assert "EXCEPTION" in _function_source("_pgtrigger_should_ignore").upper()
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('pgtrigger.ignore', true)")
        assert cursor.fetchone()[0] == "{}"
        # and it still works as pgtrigger means it: after an ignore block the default is back
        cursor.execute("SELECT _pgtrigger_should_ignore('x')")
        assert cursor.fetchone()[0] is False


def test_our_trigger_functions_read_settings_with_missing_ok_and_no_exception_block():
    with connection.cursor() as cursor:
        cursor.execute("SELECT proname, prosrc FROM pg_proc WHERE proname LIKE 'ketenregie%%'")
        functions = dict(cursor.fetchall())
    assert {"ketenregie_audit_append_only", "ketenregie_context_guard", "ketenregie_audit_retention"} <= set(
        functions
    )
    for name, source in functions.items():
        assert "EXCEPTION WHEN" not in source.upper(), name
        for call in source.lower().split("current_setting(")[1:]:
            assert call.split(")")[0].replace(" ", "").endswith(",true"), (name, call[:60])


def test_a_bulk_write_leaves_one_event_per_row_with_its_context_and_the_history_stays_append_only(swv):
    with transaction.atomic(), pghistory.context(bron="bulktest"):
        for batch in range(3):
            Persoon.objects.bulk_create(
                Persoon(swv=swv, voornaam=f"Bulk{batch}", achternaam=f"Persoon {i}") for i in range(200)
            )

    personen = Persoon.objects.filter(swv=swv, voornaam__startswith="Bulk")
    events = PersoonEvent.objects.filter(pgh_obj_id__in=personen.values("pk"))
    assert personen.count() == 600
    assert events.count() == 600
    assert set(events.values_list("pgh_label", flat=True)) == {"create"}
    assert events.values("pgh_obj_id").distinct().count() == 600
    assert set(events.values_list("pgh_context__metadata__bron", flat=True)) == {"bulktest"}
    assert events.values("pgh_context_id").distinct().count() == 1

    with pytest.raises(DatabaseError, match="alleen-toevoegen"), transaction.atomic():
        events.update(achternaam="vervalst")
    with pytest.raises(DatabaseError, match="alleen-toevoegen"), transaction.atomic():
        events.delete()
    assert events.count() == 600
    assert not PersoonEvent.objects.filter(achternaam="vervalst").exists()


def test_a_bulk_write_outside_any_context_still_has_its_history_without_context(swv):
    Persoon.objects.bulk_create(Persoon(swv=swv, voornaam="Los", achternaam=str(i)) for i in range(50))

    losse = PersoonEvent.objects.filter(voornaam="Los")
    assert losse.count() == 50
    assert set(losse.values_list("pgh_context_id", flat=True)) == {None}
