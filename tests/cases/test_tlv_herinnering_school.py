"""The reminder before a TLV ends reaches the school too (issue 11): the school roles of the case's school see
it in "Mijn taken" and get it in the digest; another school does not; the casusregisseur keeps their own."""

import datetime

import pytest
from django.core import mail

from cases.deadlines import controleer_deadlines, verstuur_digest
from cases.models import Taak
from cases.services_tlv import tlv_besluiten
from swv.core.models import Lidmaatschap, Rol
from tests.cases.factories_tlv import geef_adviezen, maak_aanvraag
from tests.factories import OrganisatieFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def tlv(swv, users, settings):
    settings.TLV_HERINNERING_DAGEN = 120
    aanvraag = maak_aanvraag(swv, users)
    geef_adviezen(aanvraag, users, datum=D(2026, 8, 20))
    return tlv_besluiten(
        tlv=aanvraag,
        by=users[Rol.SWV_COORDINATOR],
        toekennen=True,
        motivering="Besluit.",
        besluitdatum=D(2026, 9, 1),
        ingangsdatum=D(2026, 9, 1),
    )


def test_the_school_team_sees_the_reminder_in_mijn_taken_and_another_school_does_not(
    tlv, users, client_for, swv
):
    assert tlv.einddatum == D(2028, 7, 31)
    controleer_deadlines(D(2028, 4, 1))
    assert not Taak.objects.filter(regel="tlv_verloopt_school").exists()
    controleer_deadlines(D(2028, 4, 2))
    controleer_deadlines(D(2028, 4, 2))  # a rerun adds nothing

    [taak] = Taak.objects.filter(regel="tlv_verloopt_school")
    assert (taak.organisatie_id, taak.gebruiker_id, taak.rol) == (tlv.casus.school_id, None, "")
    assert Taak.objects.filter(regel="tlv_verloopt", organisatie__isnull=True).count() == 1

    for rol in (Rol.ZORGCOORDINATOR, Rol.INTERN_BEGELEIDER, Rol.SCHOOLDIRECTEUR):
        pagina = client_for(users[rol]).get("/casussen/taken/").content.decode()
        assert f"Casus {tlv.casus_id}: de TLV van deze leerling eindigt binnenkort; overleg" in pagina

    # A school role of another school of the same SWV does not see it.
    lid = Lidmaatschap.objects.get(user=users[Rol.INTERN_BEGELEIDER])
    lid.organisatie = OrganisatieFactory(swv=swv, school=True)
    lid.save(update_fields=["organisatie"])
    pagina = client_for(users[Rol.INTERN_BEGELEIDER]).get("/casussen/taken/").content.decode()
    assert "overleg met het SWV" not in pagina


def test_the_digest_mails_the_school_team_once_without_the_pupils_name(tlv, users):
    controleer_deadlines(D(2028, 4, 2))
    for rol in (Rol.ZORGCOORDINATOR, Rol.INTERN_BEGELEIDER, Rol.SCHOOLDIRECTEUR):
        users[rol].email = f"{rol}@school.example"
        users[rol].save(update_fields=["email"])

    verstuur_digest()
    aan_school = [m for m in mail.outbox if m.to[0].endswith("@school.example")]
    assert sorted(m.to[0] for m in aan_school) == sorted(
        f"{rol}@school.example" for rol in (Rol.ZORGCOORDINATOR, Rol.INTERN_BEGELEIDER, Rol.SCHOOLDIRECTEUR)
    )
    assert all("overleg met het SWV" in m.body for m in aan_school)
    leerling = tlv.leerling
    assert all(leerling.achternaam not in m.body for m in aan_school)

    mail.outbox.clear()
    verstuur_digest()
    assert [m for m in mail.outbox if m.to[0].endswith("@school.example")] == []
