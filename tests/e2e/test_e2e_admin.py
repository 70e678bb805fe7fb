"""The admin (Beheer) in a real browser: it shows whom one works as, like every page, and passes axe."""

from __future__ import annotations

import pytest

from tests.e2e.test_e2e_duo_import import log_in_as_beheerder
from tests.e2e.test_e2e_login import assert_no_serious_a11y_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADMIN_PAGES = [
    "/beheer/",
    "/beheer/core/apiclient/",
    "/beheer/core/lidmaatschap/",
    "/beheer/partners/",
    "/beheer/partners/afspraakherinnering/",
]


def test_admin_pages_show_the_acting_role_and_have_no_serious_a11y_violations(demo_data, live_server, page):
    log_in_as_beheerder(page, live_server.url)

    for path in ADMIN_PAGES:
        page.goto(f"{live_server.url}{path}")
        assert "U werkt als Functioneel beheerder" in page.get_by_test_id("acting-as").inner_text(), path
        assert_no_serious_a11y_violations(page)
