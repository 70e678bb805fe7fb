"""Response headers: a strict CSP, Permissions-Policy, and Cache-Control: no-store on personal data.

The browser side of the CSP (every main page loads without a violation) is tests/e2e/test_e2e_csp.py.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from swv.core.api.scopes import Scope
from swv.core.models import Rol
from tests.factories import ApiClientFactory, LeerlingFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


def csp_directives(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_pages_send_a_strict_csp_without_inline_script_style_or_eval(client):
    directives = csp_directives(client.get("/inloggen/"))

    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    header = client.get("/inloggen/").headers["Content-Security-Policy"]
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header


def test_api_docs_page_loads_nothing_from_outside_and_gets_its_own_narrow_csp(client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r"(src|href)=\"(https?:)?//", html), "the page refers to another host"
    assert "<style" not in html
    assert not re.search(r"<script(?![^>]*\ssrc=)", html), "inline script"
    directives = csp_directives(response)
    # Redoc's styled-components and its blob: worker; scripts stay our own only.
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["worker-src"] == ["'self'", "blob:"]
    assert "googleapis" not in response.headers["Content-Security-Policy"]


def test_api_docs_view_is_not_in_the_openapi_document(client):
    assert "/api/v1/docs" not in client.get("/api/v1/openapi.json").json()["paths"]


def test_every_response_denies_camera_microphone_and_geolocation(client):
    for response in (client.get("/inloggen/"), client.get("/api/v1/openapi.json"), client.get("/health")):
        policy = response.headers["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
            assert feature in policy


# Every template must work under script-src/style-src 'self': no inline <script> or <style>, no on*=
# handlers, no style attributes, no javascript: URLs.
INLINE_PATTERNS = {
    "inline <script>": re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE),
    "<style> element": re.compile(r"<style[\s>]", re.IGNORECASE),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
    "htmx eval (hx-on / js:)": re.compile(r"hx-on|hx-vars|[\"']js:", re.IGNORECASE),
}


def test_no_template_has_inline_script_style_or_event_handlers():
    found = []
    for path in sorted(Path(settings.BASE_DIR, "templates").rglob("*.html")):
        # Template comments may name what they avoid; only the markup counts.
        text = re.sub(
            r"\{#.*?#\}|\{% comment %\}.*?\{% endcomment %\}", "", path.read_text(), flags=re.DOTALL
        )
        for what, pattern in INLINE_PATTERNS.items():
            if pattern.search(text):
                found.append(f"{path.relative_to(settings.BASE_DIR)}: {what}")
    assert not found, found


def test_htmx_is_configured_not_to_inject_styles_or_eval(client_for, users):
    html = client_for(users[Rol.SWV_COORDINATOR]).get("/").content.decode()

    meta = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", html)
    assert meta is not None
    assert '"includeIndicatorStyles": false' in meta.group(1)
    assert '"allowEval": false' in meta.group(1)


@pytest.fixture
def personal_pages(users, swv):
    school = OrganisatieFactory(swv=swv, school=True)
    leerling = LeerlingFactory(swv=swv, school=school)
    return [
        "/",
        reverse("cases:leerling_list"),
        reverse("cases:leerling_detail", args=[leerling.pk]),
        "/audit/",
        reverse("partners:detail", args=[school.pk]),
        reverse("partners:index"),
    ]


def test_pages_with_personal_data_are_never_stored_by_the_browser(client_for, users, personal_pages):
    client = client_for(users[Rol.SWV_COORDINATOR])
    for url in personal_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response.headers["Cache-Control"], url


def test_every_api_response_is_no_store(client, client_for, users, swv):
    session = client_for(users[Rol.SWV_COORDINATOR])
    token = ApiClientFactory(swv=swv, scopes=[Scope.PARTNERS_LEZEN]).token
    responses = {
        "session /ik": session.get("/api/v1/ik"),
        "session /organisaties": session.get("/api/v1/organisaties"),
        "token /organisaties": client.get("/api/v1/organisaties", HTTP_AUTHORIZATION=f"Bearer {token}"),
        "anonymous /openapi.json": client.get("/api/v1/openapi.json"),
        "anonymous /organisaties (401)": client.get("/api/v1/organisaties"),
        "unknown path (404)": session.get("/api/v1/bestaat-niet"),
    }
    for what, response in responses.items():
        assert response.headers["Cache-Control"] == "no-store", what


def test_a_view_that_chose_its_own_cache_control_keeps_it(client):
    # /health uses never_cache; the middleware must not overwrite a view's own choice.
    assert "max-age=0" in client.get("/health").headers["Cache-Control"]
