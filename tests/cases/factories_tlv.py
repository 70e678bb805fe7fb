"""TLVs for tests (part TLV): a request on a case of the users' school, with the two advices the law asks."""

import datetime

from cases.models import Tlv
from cases.services_tlv import advies_vastleggen, tlv_aanvragen
from swv.core.models import Lidmaatschap, Rol
from tests.cases.factories_plan import maak_casus
from tests.factories import PersoonFactory


def school_van(users):
    return Lidmaatschap.objects.get(user=users[Rol.ZORGCOORDINATOR]).organisatie


def maak_aanvraag(
    swv, users, *, soort: str = "so", cluster: int | None = 4, categorie: str = "midden"
) -> Tlv:
    casus = maak_casus(swv, school=school_van(users))
    return tlv_aanvragen(
        casus=casus,
        by=users[Rol.SWV_COORDINATOR],
        soort=soort,
        cluster=cluster if soort in ("so", "vso") else None,
        bekostigingscategorie=categorie if soort in ("so", "vso") else "",
        onderbouwing="Heeft structuur en kleine groepen nodig die de basisschool niet kan bieden.",
    )


def geef_adviezen(tlv: Tlv, users, *, datum=datetime.date(2026, 10, 1)) -> None:
    """The orthopedagoog (the SWV's deskundige user) and a maatschappelijk werker from the registry."""
    advies_vastleggen(
        tlv=tlv,
        by=users[Rol.SWV_DESKUNDIGE],
        discipline="orthopedagoog",
        datum=datum,
        uitkomst="positief",
        advies="Toelaatbaar tot het SO; de ondersteuningsbehoefte overstijgt de basisschool.",
    )
    advies_vastleggen(
        tlv=tlv,
        by=users[Rol.SWV_COORDINATOR],
        discipline="maatschappelijk_werker",
        datum=datum,
        uitkomst="positief",
        advies="Sluit aan bij de hulp thuis; positief.",
        deskundige_persoon=PersoonFactory(swv=tlv.swv),
    )
