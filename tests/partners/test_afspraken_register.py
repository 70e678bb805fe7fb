"""The register of all agreements on /partners/afspraken/ (issue 9): also an agreement with only an
ingangsdatum is listed, filters narrow it, another SWV's agreements never appear, a bad filter value is a
Dutch form error, and the query count does not grow with the rows."""

import datetime
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from swv.core.models import Rol
from tests.factories import AfspraakFactory, OrganisatieFactory, UserFactory

AFSPRAKEN = reverse("partners:afspraken")


def dagen(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def register_titels(response) -> list[str]:
    """The titles in the register table, in the order shown (not those of the attention list)."""
    html = response.content.decode()
    tabel = html.split('data-testid="afspraken-register"', 1)
    if len(tabel) == 1:
        return []
    rijen = tabel[1].split("</table>", 1)[0]
    return [
        unescape(t)
        for t in re.findall(r'data-testid="register-rij">\s*<td[^>]*><strong>([^<]*)</strong>', rijen)
    ]


@pytest.fixture
def register(swv, users):
    ggd = OrganisatieFactory(swv=swv, naam="GGD Heuvelland", ggd=True)
    gemeente = OrganisatieFactory(swv=swv, naam="Gemeente Dalenburg", gemeente=True)
    eigenaar = users[Rol.SWV_MEDEWERKER]
    AfspraakFactory(swv=swv, titel="Alleen ingangsdatum", soort="convenant", ingangsdatum=dagen(-10))
    AfspraakFactory(
        swv=swv,
        titel="Privacy GGD",
        soort="privacyconvenant",
        partijen=[ggd],
        eigenaar=eigenaar,
        evaluatiedatum=dagen(-5),
        ingangsdatum=dagen(-400),
    )
    AfspraakFactory(
        swv=swv,
        titel="Samenwerking gemeente",
        soort="samenwerkingsovereenkomst",
        partijen=[gemeente],
        evaluatiedatum=dagen(20),
        ingangsdatum=dagen(-300),
    )
    AfspraakFactory(
        swv=swv,
        titel="Verlopen convenant",
        soort="convenant",
        partijen=[ggd, gemeente],
        einddatum=dagen(-1),
        evaluatiedatum=dagen(200),
        ingangsdatum=dagen(-800),
    )
    ander = users["outsider"].lidmaatschappen.first().swv
    AfspraakFactory(swv=ander, titel="Convenant elders", soort="convenant", ingangsdatum=dagen(-1))
    return {"ggd": ggd, "gemeente": gemeente, "eigenaar": eigenaar, "ander": ander}


def test_the_register_lists_every_agreement_of_the_own_swv_also_one_with_only_an_ingangsdatum(
    users, register, client_for
):
    response = client_for(users[Rol.KETENPARTNER]).get(AFSPRAKEN)

    assert response.status_code == 200
    # The last recorded first; the other SWV's agreement is not there.
    assert register_titels(response) == [
        "Verlopen convenant",
        "Samenwerking gemeente",
        "Privacy GGD",
        "Alleen ingangsdatum",
    ]
    assert "Alle afspraken: 4 afspraken" in response.content.decode()
    # The attention list above it still shows only what is due.
    assert "Alleen ingangsdatum" not in {a.titel for a in response.context["afspraken"]}


def test_a_new_agreement_with_only_an_ingangsdatum_is_visible_where_saving_lands(swv, users, client_for):
    # More than a page of newer agreements: the one just saved, which started long ago, is still on top.
    for n in range(55):
        AfspraakFactory(swv=swv, titel=f"Bestaand {n:02d}", ingangsdatum=dagen(-n))
    client = client_for(users[Rol.SWV_COORDINATOR])
    response = client.post(
        reverse("partners:afspraak_nieuw"),
        {"soort": "convenant", "titel": "Convenant zonder data", "ingangsdatum": "2015-01-01"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == AFSPRAKEN
    html = response.content.decode()
    assert "De afspraak Convenant zonder data is vastgelegd." in html
    assert register_titels(response)[0] == "Convenant zonder data"
    assert "Convenant zonder data" not in {a.titel for a in response.context["afspraken"]}


@pytest.mark.parametrize(
    ("filters", "titels"),
    [
        ({"soort": "convenant"}, ["Verlopen convenant", "Alleen ingangsdatum"]),
        ({"soort": "privacyconvenant"}, ["Privacy GGD"]),
        ({"status": "lopend"}, ["Samenwerking gemeente", "Privacy GGD", "Alleen ingangsdatum"]),
        ({"status": "verlopen"}, ["Verlopen convenant"]),
        ({"te_evalueren": "over_tijd"}, ["Privacy GGD"]),
        ({"te_evalueren": "30"}, ["Samenwerking gemeente", "Privacy GGD"]),
        ({"te_evalueren": "365"}, ["Verlopen convenant", "Samenwerking gemeente", "Privacy GGD"]),
        ({"soort": "convenant", "status": "lopend"}, ["Alleen ingangsdatum"]),
    ],
)
def test_each_filter_narrows_the_register(filters, titels, users, register, client_for):
    response = client_for(users[Rol.SWV_COORDINATOR]).get(AFSPRAKEN, filters)

    assert response.status_code == 200
    assert register_titels(response) == titels


def test_the_party_and_owner_filters_narrow_the_register(users, register, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])

    ggd = client.get(AFSPRAKEN, {"partij": register["ggd"].pk})
    assert register_titels(ggd) == ["Verlopen convenant", "Privacy GGD"]
    gemeente = client.get(AFSPRAKEN, {"partij": register["gemeente"].pk})
    assert register_titels(gemeente) == ["Verlopen convenant", "Samenwerking gemeente"]
    eigenaar = client.get(AFSPRAKEN, {"eigenaar": register["eigenaar"].pk})
    assert register_titels(eigenaar) == ["Privacy GGD"]


@pytest.mark.parametrize(
    ("filters", "veld"),
    [
        ({"soort": "huurcontract"}, "soort"),
        ({"status": "misschien"}, "status"),
        ({"te_evalueren": "-3"}, "te_evalueren"),
        ({"partij": "abc"}, "partij"),
        ({"eigenaar": "999999"}, "eigenaar"),
    ],
)
def test_an_invalid_filter_value_gets_a_dutch_form_error_not_a_500(
    filters, veld, users, register, client_for
):
    response = client_for(users[Rol.SWV_COORDINATOR]).get(AFSPRAKEN, filters)

    assert response.status_code == 200
    errors = response.context["register_form"].errors[veld]
    assert errors
    assert "Selecteer een geldige keuze" in errors[0]
    assert f'id="id_{veld}_error"' in response.content.decode()


def test_a_party_or_owner_of_another_swv_is_not_a_valid_filter_choice(users, register, client_for):
    elders = OrganisatieFactory(swv=register["ander"], naam="GGD Elders", ggd=True)
    AfspraakFactory(
        swv=register["ander"], titel="Afspraak elders", partijen=[elders], eigenaar=users["outsider"]
    )
    client = client_for(users[Rol.SWV_COORDINATOR])

    for filters in ({"partij": elders.pk}, {"eigenaar": users["outsider"].pk}):
        response = client.get(AFSPRAKEN, filters)
        assert response.context["register_form"].errors
        assert "Afspraak elders" not in register_titels(response)
        assert "Convenant elders" not in register_titels(response)


def test_the_outsider_sees_only_their_own_swvs_agreements(users, register, client_for):
    response = client_for(users["outsider"]).get(AFSPRAKEN)

    assert register_titels(response) == ["Convenant elders"]


def test_the_register_is_paginated_and_keeps_the_filters_in_the_page_links(swv, users, client_for):
    for n in range(55):
        AfspraakFactory(swv=swv, titel=f"Convenant {n:02d}")
    client = client_for(users[Rol.SWV_COORDINATOR])

    eerste = client.get(AFSPRAKEN, {"soort": "convenant"})
    assert len(register_titels(eerste)) == 50
    # The register is below the attention list: the page links land at its heading, not at the top.
    assert 'soort=convenant&amp;pagina=2#register-kop"' in eerste.content.decode()
    tweede = client.get(AFSPRAKEN, {"soort": "convenant", "pagina": 2})
    assert register_titels(tweede) == [f"Convenant {n:02d}" for n in range(4, -1, -1)]


@pytest.mark.parametrize("filters", [{}, {"soort": "convenant", "status": "lopend", "te_evalueren": "365"}])
def test_register_query_count_is_flat_at_1_10_and_30_agreements(filters, swv, users, client_for):
    ggd = OrganisatieFactory(swv=swv, naam="GGD Telrij", ggd=True)
    client = client_for(users[Rol.SWV_COORDINATOR])
    counts = []
    gemaakt = 0
    for totaal in (1, 10, 30):
        for n in range(gemaakt, totaal):
            AfspraakFactory(
                swv=swv,
                titel=f"Telrij {n:02d}",
                partijen=[ggd, OrganisatieFactory(swv=swv, naam=f"Partij {n}")],
                eigenaar=UserFactory(username=f"eigenaar{n}"),
                evaluatiedatum=dagen(10),
            )
        gemaakt = totaal
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(AFSPRAKEN, filters)
        assert len(register_titels(response)) == totaal
        counts.append(len(ctx))
    assert counts[0] == counts[1] == counts[2], counts


def test_the_period_form_and_the_register_form_keep_each_others_choice(users, register, client_for):
    response = client_for(users[Rol.SWV_COORDINATOR]).get(
        AFSPRAKEN, {"soort": "privacyconvenant", "binnen_dagen": 90}
    )
    html = response.content.decode()

    assert '<input type="hidden" name="soort" value="privacyconvenant">' in html
    assert '<input type="hidden" name="binnen_dagen" value="90">' in html
    assert register_titels(response) == ["Privacy GGD"]


# --- The API offers the page's filters, with the same definition (issue 9) ---


def api_titels(client, **filters) -> set[str]:
    response = client.get("/api/v1/afspraken", filters)
    assert response.status_code == 200, response.content
    return {a["titel"] for a in response.json()["results"]}


@pytest.mark.parametrize("status", ["lopend", "verlopen"])
def test_the_api_status_filter_gives_what_the_register_page_gives(status, users, register, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])

    op_de_pagina = set(register_titels(client.get(AFSPRAKEN, {"status": status})))

    assert op_de_pagina
    assert api_titels(client, status=status) == op_de_pagina
    # And the field `verlopen` of each agreement says the same (the Python twin of the rule).
    verlopen = {a["titel"] for a in client.get("/api/v1/afspraken").json()["results"] if a["verlopen"]}
    assert (op_de_pagina == verlopen) is (status == "verlopen")


def test_the_api_owner_filter_finds_the_owner_by_the_name_it_shows(users, register, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])
    eigenaar = register["eigenaar"]
    eigenaar.first_name, eigenaar.last_name = "Fenna", "de Wit-Jansen"
    eigenaar.save(update_fields=["first_name", "last_name"])

    op_de_pagina = set(register_titels(client.get(AFSPRAKEN, {"eigenaar": eigenaar.pk})))

    assert op_de_pagina == {"Privacy GGD"}
    assert api_titels(client, eigenaar="Fenna de Wit-Jansen") == op_de_pagina
    assert api_titels(client, eigenaar="wit-jansen") == op_de_pagina
    assert api_titels(client, eigenaar="Fenna Bakker") == set()
    assert api_titels(client, eigenaar="Fenna", status="verlopen") == set()


