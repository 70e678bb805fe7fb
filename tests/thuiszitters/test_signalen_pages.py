"""Signalen (issue 12): the user's list, Mijn taken, acknowledge and close with a note, on the pages."""

import datetime

import pytest

from swv.core.models import Rol
from tests.thuiszitters.factories import SignaalFactory
from thuiszitters.models import Signaal

pytestmark = pytest.mark.django_db

LIJST = "/thuiszitters/signalen/"
TAKEN = "/casussen/taken/"


@pytest.fixture
def signalen(leerlingen):
    """Signals about the school users' pupil (who lives in the leerplicht team's gemeente) for each kind of
    receiver, and the same for a pupil of another school in another gemeente."""
    maak = {
        "school": {"voor_school": True},
        "leerplicht": {"voor_school": False, "voor_leerplicht": True},
        "swv": {"voor_school": False, "voor_swv": True},
    }
    return {
        (wie, voor): SignaalFactory(
            leerling=getattr(leerlingen, wie),
            omschrijving=f"Signaal {wie} voor {voor}",
            vervalt_op=datetime.date(2026, 12, 10),
            **velden,
        )
        for wie in ("eigen", "andere_school")
        for voor, velden in maak.items()
    }


def tekst(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def getoond(pagina: str, signalen) -> set:
    return {sleutel for sleutel, s in signalen.items() if s.omschrijving in pagina}


@pytest.mark.parametrize("url", [LIJST, TAKEN])
@pytest.mark.parametrize("rol", [Rol.ZORGCOORDINATOR, Rol.INTERN_BEGELEIDER, Rol.SCHOOLDIRECTEUR])
def test_a_school_user_sees_only_the_school_signals_of_its_own_school(url, rol, users, client_for, signalen):
    assert getoond(tekst(client_for(users[rol]), url), signalen) == {("eigen", "school")}


@pytest.mark.parametrize("url", [LIJST, TAKEN])
def test_leerplicht_sees_only_the_leerplicht_signals_of_its_gemeente(url, users, client_for, signalen):
    pagina = tekst(client_for(users[Rol.LEERPLICHTAMBTENAAR]), url)
    assert getoond(pagina, signalen) == {("eigen", "leerplicht")}


@pytest.mark.parametrize("url", [LIJST, TAKEN])
def test_the_swv_sees_the_swv_signals_of_every_school(url, users, client_for, signalen):
    pagina = tekst(client_for(users[Rol.SWV_COORDINATOR]), url)
    assert getoond(pagina, signalen) == {("eigen", "swv"), ("andere_school", "swv")}


@pytest.mark.parametrize("rol", [Rol.KETENPARTNER, Rol.BESTUURDER, Rol.BEHEERDER])
def test_roles_no_signal_is_meant_for_get_403_on_the_list(rol, users, client_for, signalen):
    assert client_for(users[rol]).get(LIJST).status_code == 403


def test_the_list_puts_open_signals_first_by_deadline_and_filters(users, client_for, leerlingen):
    maak = lambda **kw: SignaalFactory(leerling=leerlingen.eigen, **kw)  # noqa: E731
    laat = maak(omschrijving="Laat open", vervalt_op=datetime.date(2026, 12, 20))
    vroeg = maak(omschrijving="Vroeg open", vervalt_op=datetime.date(2026, 12, 1))
    dicht = maak(omschrijving="Gesloten vroeg", vervalt_op=datetime.date(2026, 11, 1), status="gesloten")
    ander = maak(
        omschrijving="Andere regel", regel="vier_weken_afwezig", vervalt_op=datetime.date(2026, 12, 5)
    )
    client = client_for(users[Rol.ZORGCOORDINATOR])

    pagina = tekst(client, LIJST)
    volgorde = sorted([laat, vroeg, dicht, ander], key=lambda s: pagina.index(s.omschrijving))
    assert volgorde == [vroeg, ander, laat, dicht]
    assert getoond(tekst(client, LIJST + "?status=gesloten"), {"d": dicht, "v": vroeg}) == {"d"}
    assert getoond(tekst(client, LIJST + "?regel=vier_weken_afwezig"), {"a": ander, "v": vroeg}) == {"a"}


def test_the_rule_is_shown_by_its_dutch_label_never_its_code(users, client_for, signalen):
    """The list (column and filter), the detail and Mijn taken name the rule as controles.REGELS labels it."""
    signaal = signalen[("eigen", "school")]
    client = client_for(users[Rol.INTERN_BEGELEIDER])
    lijst = tekst(client, LIJST)
    assert '<td class="utrecht-table__cell">Meldplicht: 16 uur in 4 lesweken</td>' in lijst
    assert '<option value="meldplicht_16_uur">Meldplicht: 16 uur in 4 lesweken</option>' in lijst
    detail = tekst(client, f"{LIJST}{signaal.pk}/")
    assert "<dd>Meldplicht: 16 uur in 4 lesweken (" in detail
    taken = tekst(client, TAKEN)
    assert f"Signaal {signaal.pk} (Meldplicht: 16 uur in 4 lesweken): {signaal.omschrijving}" in taken
    for pagina in (lijst, detail, taken):
        assert ">meldplicht_16_uur<" not in pagina
        assert "meldplicht_16_uur)" not in pagina


def test_the_detail_shows_the_pupil_without_a_bsn_in_any_url(users, client_for, signalen, leerlingen):
    signaal = signalen[("eigen", "school")]
    client = client_for(users[Rol.INTERN_BEGELEIDER])
    lijst = tekst(client, LIJST)
    assert leerlingen.eigen.bsn not in lijst
    pagina = tekst(client, f"{LIJST}{signaal.pk}/")
    assert leerlingen.eigen.achternaam in pagina
    assert leerlingen.eigen.bsn not in pagina


def test_a_signal_for_someone_else_answers_404(users, client_for, signalen):
    client = client_for(users[Rol.ZORGCOORDINATOR])
    for sleutel in [("eigen", "leerplicht"), ("andere_school", "school")]:
        signaal = signalen[sleutel]
        assert client.get(f"{LIJST}{signaal.pk}/").status_code == 404
        assert client.post(f"{LIJST}{signaal.pk}/", {"actie": "gezien"}).status_code == 404
        signaal.refresh_from_db()
        assert signaal.status == "open"


def test_acknowledging_keeps_the_signal_in_mijn_taken(users, client_for, signalen):
    signaal = signalen[("eigen", "school")]
    client = client_for(users[Rol.ZORGCOORDINATOR])
    response = client.post(f"{LIJST}{signaal.pk}/", {"actie": "gezien"})
    assert response.status_code == 302
    signaal.refresh_from_db()
    assert signaal.status == "gezien"
    assert signaal.omschrijving in tekst(client, TAKEN)


def test_closing_needs_a_note_and_shows_a_dutch_error_without_losing_anything(users, client_for, signalen):
    signaal = signalen[("eigen", "school")]
    client = client_for(users[Rol.ZORGCOORDINATOR])
    response = client.post(f"{LIJST}{signaal.pk}/", {"actie": "sluiten", "notitie": "   "})
    assert response.status_code == 400
    assert "zonder notitie sluit u het niet" in response.content.decode()
    signaal.refresh_from_db()
    assert signaal.status == "open"


def test_a_closed_signal_leaves_mijn_taken_and_shows_who_closed_it_with_the_note(users, client_for, signalen):
    signaal = signalen[("eigen", "school")]
    user = users[Rol.ZORGCOORDINATOR]
    client = client_for(user)
    assert signaal.omschrijving in tekst(client, TAKEN)
    link = f"{LIJST}{signaal.pk}/"
    assert f'href="{link}"' in tekst(client, TAKEN)

    response = client.post(
        link, {"actie": "sluiten", "notitie": "Gesprek met ouders gevoerd, melding gedaan."}
    )

    assert response.status_code == 302
    signaal.refresh_from_db()
    assert (signaal.status, signaal.afgehandeld_door) == ("gesloten", user)
    assert signaal.notitie == "Gesprek met ouders gevoerd, melding gedaan."
    assert signaal.omschrijving not in tekst(client, TAKEN)
    assert "Gesprek met ouders gevoerd" in tekst(client, link)


def test_the_second_of_two_closers_gets_a_clear_message_and_changes_nothing(users, client_for, signalen):
    signaal = signalen[("eigen", "school")]
    eerste, tweede = client_for(users[Rol.ZORGCOORDINATOR]), client_for(users[Rol.INTERN_BEGELEIDER])
    # Both opened the page while it was open; the first closes it.
    tekst(eerste, f"{LIJST}{signaal.pk}/")
    tekst(tweede, f"{LIJST}{signaal.pk}/")
    eerste.post(f"{LIJST}{signaal.pk}/", {"actie": "sluiten", "notitie": "Eerste"})

    response = tweede.post(f"{LIJST}{signaal.pk}/", {"actie": "sluiten", "notitie": "Tweede"}, follow=False)

    assert response.status_code == 400
    assert "intussen al gesloten door" in response.content.decode()
    assert "Tweede" in response.content.decode()  # the note typed is still in the form
    signaal.refresh_from_db()
    assert signaal.notitie == "Eerste"


def test_a_closed_signal_can_be_reopened_and_is_back_in_mijn_taken(users, client_for, signalen):
    signaal = signalen[("eigen", "leerplicht")]
    client = client_for(users[Rol.LEERPLICHTAMBTENAAR])
    client.post(f"{LIJST}{signaal.pk}/", {"actie": "sluiten", "notitie": "Klaar"})
    assert client.post(f"{LIJST}{signaal.pk}/", {"actie": "heropenen"}).status_code == 302
    signaal.refresh_from_db()
    assert signaal.status == "gezien"
    assert signaal.afgehandeld_op is None
    assert signaal.omschrijving in tekst(client, TAKEN)


def test_an_unknown_action_answers_400_in_dutch(users, client_for, signalen):
    signaal = signalen[("eigen", "swv")]
    response = client_for(users[Rol.SWV_MEDEWERKER]).post(f"{LIJST}{signaal.pk}/", {})
    assert response.status_code == 400
    assert "Kies wat u met het signaal doet" in response.content.decode()
    assert Signaal.objects.get(pk=signaal.pk).status == "open"


def test_the_menu_has_signalen_for_the_roles_signals_are_for(users, client_for):
    assert 'href="/thuiszitters/signalen/"' in tekst(client_for(users[Rol.ZORGCOORDINATOR]), "/")
    assert 'href="/thuiszitters/signalen/"' not in tekst(client_for(users[Rol.KETENPARTNER]), "/")


def test_the_start_pages_mijn_taken_block_lists_the_open_signals_too(users, client_for, signalen):
    start = tekst(client_for(users[Rol.LEERPLICHTAMBTENAAR]), "/")
    assert getoond(start, signalen) == {("eigen", "leerplicht")}


def test_a_signal_links_to_the_next_step_of_the_chain_with_the_pupil_chosen(users, client_for, leerlingen):
    """Meldplicht: the school gets "Verzuimmelding doen" (the form opens with the pupil and the soort); 4 weeks
    absent: leerplicht gets "Thuiszitter registreren". By the pupil's id, never a BSN; not once closed."""
    meldplicht = SignaalFactory(leerling=leerlingen.eigen, voor_leerplicht=True)
    school = client_for(users[Rol.INTERN_BEGELEIDER])
    pagina = tekst(school, f"{LIJST}{meldplicht.pk}/")
    link = f'href="/thuiszitters/meldingen/nieuw/?leerling={leerlingen.eigen.pk}">Verzuimmelding doen</a>'
    assert link in pagina
    assert leerlingen.eigen.bsn not in pagina
    formulier = school.get(f"/thuiszitters/meldingen/nieuw/?leerling={leerlingen.eigen.pk}")
    assert formulier.context["form"].initial == {
        "leerling": leerlingen.eigen.pk,
        "vermoedelijke_soort": "zestien_uur",
    }
    # Leerplicht does not report verzuim: no such link for them.
    assert "Verzuimmelding doen" not in tekst(
        client_for(users[Rol.LEERPLICHTAMBTENAAR]), f"{LIJST}{meldplicht.pk}/"
    )

    vier_weken = SignaalFactory(
        leerling=leerlingen.eigen, regel="vier_weken_afwezig", voor_school=False, voor_leerplicht=True
    )
    leerplicht = tekst(client_for(users[Rol.LEERPLICHTAMBTENAAR]), f"{LIJST}{vier_weken.pk}/")
    assert (
        f'href="/thuiszitters/registraties/nieuw/?leerling={leerlingen.eigen.pk}">Thuiszitter registreren</a>'
        in (leerplicht)
    )
    Signaal.objects.filter(pk=vier_weken.pk).update(status="gesloten")
    gesloten = tekst(client_for(users[Rol.LEERPLICHTAMBTENAAR]), f"{LIJST}{vier_weken.pk}/")
    assert "Thuiszitter registreren" not in gesloten
