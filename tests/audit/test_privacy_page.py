"""The privacy officer's page: who may open it, filters, merged reads and writes, CSV, flat query counts."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from cases.services import leerling_update
from swv.audit.models import AuditEvent
from swv.audit.services import audit_log
from swv.core.models import Rol
from tests.factories import LeerlingFactory

PAGINA = reverse("audit:timeline")
EXPORT = reverse("audit:export")


@pytest.mark.parametrize("rol", [Rol.SWV_COORDINATOR, Rol.BEHEERDER])
def test_coordinator_and_beheerder_may_open_the_privacy_log(rol, users, leerlingen, client_for):
    client_for(users[Rol.INTERN_BEGELEIDER]).get(reverse("cases:leerling_detail", args=[leerlingen.eigen.pk]))

    response = client_for(users[rol]).get(PAGINA, {"leerling": leerlingen.eigen.pk, "actie": "read"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Privacy-log" in html
    # The intern begeleider's opening of the pupil, with who and which pupil.
    assert users[Rol.INTERN_BEGELEIDER].username in html
    assert escape(str(leerlingen.eigen)) in html


@pytest.mark.parametrize(
    "rol",
    [r for r in Rol if r not in (Rol.SWV_COORDINATOR, Rol.BEHEERDER)],
)
def test_other_roles_get_403_on_the_privacy_log_and_its_export(rol, users, client_for):
    client = client_for(users[rol])
    assert client.get(PAGINA).status_code == 403
    assert client.get(EXPORT).status_code == 403


def test_a_superuser_without_a_membership_gets_403_not_a_server_error(db, client_for):
    # Django's ModelBackend grants a superuser every permission, audit.bekijken too, but the log is
    # per SWV: without an acting membership there is no SWV to show (found by mypy: swv_id of None).
    from tests.factories import UserFactory

    superuser = UserFactory(username="noodbeheer", is_superuser=True, is_staff=True)
    client = client_for(superuser)
    assert client.get(PAGINA).status_code == 403
    assert client.get(EXPORT).status_code == 403
    assert client.post(PAGINA, {"bsn": "111222333"}).status_code == 403


def test_the_log_shows_reads_denials_and_writes_of_one_pupil_in_time_order(users, leerlingen, client_for):
    leerling = leerlingen.eigen
    client_for(users[Rol.INTERN_BEGELEIDER]).get(reverse("cases:leerling_detail", args=[leerling.pk]))
    leerling_update(leerling=leerling, by=users[Rol.INTERN_BEGELEIDER], voornaam="Gewijzigd")
    client_for(users[Rol.LEERPLICHTAMBTENAAR]).get(
        reverse("cases:leerling_detail", args=[leerlingen.andere_school.pk])
    )

    response = client_for(users[Rol.SWV_COORDINATOR]).get(PAGINA, {"leerling": leerling.pk})

    rows = list(response.context["page"].object_list)
    # Newest first: the officer's own lookup, the update, the read, the create.
    assert [(r.kind, r.action) for r in rows] == [
        ("log", "read"),
        ("write", "update"),
        ("log", "read"),
        ("write", "create"),
    ]
    update = rows[1]
    assert ("Voornaam", update.changes[0][1], "Gewijzigd") in update.changes
    assert update.actor_username == users[Rol.INTERN_BEGELEIDER].username
    assert all(leerling.bsn not in str(r.changes) for r in rows)


def test_denied_attempts_on_a_pupil_show_up(users, leerlingen, client_for):
    client_for(users[Rol.ZORGCOORDINATOR]).get(
        reverse("cases:leerling_detail", args=[leerlingen.andere_school.pk])
    )

    response = client_for(users[Rol.SWV_COORDINATOR]).get(
        PAGINA, {"actie": "read", "gebruiker": users[Rol.ZORGCOORDINATOR].username}
    )

    [row] = response.context["page"].object_list
    assert row.result == "denied"
    assert row.leerling_id == leerlingen.andere_school.pk


def test_the_officer_sees_only_their_own_swv(users, leerlingen, client_for):
    client_for(users["outsider"]).get(reverse("cases:leerling_detail", args=[leerlingen.ander_swv.pk]))

    response = client_for(users[Rol.SWV_COORDINATOR]).get(PAGINA, {"actie": "read"})

    # Only the officer's own opening of the log (itself audited), not the other SWV's read.
    rows = list(response.context["page"].object_list)
    assert [(r.object_type, r.leerling_id) for r in rows] == [("audit.timeline", None)]


def test_date_filter_excludes_other_days(users, leerlingen, client_for):
    response = client_for(users[Rol.SWV_COORDINATOR]).get(PAGINA, {"van": "2000-01-01", "tot": "2000-01-02"})

    assert response.context["page"].paginator.count == 0


def test_bsn_search_on_the_privacy_page_redirects_to_the_pupil_id_not_the_bsn(users, leerlingen, client_for):
    response = client_for(users[Rol.SWV_COORDINATOR]).post(PAGINA, {"bsn": leerlingen.eigen.bsn})

    assert response.status_code == 302
    assert response["Location"].endswith(f"?leerling={leerlingen.eigen.pk}")
    assert leerlingen.eigen.bsn not in response["Location"]


def test_csv_export_holds_the_filtered_rows_and_is_itself_audited(users, leerlingen, client_for):
    leerling_update(leerling=leerlingen.eigen, by=users[Rol.SWV_COORDINATOR], achternaam="Exportsma")
    leerling_update(leerling=leerlingen.andere_school, by=users[Rol.SWV_COORDINATOR], achternaam="Anders")

    response = client_for(users[Rol.SWV_COORDINATOR]).get(
        EXPORT, {"leerling": leerlingen.eigen.pk, "actie": "update"}
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body), delimiter=";"))
    assert len(rows) == 1
    assert "Exportsma" in rows[0]["wijzigingen"]
    assert leerlingen.eigen.bsn not in body
    export = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert export.leerling_id == leerlingen.eigen.pk
    assert export.actor == users[Rol.SWV_COORDINATOR]


def test_privacy_page_query_count_is_flat_at_1_10_and_40_rows(swv, users, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])
    counts = []
    # 40: the page (50 rows) also lists the officer's own earlier look-ups, which are reads too.
    for totaal in (1, 10, 40):
        while (i := AuditEvent.objects.filter(leerling__isnull=False).count()) < totaal:
            leerling = LeerlingFactory(swv=swv, achternaam=f"Telrij {i:03d}")
            audit_log(actor=users[Rol.SWV_COORDINATOR], action="read", obj=leerling, leerling=leerling)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(PAGINA, {"actie": "read"})
        # Each read is a row with its pupil's name.
        assert len(set(re.findall(r"Telrij \d{3}", response.content.decode()))) == totaal
        counts.append(len(ctx))
    assert counts[0] == counts[1] == counts[2], counts


def test_csv_export_writes_no_live_formula(swv, users, client_for):
    """An organisation named =HYPERLINK(...) came out of the export as a live formula (issue 7, point 4)."""
    leerling = LeerlingFactory(swv=swv)
    audit_log(
        actor=users[Rol.SWV_COORDINATOR],
        action="read",
        obj=leerling,
        leerling=leerling,
        reason='=HYPERLINK("https://evil.example","klik")',
    )

    response = client_for(users[Rol.SWV_COORDINATOR]).get(EXPORT)

    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body), delimiter=";"))
    redenen = [r["reden"] for r in rows]
    assert '\'=HYPERLINK("https://evil.example","klik")' in redenen
    assert not any(cel.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for cel in r.values())


def test_opening_the_unfiltered_privacy_log_is_itself_audited(users, client_for):
    client_for(users[Rol.SWV_COORDINATOR]).get(PAGINA)

    row = AuditEvent.objects.get(object_type="audit.timeline")
    assert (row.action, row.actor) == (AuditEvent.Action.READ, users[Rol.SWV_COORDINATOR])
    assert row.reason == "privacy-log geraadpleegd (ongefilterd)"


def test_the_log_reads_as_names_labels_and_display_values_not_columns_and_ids(swv, users, client_for):
    from tests.factories import LidmaatschapFactory, OrganisatieFactory, UserFactory

    nieuw = UserFactory(username="jdevries", first_name="Jet", last_name="de Vries")
    organisatie = OrganisatieFactory(swv=swv, naam="Bureau Noord")
    lidmaatschap = LidmaatschapFactory(
        swv=swv, user=nieuw, organisatie=organisatie, rol=Rol.SWV_MEDEWERKER, actief=True
    )
    coordinator = users[Rol.SWV_COORDINATOR]
    coordinator.first_name, coordinator.last_name = "Cor", "Dinator"
    coordinator.save()
    audit_log(actor=coordinator, action="read", obj=lidmaatschap)

    body = client_for(coordinator).get(PAGINA).content.decode()

    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))
    assert "core.lidmaatschap" not in body
    assert f"Lidmaatschap: {escape(str(lidmaatschap))}" in body
    assert "Rol: — → SWV-medewerker" in text
    assert "Actief: — → Ja" in text
    assert "Organisatie: — → Bureau Noord" in text
    assert "swv_id" not in body
    assert "Swv" not in text
    assert "Cor Dinator" in text  # who read it, by name
    assert "SWV-coördinator" in text  # the role's label, not swv_coordinator


def test_the_log_filters_on_part_of_a_person_s_name(users, leerlingen, client_for):
    zorg = users[Rol.ZORGCOORDINATOR]
    zorg.first_name, zorg.last_name = "Zora", "Zwaan"
    zorg.save()
    client_for(zorg).get(reverse("cases:leerling_detail", args=[leerlingen.andere_school.pk]))
    client_for(users[Rol.INTERN_BEGELEIDER]).get(reverse("cases:leerling_detail", args=[leerlingen.eigen.pk]))

    response = client_for(users[Rol.SWV_COORDINATOR]).get(PAGINA, {"actie": "read", "gebruiker": "zwaa"})

    assert [row.actor_naam for row in response.context["page"].object_list] == ["Zora Zwaan"]
    assert "Gebruiker (naam" in response.content.decode()
