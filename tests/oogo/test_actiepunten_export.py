"""The action list as CSV and XLSX: the same rows as the page, the agreed columns, no live formulas."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from oogo import services
from oogo.models import Actiepunt
from oogo.workflow import ActiepuntStatus
from swv.audit.models import AuditEvent
from tests.factories import OrganisatieFactory, PersoonFactory, SleutelfiguurFactory
from tests.oogo.factories import bestuurder_gemeente, overleg

pytestmark = pytest.mark.django_db

KOP = [
    "Omschrijving",
    "Overleg",
    "Agendapunt",
    "Eigenaar",
    "Organisatie",
    "Deadline",
    "Status",
    "Te laat",
    "Gereed op",
]


def _csv(antwoord) -> list[list[str]]:
    tekst = b"".join(antwoord.streaming_content).decode("utf-8")
    assert tekst.startswith("\ufeff")
    return list(csv.reader(io.StringIO(tekst.lstrip("\ufeff")), delimiter=";"))


def _xlsx(antwoord) -> list[list]:
    boek = openpyxl.load_workbook(io.BytesIO(b"".join(antwoord.streaming_content)))
    return [list(rij) for rij in boek.active.iter_rows(values_only=True)]


@pytest.fixture
def acties(swv, users):
    """Two actions in a meeting of the bestuurder's gemeente (one overdue), one in another gemeente's."""
    vandaag = timezone.localdate()
    eigen = overleg(swv, gemeenten=[bestuurder_gemeente(users["bestuurder"])], titel="OOGO Eigenstad")
    ander = overleg(swv, gemeenten=[OrganisatieFactory(swv=swv, gemeente=True)], titel="OOGO Anderdorp")
    rol = SleutelfiguurFactory(swv=swv, organisatie=OrganisatieFactory(swv=swv, naam="Gemeente Eigenstad"))
    punt = services.agendapunt_toevoegen(overleg=eigen, by=None, titel="Vervoer", thema="leerlingenvervoer")
    te_laat = services.actiepunt_toevoegen(
        overleg=eigen,
        by=None,
        omschrijving="Notitie vervoer",
        eigenaar=rol.persoon,
        deadline=vandaag - datetime.timedelta(days=3),
        agendapunt=punt,
    )
    op_tijd = services.actiepunt_toevoegen(
        overleg=eigen,
        by=None,
        omschrijving='=HYPERLINK("https://evil.example","klik")',
        eigenaar=PersoonFactory(swv=swv, voornaam="Piet", achternaam="Plan"),
        deadline=vandaag + datetime.timedelta(days=10),
    )
    geheim = services.actiepunt_toevoegen(
        overleg=ander,
        by=None,
        omschrijving="Geheim anderdorp",
        eigenaar=PersoonFactory(swv=swv),
        deadline=vandaag + datetime.timedelta(days=5),
    )
    gereed = services.actiepunt_toevoegen(
        overleg=eigen, by=None, omschrijving="Al klaar", eigenaar=rol.persoon, deadline=vandaag
    )
    services.actiepunt_status_zetten(actiepunt=gereed, by=None, status=ActiepuntStatus.GEREED)
    return {"te_laat": te_laat, "op_tijd": op_tijd, "geheim": geheim, "gereed": gereed, "rol": rol}


def test_the_csv_has_the_agreed_columns_and_the_rows_of_the_page(acties, users, client_for):
    client = client_for(users["swv_coordinator"])
    pagina = client.get("/oogo/actiepunten/").content.decode()
    assert 'href="/oogo/actiepunten/export.csv"' in pagina
    assert 'href="/oogo/actiepunten/export.xlsx"' in pagina

    antwoord = client.get("/oogo/actiepunten/export.csv")

    assert antwoord["Content-Type"] == "text/csv; charset=utf-8"
    assert f"oogo-actiepunten-{timezone.localdate().isoformat()}.csv" in antwoord["Content-Disposition"]
    rijen = _csv(antwoord)
    assert rijen[0] == KOP
    # The page's rows, in its order (deadline): open actions only, the finished one not.
    assert [r[0] for r in rijen[1:]] == [
        "Notitie vervoer",
        "Geheim anderdorp",
        '\'=HYPERLINK("https://evil.example","klik")',
    ]
    te_laat = acties["te_laat"]
    assert rijen[1] == [
        "Notitie vervoer",
        str(te_laat.overleg),
        "Vervoer",
        acties["rol"].persoon.naam,
        "Gemeente Eigenstad",
        te_laat.deadline.isoformat(),
        "Open",
        "ja",
        "",
    ]
    assert rijen[2][7] == "nee"
    assert audit_export_gelogd()


def audit_export_gelogd() -> bool:
    return AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, object_type="oogo.actiepunt").exists()


def test_the_xlsx_has_the_same_rows_with_real_dates_and_the_overdue_filter(acties, users, client_for):
    client = client_for(users["swv_deskundige"])
    alle = _xlsx(client.get("/oogo/actiepunten/export.xlsx"))
    assert alle[0] == KOP
    assert len(alle) == 4
    assert alle[1][5] == datetime.datetime.combine(acties["te_laat"].deadline, datetime.time())

    pagina = client.get("/oogo/actiepunten/?te_laat=1").content.decode()
    assert 'href="/oogo/actiepunten/export.xlsx?te_laat=1"' in pagina
    alleen_te_laat = _xlsx(client.get("/oogo/actiepunten/export.xlsx?te_laat=1"))
    assert [r[0] for r in alleen_te_laat[1:]] == ["Notitie vervoer"]


def test_the_export_shows_exactly_what_the_page_shows_for_each_role(acties, users, client_for):
    for wie in ("swv_coordinator", "swv_medewerker", "bestuurder"):
        client = client_for(users[wie])
        pagina = client.get("/oogo/actiepunten/").content.decode()
        export = {r[0] for r in _xlsx(client.get("/oogo/actiepunten/export.xlsx"))[1:]}
        zichtbaar = {
            a.omschrijving for a in Actiepunt.objects.all() if a.omschrijving.replace('"', "&quot;") in pagina
        }
        assert {e.lstrip("'") for e in export} == zichtbaar, wie
    # The bestuurder: their gemeente's meeting only.
    bestuurder = {
        r[0] for r in _xlsx(client_for(users["bestuurder"]).get("/oogo/actiepunten/export.xlsx"))[1:]
    }
    assert "Geheim anderdorp" not in bestuurder
    assert "Notitie vervoer" in bestuurder
    # No module: refused, like the page.
    for wie in ("zorgcoordinator", "ketenpartner"):
        assert client_for(users[wie]).get("/oogo/actiepunten/export.csv").status_code == 403


def test_a_formula_in_a_cell_is_written_as_text(acties, users, client_for):
    client = client_for(users["swv_coordinator"])
    csv_rijen = b"".join(client.get("/oogo/actiepunten/export.csv").streaming_content).decode()
    assert "'=HYPERLINK(" in csv_rijen
    assert ";=HYPERLINK(" not in csv_rijen
    assert "\n=HYPERLINK(" not in csv_rijen
    xlsx = _xlsx(client.get("/oogo/actiepunten/export.xlsx"))
    cel = next(r[0] for r in xlsx if "HYPERLINK" in str(r[0]))
    assert cel == '\'=HYPERLINK("https://evil.example","klik")'
