"""The OOGO's objects for the access matrix (tests/test_access_matrix.py, docs/access.md).

The meeting of the SWV has the bestuurder's gemeente among its gemeenten, so the bestuurder sees it (and
its items and actions) and may not change it; the meeting elsewhere belongs to another SWV."""

import datetime

from django.utils import timezone

from oogo import services
from tests.factories import OrganisatieFactory, PersoonFactory


def _wereld(swv, gemeente) -> dict[str, object]:
    begin = timezone.make_aware(datetime.datetime(2026, 10, 1, 14))
    overleg = services.overleg_plannen(
        swv=swv,
        by=None,
        soort="oogo_bestuurlijk",
        titel="OOGO najaar",
        begin=begin,
        einde=begin + datetime.timedelta(hours=2),
        gemeenten=[gemeente],
        genodigden=[PersoonFactory(swv=swv)],  # so the attendance form has a field an empty POST leaves out
    )
    punt = services.agendapunt_toevoegen(
        overleg=overleg, by=None, titel="Leerlingenvervoer", thema="leerlingenvervoer"
    )
    actie = services.actiepunt_toevoegen(
        overleg=overleg,
        by=None,
        omschrijving="Notitie vervoer",
        eigenaar=PersoonFactory(swv=swv),
        deadline=datetime.date(2026, 11, 1),
    )
    # --- part oogo-paginas: the ontwikkelagenda, the plan cycle and a geschil about a second item ---
    doel = services.ontwikkeldoel_maken(
        swv=swv,
        by=None,
        thema="jeugdhulp",
        ambitie="Jeugdhulp in de school",
        doel="Eén loket",
        van_jaar=2026,
        tot_jaar=2028,
    )
    plan = services.ondersteuningsplan_maken(
        swv=swv,
        by=None,
        titel="Ondersteuningsplan 2027-2031",
        periode_van=datetime.date(2027, 8, 1),
        periode_tot=datetime.date(2031, 7, 31),
    )
    betwist = services.agendapunt_toevoegen(
        overleg=overleg, by=None, titel="Vervoer", thema="leerlingenvervoer"
    )
    services.agendapunt_status_zetten(agendapunt=betwist, by=None, status="geagendeerd")
    services.agendapunt_status_zetten(
        agendapunt=betwist, by=None, status="geen_overeenstemming", uitkomst="Geen akkoord over de kosten"
    )
    geschil = services.geschil_voorleggen(
        agendapunt=betwist,
        by=None,
        gemeente=gemeente,
        ingediend_door="swv",
        ingediend_op=datetime.date(2026, 10, 5),
    )
    return {
        "overleg": overleg,
        "agendapunt": punt,
        "actiepunt": actie,
        "ontwikkeldoel": doel,
        "ondersteuningsplan": plan,
        "geschil": geschil,
    }


def _gehouden(swv, gemeente):
    """A held meeting with one invited person with an e-mail address (part oogo-pdf)."""
    begin = timezone.make_aware(datetime.datetime(2026, 9, 1, 14))
    overleg = services.overleg_plannen(
        swv=swv,
        by=None,
        soort="overstaptafel",
        titel="Overstaptafel september",
        begin=begin,
        einde=begin + datetime.timedelta(hours=2),
        gemeenten=[gemeente],
        genodigden=[PersoonFactory(swv=swv)],
    )
    return services.overleg_status_zetten(overleg=overleg, by=None, status="gehouden")


def _document(punt):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from oogo.services_documenten import document_toevoegen

    pdf = SimpleUploadedFile("nota.pdf", b"%PDF-1.7\n%%EOF\n", content_type="application/pdf")
    return document_toevoegen(agendapunt=punt, by=None, titel="Nota", soort="nota", bestand=pdf)


def objects(*, swv, elders, users) -> dict[str, tuple[object, object]]:
    gemeente = users["bestuurder"].lidmaatschappen.get().organisatie
    eigen = _wereld(swv, gemeente)
    ander_gemeente = OrganisatieFactory(swv=elders, gemeente=True)
    ander = _wereld(elders, ander_gemeente)
    pair = {key: (eigen[key], ander[key]) for key in eigen}
    # --- part oogo-pdf: the minutes routes need a held meeting (of another kind: holding it carries
    # nothing into the meeting above) ---
    pair["gehouden"] = (_gehouden(swv, gemeente), _gehouden(elders, ander_gemeente))
    # --- part oogo-documenten: a document with the item of each meeting (its file under MEDIA_ROOT) ---
    pair["document"] = (_document(pair["agendapunt"][0]), _document(pair["agendapunt"][1]))
    return {
        "/oogo/documenten/": pair["document"],
        "/oogo/<int:pk>/notulen": pair["gehouden"],
        "/api/v1/overleggen/": pair["overleg"],
        "/api/v1/agendapunten/": pair["agendapunt"],
        "/api/v1/actiepunten/": pair["actiepunt"],
        "/oogo/agendapunten/": pair["agendapunt"],
        "/oogo/actiepunten/": pair["actiepunt"],
        "/oogo/": pair["overleg"],
        # --- part oogo-paginas ---
        "/oogo/ontwikkelagenda/": pair["ontwikkeldoel"],
        "/oogo/ondersteuningsplan/": pair["ondersteuningsplan"],
        "/oogo/geschillen/": pair["geschil"],
    }
