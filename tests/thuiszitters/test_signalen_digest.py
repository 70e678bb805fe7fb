"""The daily digest of signals (issue 12, decision 56): each signal mailed once to the people it is for,
with a count and a link and no pupil data."""

import pytest
from django.core import mail

from swv.core.models import Lidmaatschap, Rol
from tests.factories import LidmaatschapFactory, UserFactory
from tests.thuiszitters.factories import SignaalFactory
from thuiszitters.digest_signaal import verstuur_signalen_digest
from thuiszitters.models import Signaal
from thuiszitters.tasks_signaal import signalen_digest

pytestmark = pytest.mark.django_db


def ontvangers() -> dict[str, str]:
    """e-mail address -> body, for the mails sent so far."""
    return {bericht.to[0]: bericht.body for bericht in mail.outbox}


@pytest.fixture
def signalen(leerlingen):
    return [
        SignaalFactory(leerling=leerlingen.eigen, voor_school=True),
        SignaalFactory(leerling=leerlingen.eigen, voor_school=False, voor_leerplicht=True),
        SignaalFactory(leerling=leerlingen.eigen, voor_school=False, voor_swv=True),
        SignaalFactory(leerling=leerlingen.andere_school, voor_school=True, voor_leerplicht=True),
    ]


def test_each_person_gets_one_mail_with_the_number_of_their_new_signals(users, signalen):
    assert verstuur_signalen_digest() == len(mail.outbox)

    post = ontvangers()
    for rol in (Rol.ZORGCOORDINATOR, Rol.INTERN_BEGELEIDER, Rol.SCHOOLDIRECTEUR):
        assert "Er is 1 nieuw verzuimsignaal" in post[users[rol].email]
    assert "Er is 1 nieuw verzuimsignaal" in post[users[Rol.LEERPLICHTAMBTENAAR].email]
    assert "Er is 1 nieuw verzuimsignaal" in post[users[Rol.SWV_COORDINATOR].email]
    # Signals for the SWV go to its coordinators; nothing for roles no signal is meant for.
    for rol in (Rol.SWV_DESKUNDIGE, Rol.SWV_MEDEWERKER, Rol.KETENPARTNER, Rol.BESTUURDER, Rol.BEHEERDER):
        assert users[rol].email not in post
    assert users["outsider"].email not in post
    assert all("/thuiszitters/signalen/" in body for body in post.values())
    # The kind of signal by the rule's Dutch label, not its code.
    assert all("- Meldplicht: 16 uur in 4 lesweken: 1" in body for body in post.values())
    assert not any("meldplicht_16_uur" in body for body in post.values())
    assert Signaal.objects.filter(gemaild_op__isnull=True).count() == 0


def test_a_rerun_sends_nothing_and_a_new_signal_is_mailed_once(users, signalen, leerlingen):
    verstuur_signalen_digest()
    eerst = len(mail.outbox)

    assert verstuur_signalen_digest() == 0
    assert len(mail.outbox) == eerst

    SignaalFactory(leerling=leerlingen.eigen, voor_school=True)
    assert signalen_digest() == 3  # the task: the three school roles of the pupil's school
    assert signalen_digest() == 0


def test_the_mail_has_no_bsn_and_no_pupil_name(users, signalen, leerlingen):
    verstuur_signalen_digest()

    assert mail.outbox
    for bericht in mail.outbox:
        tekst = bericht.subject + bericht.body
        for leerling in (leerlingen.eigen, leerlingen.andere_school):
            assert leerling.bsn not in tekst
            assert leerling.achternaam not in tekst
            assert leerling.voornaam not in tekst


def test_a_closed_signal_is_not_mailed_and_a_leerplicht_team_of_another_gemeente_gets_nothing(
    users, leerlingen, swv
):
    SignaalFactory(leerling=leerlingen.eigen, status="gesloten")
    SignaalFactory(leerling=leerlingen.andere_school, voor_school=False, voor_leerplicht=True)

    assert verstuur_signalen_digest() == 0
    assert mail.outbox == []


def test_inactive_memberships_and_people_without_an_address_get_nothing(users, leerlingen):
    Lidmaatschap.objects.filter(user=users[Rol.ZORGCOORDINATOR]).update(actief=False)
    users[Rol.INTERN_BEGELEIDER].email = ""
    users[Rol.INTERN_BEGELEIDER].save(update_fields=["email"])
    SignaalFactory(leerling=leerlingen.eigen, voor_school=True)

    verstuur_signalen_digest()

    assert set(ontvangers()) == {users[Rol.SCHOOLDIRECTEUR].email}


def test_several_signals_are_one_mail_per_person(users, leerlingen):
    for _ in range(3):
        SignaalFactory(leerling=leerlingen.eigen, voor_school=False, voor_leerplicht=True)
    tweede = UserFactory()
    leerplicht = Lidmaatschap.objects.get(user=users[Rol.LEERPLICHTAMBTENAAR]).organisatie
    LidmaatschapFactory(swv=leerplicht.swv, user=tweede, organisatie=leerplicht, rol=Rol.LEERPLICHTAMBTENAAR)

    assert verstuur_signalen_digest() == 2
    assert "Er zijn 3 nieuwe verzuimsignalen" in ontvangers()[tweede.email]


def test_the_digest_is_in_the_beat_schedule(settings):
    taken = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "thuiszitters.tasks_signaal.signalen_digest" in taken
