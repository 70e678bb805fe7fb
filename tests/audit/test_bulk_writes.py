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


def test_the_ignore_setting_of_pgtrigger_has_a_default_and_its_function_no_exception_block():
    # pgtrigger's own _pgtrigger_should_ignore() entered an EXCEPTION block (a subtransaction) for every
    # tracked row; the platform's replacement reads the setting with missing_ok (issue 9).
    source = _function_source("_pgtrigger_should_ignore").upper()
    assert "EXCEPTION" not in source
    assert "CURRENT_SETTING('PGTRIGGER.IGNORE', TRUE)" in source
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('pgtrigger.ignore', true)")
        assert cursor.fetchone()[0] == "{}"
        cursor.execute("SELECT _pgtrigger_should_ignore('x')")
        assert cursor.fetchone()[0] is False


@pytest.mark.parametrize(
    ("setting", "ignored"),
    [("{}", False), ("", False), ("{x}", True), ("{y,x}", True), ("{y}", False), ('{"x"}', True)],
)
def test_the_ignore_function_still_ignores_exactly_the_triggers_named_in_the_setting(setting, ignored):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('pgtrigger.ignore', %s, true)", [setting])
        cursor.execute("SELECT _pgtrigger_should_ignore('x')")
        assert cursor.fetchone()[0] is ignored


def test_pgtrigger_ignore_still_skips_the_history_of_a_write(swv):
    import pgtrigger

    persoon = Persoon.objects.create(swv=swv, voornaam="Stil", achternaam="Genegeerd")
    with pgtrigger.ignore("audit.TrackedPersoon:update_update"):
        Persoon.objects.filter(pk=persoon.pk).update(achternaam="Anders")
    Persoon.objects.filter(pk=persoon.pk).update(achternaam="Gezien")

    labels = list(PersoonEvent.objects.filter(pgh_obj_id=persoon.pk).order_by("pgh_id"))
    assert [(e.pgh_label, e.achternaam) for e in labels] == [("create", "Genegeerd"), ("update", "Gezien")]


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


def test_each_context_of_a_transaction_gets_its_own_row_though_it_is_upserted_once(swv):
    from pghistory.models import Context

    with transaction.atomic():
        with pghistory.context(bron="eerste"):
            Persoon.objects.bulk_create(
                Persoon(swv=swv, voornaam="Een", achternaam=str(i)) for i in range(20)
            )
            Persoon.objects.create(swv=swv, voornaam="Een", achternaam="na")
        with pghistory.context(bron="tweede"):
            Persoon.objects.create(swv=swv, voornaam="Twee", achternaam="x")

    eerste = PersoonEvent.objects.filter(voornaam="Een").values_list("pgh_context_id", flat=True).distinct()
    assert len(eerste) == 1
    assert Context.objects.get(pk=eerste[0]).metadata == {"bron": "eerste"}
    tweede = PersoonEvent.objects.get(voornaam="Twee")
    assert tweede.pgh_context_id not in eerste
    assert Context.objects.get(pk=tweede.pgh_context_id).metadata == {"bron": "tweede"}


def test_a_context_row_undone_with_its_savepoint_is_written_again(swv):
    from pghistory.models import Context

    with transaction.atomic(), pghistory.context(bron="terug"):
        try:
            with transaction.atomic():
                Persoon.objects.create(swv=swv, voornaam="Weg", achternaam="x")
                raise RuntimeError
        except RuntimeError:
            pass
        Persoon.objects.create(swv=swv, voornaam="Blijft", achternaam="x")

    event = PersoonEvent.objects.get(voornaam="Blijft")
    assert Context.objects.get(pk=event.pgh_context_id).metadata == {"bron": "terug"}
    assert not PersoonEvent.objects.filter(voornaam="Weg").exists()


def test_a_bulk_write_outside_any_context_still_has_its_history_without_context(swv):
    Persoon.objects.bulk_create(Persoon(swv=swv, voornaam="Los", achternaam=str(i)) for i in range(50))

    losse = PersoonEvent.objects.filter(voornaam="Los")
    assert losse.count() == 50
    assert set(losse.values_list("pgh_context_id", flat=True)) == {None}
