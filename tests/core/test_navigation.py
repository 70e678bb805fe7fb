"""The menu and the module pages follow the acting role (deny by default)."""

import re

import pytest

from swv.core.models import Rol
from tests.access_matrix import app_tables, module_menu, module_urls
from tests.factories import UserFactory

START = "Start"
# What each role may open comes from the module table in docs/access.md, the single source.
MENU_PER_ROL = {Rol(role): labels for role, labels in module_menu().items()}
# Module landing pages; the admin has its own test below.
MODULE_URLS = {label: url for label, url in module_urls().items() if not url.startswith("/beheer/")}
# "Mijn casussen" is a menu item of the professionals in teams (leerplicht, ketenpartner); the page itself
# also opens for the SWV and the schools (their own team memberships), as its route row says
# (docs/access.md, above the module table). Only this page; every other module page answers 403 off-menu.
MIJN_CASUSSEN = "/casussen/mijn/"
OPEN_ZONDER_MENU = {
    (MIJN_CASUSSEN, rol.value)
    for row in app_tables("routes")["cases"]
    if row["route"] == f"`{MIJN_CASUSSEN}`"
    for rol in Rol
    if row[rol.value] == "ja"
}


def test_every_role_has_a_row_in_the_expected_menu_table():
    assert set(MENU_PER_ROL) == set(Rol)


def menu_labels(html: str) -> list[str]:
    nav = re.search(r'<nav class="site-nav"[^>]*>(.*?)</nav>', html, re.S)
    assert nav, "the page has no main navigation"
    return [label.strip() for label in re.findall(r"<a [^>]*>([^<]+)</a>", nav.group(1))]


@pytest.mark.parametrize("rol", list(Rol), ids=lambda r: r.value)
def test_menu_shows_exactly_the_modules_the_role_may_use(rol, users, client_for):
    response = client_for(users[rol.value]).get("/")

    assert response.status_code == 200
    assert menu_labels(response.content.decode()) == MENU_PER_ROL[rol]


@pytest.mark.parametrize("rol", list(Rol), ids=lambda r: r.value)
@pytest.mark.parametrize("module", list(MODULE_URLS), ids=lambda m: m.split()[0].lower())
def test_module_page_opens_only_for_roles_with_access(rol, module, users, client_for):
    response = client_for(users[rol.value]).get(MODULE_URLS[module])

    if module in MENU_PER_ROL[rol] or (MODULE_URLS[module], rol.value) in OPEN_ZONDER_MENU:
        assert response.status_code == 200
        # The module's own page: its name is the page heading (the admin calls itself "Functioneel beheer").
        heading = "Functioneel beheer" if module == "Beheer" else module
        assert re.search(rf"<h1[^>]*>{re.escape(heading)}</h1>", response.content.decode())
    else:
        assert response.status_code == 403
        body = response.content.decode()
        assert 'lang="nl"' in body
        assert "Geen toegang" in body


def test_beheerder_can_open_the_beheer_pages(users, client_for):
    response = client_for(users[Rol.BEHEERDER.value]).get("/beheer/")

    assert response.status_code == 200
    assert "Functioneel beheer" in response.content.decode()


def test_user_without_membership_sees_a_warning_and_only_the_start_item(db, client_for):
    loner = UserFactory(username="zonder_lidmaatschap")

    response = client_for(loner).get("/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Uw account is nog niet gekoppeld aan een organisatie" in body
    assert "U werkt als" not in body
    assert menu_labels(body) == [START]


def test_user_without_membership_cannot_open_any_module(db, client_for):
    client = client_for(UserFactory(username="zonder_lidmaatschap"))

    assert {url: client.get(url).status_code for url in MODULE_URLS.values()} == dict.fromkeys(
        MODULE_URLS.values(), 403
    )


def test_inactive_membership_gives_no_access(users, client_for):
    user = users[Rol.SWV_COORDINATOR.value]
    user.lidmaatschappen.update(actief=False)

    response = client_for(user).get("/oogo/")

    assert response.status_code == 403


def test_unknown_page_answers_with_the_dutch_404_page(db, client):
    response = client.get("/bestaat-niet/")

    body = response.content.decode()
    assert response.status_code == 404
    assert 'lang="nl"' in body
    assert "Pagina niet gevonden" in body


@pytest.mark.parametrize("rol", ["intern_begeleider", "leerplichtambtenaar", "swv_medewerker"])
def test_pupil_list_is_in_the_menu_and_marked_current_there(rol, users, client_for):
    body = client_for(users[rol]).get("/casussen/leerlingen/").content.decode()

    nav = re.search(r'<nav class="site-nav"[^>]*>(.*?)</nav>', body, re.S).group(1)
    current = re.findall(r'<a [^>]*aria-current="page"[^>]*>([^<]+)</a>', nav)
    assert [label.strip() for label in current] == ["Leerlingen"]
    assert 'href="/casussen/leerlingen/"' in nav


def test_pupil_list_is_not_in_the_menu_of_roles_that_may_not_see_pupils(users, client_for):
    body = client_for(users["ketenpartner"]).get("/").content.decode()

    assert "Leerlingen" not in menu_labels(body)


def test_the_admin_shows_whom_one_works_as_like_every_page(users, client_for):
    response = client_for(users[Rol.BEHEERDER.value]).get("/beheer/")

    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="site-name"' in body  # the admin's own page, not the product's base.html
    assert 'data-testid="acting-as"' in body
    assert "U werkt als Functioneel beheerder" in body


def test_mijn_casussen_page_opens_for_more_roles_than_its_menu_item():
    # The route table lets the SWV and the schools open it too; the menu shows it to the professionals only.
    assert {rol for _url, rol in OPEN_ZONDER_MENU} >= {"swv_coordinator", "intern_begeleider"}
    assert "Mijn casussen" not in MENU_PER_ROL[Rol.SWV_COORDINATOR]
    assert "Mijn casussen" in MENU_PER_ROL[Rol.KETENPARTNER]
    assert "Mijn casussen" in MENU_PER_ROL[Rol.LEERPLICHTAMBTENAAR]