def test_a_bad_api_status_is_a_400_problem_naming_the_parameter(users, register, client_for):
    response = client_for(users[Rol.SWV_COORDINATOR]).get("/api/v1/afspraken", {"status": "misschien"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in response.json()["invalidParams"]] == ["status"]


def test_the_openapi_document_describes_the_status_and_owner_filters_in_dutch(client):
    spec = client.get("/api/v1/openapi.json").json()
    parameters = {p["name"]: p for p in spec["paths"]["/api/v1/afspraken"]["get"]["parameters"]}

    assert parameters["status"]["schema"]["enum"] == ["lopend", "verlopen"]
    assert parameters["status"]["description"].startswith("lopend: zonder einddatum")
    assert "Naam van de eigenaar" in parameters["eigenaar"]["description"]


def test_filtering_the_register_lands_at_the_register_not_the_top(users, register, client_for):
    html = client_for(users[Rol.SWV_COORDINATOR]).get(AFSPRAKEN).content.decode()

    register_form = html.split('id="register-kop"', 1)[1]
    assert '<form method="get" action="#register-kop"' in register_form
    # The period form of the attention list, at the top of the page, stays there.
    assert '<form method="get" class="filter-form" aria-labelledby="afspraken-filter-kop">' in html


def test_the_status_rule_and_the_verlopen_field_agree_on_every_edge(swv):
    from partners.models import Afspraak
    from partners.selectors import afspraak_status_q

    afspraken = [AfspraakFactory(swv=swv, einddatum=e) for e in (None, dagen(-1), dagen(0), dagen(1))]
    verlopen = set(Afspraak.objects.filter(afspraak_status_q("verlopen")).values_list("pk", flat=True))
    lopend = set(Afspraak.objects.filter(afspraak_status_q("lopend")).values_list("pk", flat=True))

    assert verlopen == {a.pk for a in afspraken if a.is_verlopen} == {afspraken[1].pk}
    assert lopend == {a.pk for a in afspraken if not a.is_verlopen}
