"""The audit knows the apps only through what they register (swv/audit/registry.py)."""

import pytest
from django.db import connection

from cases.models import LeerlingEvent
from partners.models import OrganisatieEvent, PersoonEvent
from swv.audit import registry
from swv.audit.models import EVENT_MODELS, LidmaatschapEvent
from swv.audit.privileges import append_only_tables


def test_the_apps_register_their_tracked_models_and_pupils_from_their_appconfig():
    entries = {entry.object_type: entry for entry in registry.tracked()}
    assert entries["cases.leerling"].event_model is LeerlingEvent
    assert entries["cases.leerling"].pupil_column == "pgh_obj_id"
    assert entries["cases.leerling"].purge is not None
    assert entries["partners.organisatie"].event_model is OrganisatieEvent
    assert entries["partners.persoon"].pupil_column is None
    assert entries["core.lidmaatschap"].event_model is LidmaatschapEvent
    # 9 platform/partners/pupil tables + 8 case tables (issue 10) + 2 (issue 11, arrangementen and documenten)
    # + 3 (issue 11, TLV: tlv, advies, bezwaar) + 2 (issue 11: betrokkenheid, overdracht) + 3 verzuim (issue 12)
    # + 8 OOGO (issue 13: overleg, agendapunt, besluit, actiepunt, ontwikkeldoel, voortgang, plan, geschil)
    # + 1 (issue 12, part paginas: MeldingNotitie)
    # + 1 (issue 13, part oogo-cijfers: Datapakket)
    # + 1 (issue 13, part oogo-documenten: AgendapuntDocument)
    assert len(entries) == 38
    assert entries["cases.casus"].pupil_column == "leerling_id"
    assert {key: entry.event_model for key, entry in entries.items()} == EVENT_MODELS
    assert registry.pupils().table == "cases_leerling"
    # issue 11: the documents of anonymised pupils go after the pupils (cases.retention.documenten_opruimen)
    assert [hook.__module__ for hook in registry.retention_hooks()] == ["cases.retention", "cases.retention"]


def test_the_moved_declarations_keep_their_tables():
    # Declared in the owning app, but the tables, triggers and migrations are the ones of before.
    assert LeerlingEvent._meta.app_label == "audit"
    assert LeerlingEvent._meta.db_table == "audit_leerlingevent"
    assert PersoonEvent._meta.db_table == "audit_persoonevent"


@pytest.mark.django_db
def test_every_registered_event_table_is_append_only_after_migrate():
    tables = {entry.table for entry in registry.tracked()}
    assert tables <= set(append_only_tables())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = c.relname || '_append_only' AND t.tgfoid = 'ketenregie_audit_append_only'::regproc"
        )
        protected = {name for (name,) in cursor.fetchall()}
    assert tables <= protected


@pytest.mark.django_db
def test_the_privacy_log_sql_names_each_registered_table_and_no_other():
    from swv.audit.selectors import TimelineFilter, _sql

    sql, _params = _sql(TimelineFilter(swv_id=1))
    for entry in registry.tracked():
        assert f"FROM {entry.table} e" in sql
    assert sql.count("'::text AS object_type") == len(registry.tracked())
