"""Who sees which monitor figures (decision 57): leerplicht and a wethouder their own gemeente only, a
bestuurder aggregates and never a pupil; the exports (CSV/XLSX) parsed back, suppressed and audited."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from swv.audit.models import AuditEvent
from swv.core.models import Lidmaatschap, Rol
from tests.factories import LeerlingFactory, LidmaatschapFactory, OrganisatieFactory, UserFactory
from tests.thuiszitters.factories import ThuiszitterFactory
from thuiszitters.selectors_monitor import KOLOMMEN

D = datetime.date
URL = "/thuiszitters/monitor/"
EXPORT = "/thuiszitters/monitor/export/"
JAAR = {"schooljaar": "2025", "peildatum": "2026-07-31"}


@pytest.fixture
def data(swv, users):
    """Gemeente A (Aadorp, 7 new, at school X) and B (Beekdal, 6 new, at school Y). Leerplicht works for
    B; the wethouder (bestuurder fixture user) is of gemeente B itself."""
    a = OrganisatieFactory(swv=swv, gemeente=True, naam="Gemeente Aadorp", code="0901")
    b = Lidmaatschap.objects.get(user=users[Rol.BESTUURDER.value]).organisatie
    b.naam = "Gemeente Beekdal"
    b.save(update_fields=["naam"])
    leerplicht = Lidmaatschap.objects.get(user=users[Rol.LEERPLICHTAMBTENAAR.value]).organisatie
    leerplicht.gemeente = b
    leerplicht.save(update_fields=["gemeente"])
    x = OrganisatieFactory(swv=swv, school=True, naam="Basisschool Xenia")
    y = OrganisatieFactory(swv=swv, school=True, naam="Basisschool Ypsilon")
    leerlingen = []
    for gemeente, school, aantal in ((a, x, 7), (b, y, 6)):
        for i in range(aantal):
            leerling = LeerlingFactory(
                swv=swv, school=school, woongemeente=gemeente, achternaam=f"Zichtbaar{i}"
            )
            leerlingen.append(leerling)
            ThuiszitterFactory(
                leerling=leerling,
                school=school,
                gemeente=gemeente,
                startdatum=D(2025, 9, 1) + datetime.timedelta(i),
            )
    return {"a": a, "b": b, "x": x, "y": y, "leerlingen": leerlingen}


def _body(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_swv_coordinator_sees_every_gemeente_and_school(data, users, client_for):
    body = _body(client_for(users["swv_coordinator"]).get(URL, JAAR))

    assert "Gemeente Aadorp" in body
    assert "Gemeente Beekdal" in body
    assert "Basisschool Xenia" in body
    assert "Basisschool Ypsilon" in body
    assert 'data-maat="nieuw">13<' in body


def test_leerplicht_of_gemeente_b_cannot_see_gemeente_a(data, users, client_for):
    client = client_for(users["leerplichtambtenaar"])

    body = _body(client.get(URL, JAAR))
    assert "Gemeente Aadorp" not in body
    assert "Basisschool Xenia" not in body
    assert 'data-maat="nieuw">6<' in body

    # Asking for gemeente A by its id is refused by the form and shows no figures of A.
    body = _body(client.get(URL, {**JAAR, "gemeente": data["a"].pk}))
    assert "Gemeente Aadorp" not in body
    assert "Basisschool Xenia" not in body
    assert 'data-maat="nieuw">7<' not in body

    response = client.get(EXPORT, {**JAAR, "gemeente": data["a"].pk, "soort": "inspectie", "formaat": "csv"})
    assert response.status_code == 400


def test_wethouder_sees_their_own_gemeente_only_and_no_pupil(data, users, client_for):
    body = _body(client_for(users["bestuurder"]).get(URL, JAAR))

    assert "Gemeente Beekdal" in body
    assert "Gemeente Aadorp" not in body
    assert "Basisschool Xenia" not in body
    assert 'data-maat="nieuw">6<' in body
    assert not any(leerling.achternaam in body for leerling in data["leerlingen"])


def test_bestuurder_of_a_schoolbestuur_sees_gemeenten_but_no_school_and_no_pupil(data, swv, client_for):
    bestuurder = UserFactory(username="bestuurder_stichting")
    LidmaatschapFactory(
        swv=swv, user=bestuurder, organisatie=OrganisatieFactory(swv=swv, bestuur=True), rol=Rol.BESTUURDER
    )

    body = _body(client_for(bestuurder).get(URL, JAAR))

    assert "Gemeente Aadorp" in body
    assert "Gemeente Beekdal" in body
    assert 'data-testid="monitor-per-school"' not in body
    assert "Basisschool Xenia" not in body
    assert not any(leerling.achternaam in body for leerling in data["leerlingen"])


@pytest.mark.parametrize(
    "rol", ["zorgcoordinator", "intern_begeleider", "schooldirecteur", "ketenpartner", "beheerder"]
)
def test_other_roles_are_refused(data, users, client_for, rol):
    client = client_for(users[rol])

    assert client.get(URL).status_code == 403
    assert client.get(EXPORT, {"soort": "inspectie", "formaat": "csv"}).status_code == 403


def test_leerplicht_without_a_gemeente_gets_a_message_not_figures(users, client_for):
    body = _body(client_for(users["leerplichtambtenaar"]).get(URL))

    assert 'data-testid="monitor-geen-gemeente"' in body
    assert 'data-testid="monitor-totaal"' not in body


def test_page_loads_chartjs_and_its_data_without_inline_script(data, users, client_for):
    body = _body(client_for(users["swv_coordinator"]).get(URL, JAAR))

    assert "vendor/chartjs/chart.umd.min.js" in body
    assert "js/monitor.js" in body
    assert '<script id="monitor-trend-data" type="application/json">' in body
    assert 'data-testid="monitor-trend"' in body  # the same figures as a table


def test_a_peildatum_outside_the_school_year_is_a_dutch_form_error(data, users, client_for):
    body = _body(
        client_for(users["swv_coordinator"]).get(URL, {"schooljaar": "2025", "peildatum": "2025-07-31"})
    )

    assert "Selecteer een geldige keuze" in body or "valt niet in het gekozen schooljaar" in body
    assert 'data-testid="monitor-totaal"' not in body


def _csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


HEADER = ["Schooljaar", "Peildatum", "Gemeentecode", "Gemeente", *(str(label) for _k, label in KOLOMMEN)]


def test_inspectie_csv_has_the_columns_and_figures_per_gemeente(data, users, client_for):
    response = client_for(users["swv_coordinator"]).get(
        EXPORT, {**JAAR, "soort": "inspectie", "formaat": "csv"}
    )

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    rows = _csv(response)
    assert rows[0] == HEADER
    by_name = {row[3]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert set(by_name) == {"Gemeente Aadorp", "Gemeente Beekdal", "Totaal"}
    assert by_name["Gemeente Aadorp"]["Nieuwe thuiszitters"] == "7"
    assert by_name["Gemeente Aadorp"]["Gemeentecode"] == "0901"
    assert by_name["Gemeente Beekdal"]["Nieuwe thuiszitters"] == "6"
    assert by_name["Totaal"]["Nieuwe thuiszitters"] == "13"
    assert by_name["Totaal"]["Schooljaar"] == "2025-2026"
    assert by_name["Totaal"]["Peildatum"] == "2026-07-31"
    assert by_name["Totaal"]["Langer dan 3 maanden thuis"] == "13"


def test_inspectie_xlsx_hides_small_counts_too(data, users, client_for):
    # Make gemeente A's "beëindigd" 2: a small count, which must be "<5" in the file as on the page.
    for t in data["a"].thuiszitters_in_gemeente.all()[:2]:
        t.einddatum, t.reden_einde = D(2026, 3, 1), "terug_naar_school"
        t.save(update_fields=["einddatum", "reden_einde"])

    response = client_for(users["swv_coordinator"]).get(
        EXPORT, {**JAAR, "soort": "inspectie", "formaat": "xlsx"}
    )

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADER
    by_name = {row[3]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert by_name["Gemeente Aadorp"]["Nieuwe thuiszitters"] == 7
    assert by_name["Gemeente Aadorp"]["Beëindigd (opgelost)"] == "<5"
    assert by_name["Totaal"]["Beëindigd (opgelost)"] == "<5"
    assert by_name["Gemeente Beekdal"]["Beëindigd (opgelost)"] == 0


def test_year_overview_for_b_and_w_is_the_previous_school_year_per_gemeente(
    data, users, client_for, monkeypatch
):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: D(2026, 9, 15))
    response = client_for(users["bestuurder"]).get(EXPORT, {"soort": "jaaroverzicht", "formaat": "csv"})

    assert response.status_code == 200
    rows = _csv(response)
    assert rows[0] == ["Onderdeel", "Gemeente Beekdal", "Totaal"]
    by_label = {row[0]: row[1:] for row in rows[1:]}
    assert by_label["Schooljaar"] == ["2025-2026", "2025-2026"]
    assert by_label["Peildatum"] == ["2026-07-31", "2026-07-31"]
    assert by_label["Nieuwe thuiszitters"] == ["6", "6"]
    assert by_label["Vrijstellingen totaal"] == ["0", "0"]


def test_every_export_is_audited_without_pupil(data, users, client_for):
    client_for(users["leerplichtambtenaar"]).get(EXPORT, {**JAAR, "soort": "inspectie", "formaat": "xlsx"})

    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT, object_type="thuiszitters.monitor")
    assert event.actor == users["leerplichtambtenaar"]
    assert event.leerling_id is None
    assert event.object_id == str(data["b"].pk)
    assert "inspectie xlsx 2025-2026" in event.reason


def test_unknown_export_format_is_a_400(data, users, client_for):
    assert client_for(users["swv_coordinator"]).get(EXPORT, {"formaat": "pdf"}).status_code == 400
