"""Every main page under the real CSP in chromium: no violation, and no request to another host.

Violations are caught twice: chromium's console message ("Refused to ... Content Security Policy") and
the page's `securitypolicyviolation` events (recorded by an init script, which the CSP does not cover).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from tests.e2e.test_e2e_duo_import import log_in_as_beheerder
from tests.e2e.test_e2e_pages import log_in_as_coordinator, main_heading

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""

MAIN_PAGES = [
    "/",
    "/casussen/leerlingen/",
    "/audit/",
    "/partners/",
    "/partners/routekaart/",
    "/partners/netwerk/",
    "/partners/dekkend-netwerk/",
    "/partners/afspraken/",
    "/partners/personen/",
    "/partners/export/routekaart/?formaat=afdruk",
    "/partners/afspraken/nieuw/",
    "/rol-kiezen/",
    "/tweestapsverificatie/herstelcodes/",
]


class Watcher:
    def __init__(self, page, base_url: str) -> None:
        self.page = page
        self.local_host = urlsplit(base_url).netloc
        self.problems: list[str] = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._console)
        page.on("request", self._request)

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.problems.append(f"console: {message.text}")

    def _request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in {"data", "blob"}:
            return
        if parts.netloc != self.local_host:
            self.problems.append(f"request to another host: {request.url}")

    def check(self, where: str) -> None:
        violations = self.page.evaluate("window.__cspViolations || []")
        self.problems.extend(f"{where}: {violation}" for violation in violations)


def test_main_pages_and_api_docs_load_without_csp_violations_or_outside_requests(
    demo_data, live_server, page
):
    watcher = Watcher(page, live_server.url)

    page.goto(f"{live_server.url}/inloggen/")
    watcher.check("/inloggen/")
    log_in_as_coordinator(page, live_server.url)
    watcher.check("na inloggen")

    for path in MAIN_PAGES:
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None
        assert response.status == 200, path
        assert main_heading(page), path
        watcher.check(path)

    # A pupil's page, reached by its link.
    page.goto(f"{live_server.url}/casussen/leerlingen/")
    page.get_by_test_id("leerlingen").get_by_role("link").first.click()
    page.wait_for_url(re.compile(r".*/casussen/leerlingen/\d+/$"))
    watcher.check("leerling")

    # htmx still works under the policy: typing in the search swaps in new results.
    page.goto(f"{live_server.url}/partners/")
    with page.expect_response(re.compile(r".*/partners/\?.*q=")) as htmx_response:
        page.get_by_label("Zoek op naam, plaats, code of BRIN, of op een persoon of functie").fill(
            "zzz-bestaat-niet"
        )
    assert htmx_response.value.request.headers.get("hx-request") == "true"
    page.wait_for_url(re.compile(r".*/partners/\?.*q=zzz-bestaat-niet.*"))
    watcher.check("partners zoeken (htmx)")

    # The API docs: Redoc renders the document from our own files, its search worker included.
    page.goto(f"{live_server.url}/api/v1/docs")
    page.get_by_role("heading", name=re.compile("Ketenregie API")).first.wait_for()
    page.get_by_placeholder(re.compile("Search|Zoek", re.IGNORECASE)).first.fill("organisaties")
    page.wait_for_timeout(500)
    watcher.check("/api/v1/docs")

    assert not watcher.problems, "\n".join(watcher.problems)


def test_beheerder_pages_load_without_csp_violations(demo_data, live_server, page):
    """The DUO upload page (htmx polling lives there) and the Django admin under the same policy."""
    watcher = Watcher(page, live_server.url)
    log_in_as_beheerder(page, live_server.url)

    for path in ("/partners/import/", "/beheer/", "/beheer/core/user/", "/beheer/partners/organisatie/"):
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None
        assert response.status == 200, path
        watcher.check(path)
    from partners.models import Organisatie
    from swv.core.models import Lidmaatschap

    swv = Lidmaatschap.objects.filter(user__username="beheerder").first().swv
    organisatie = Organisatie.objects.filter(swv=swv).first()
    response = page.goto(f"{live_server.url}/beheer/partners/organisatie/{organisatie.pk}/change/")
    assert response is not None
    assert response.status == 200
    watcher.check("organisatie wijzigen (admin)")

    assert not watcher.problems, "\n".join(watcher.problems)
