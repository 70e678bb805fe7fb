"""The OpenAPI document tells an integrator what the API really does (found by a client written from it)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        return Client().get("/api/v1/openapi.json").json()


def operaties(schema):
    for pad, methoden in schema["paths"].items():
        for methode, operatie in methoden.items():
            yield pad, methode, operatie


def test_every_operation_documents_its_problem_responses_and_the_api_version_header(schema):
    for pad, methode, operatie in operaties(schema):
        responses = operatie["responses"]
        for code in ("401", "403", "406", "429"):
            assert responses[code]["content"] == {
                "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
            }, (pad, methode, code)
        if "{id}" in pad:
            assert "404" in responses, (pad, methode)
        if methode in ("post", "patch", "delete"):
            assert "409" in responses, (pad, methode)
        for code, response in responses.items():
            assert "API-Version" in response["headers"], (pad, methode, code)
    assert schema["components"]["schemas"]["Problem"]["properties"]["invalidParams"]["items"] == {
        "$ref": "#/components/schemas/InvalidParam"
    }


def test_object_operations_document_etag_and_if_match(schema):
    patch = schema["paths"]["/api/v1/voorzieningen/{id}"]["patch"]
    assert "ETag" in patch["responses"]["200"]["headers"]
    assert "412" in patch["responses"]
    assert any(p["name"] == "If-Match" and p["in"] == "header" for p in patch["parameters"])
    assert "ETag" in schema["paths"]["/api/v1/organisaties/{id}"]["get"]["responses"]["200"]["headers"]


def test_every_operation_names_the_scope_an_api_client_needs(schema):
    lijst = schema["paths"]["/api/v1/organisaties"]["get"]
    maak = schema["paths"]["/api/v1/organisaties"]["post"]
    verhuis = schema["paths"]["/api/v1/sleutelfiguren/{id}/verhuizen"]["post"]
    assert lijst["x-scopes"] == ["partners:lezen"]
    assert "Scope voor API-clients: `partners:lezen`." in lijst["description"]
    assert maak["x-scopes"] == ["partners:schrijven"]
    assert verhuis["x-scopes"] == ["partners:schrijven"]
    assert "zonder bijzondere scope" in schema["paths"]["/api/v1/ik"]["get"]["description"]


def test_every_parameter_has_a_description_and_pagination_speaks_dutch(schema):
    zonder = [
        (pad, methode, p["name"])
        for pad, methode, operatie in operaties(schema)
        for p in operatie.get("parameters", [])
        if not p.get("description")
    ]
    assert zonder == []
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/afspraken"]["get"]["parameters"]}
    assert parameters["limit"]["description"].startswith("Aantal resultaten per pagina")
    assert parameters["offset"]["description"].startswith("Aantal resultaten dat wordt overgeslagen")
    cursor = {p["name"]: p for p in schema["paths"]["/api/v1/organisaties"]["get"]["parameters"]}["cursor"]
    assert cursor["description"].startswith("Cursor van een volgende of vorige pagina")
    # One current-role rule (partners.querysets.huidig_q): "not current" is ended or not started yet.
    sleutelfiguren = {p["name"]: p for p in schema["paths"]["/api/v1/sleutelfiguren"]["get"]["parameters"]}
    assert "nog moeten beginnen" in sleutelfiguren["actueel"]["description"]
    pagina = schema["components"]["schemas"]["PaginatedAfspraakList"]["properties"]
    assert pagina["next"]["description"] == "Link naar de volgende pagina; leeg op de laatste."
    assert "api.example.org" not in str(schema)


def test_fields_say_what_the_api_really_accepts_and_answers(schema):
    schemas = schema["components"]["schemas"]
    assert schemas["Afspraak"]["properties"]["eigenaar"]["nullable"] is True
    naam = schemas["OrganisatieInvoer"]["properties"]["naam"]
    assert naam["minLength"] == 1
    assert naam["pattern"] == r"\S"
    assert "minLength" not in schemas["OrganisatieInvoer"]["properties"]["code"]  # may be empty


def test_no_developer_docstring_reaches_the_document(schema):
    assert "Shared plumbing" not in str(schema)
    assert schema["paths"]["/api/v1/voorzieningen"]["post"]["description"].startswith("Een voorziening")


def test_the_api_client_made_agreement_has_a_null_owner_as_documented(swv):
    import json

    from swv.core.api.scopes import Scope
    from tests.factories import ApiClientFactory

    token = ApiClientFactory(swv=swv, scopes=[Scope.PARTNERS_LEZEN, Scope.PARTNERS_SCHRIJVEN]).token
    response = Client().post(
        "/api/v1/afspraken",
        json.dumps({"soort": "convenant", "titel": "Convenant", "ingangsdatum": "2026-01-01"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 201
    assert response.json()["eigenaar"] is None


def test_every_invalid_param_has_a_string_code_as_the_problem_schema_says(swv):
    """Found by schemathesis: an empty filter value came back with `"code": null`."""
    from swv.core.api.scopes import Scope
    from tests.factories import ApiClientFactory

    token = ApiClientFactory(swv=swv, scopes=[Scope.PARTNERS_LEZEN]).token
    response = Client().get("/api/v1/organisaties?gemeente=&actief=", HTTP_AUTHORIZATION=f"Bearer {token}")

    assert response.status_code == 400
    params = response.json()["invalidParams"]
    assert {p["name"] for p in params} == {"gemeente", "actief"}
    assert all(isinstance(p["code"], str) and p["code"] for p in params)


def test_strict_input_is_in_the_contract_no_extra_fields_and_no_empty_filters(schema):
    assert schema["components"]["schemas"]["OrganisatieInvoer"]["additionalProperties"] is False
    assert schema["components"]["schemas"]["PatchedVoorzieningInvoer"]["additionalProperties"] is False
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/organisaties"]["get"]["parameters"]}
    assert "minLength" not in parameters["q"]["schema"]  # free text: an empty search is allowed
    assert "minLength" not in parameters["cursor"]["schema"]  # an empty cursor is the first page
    afspraken = {p["name"]: p for p in schema["paths"]["/api/v1/afspraken"]["get"]["parameters"]}
    assert afspraken["verlooptVoor"]["schema"]["minLength"] == 1  # `verlooptVoor=` is refused
