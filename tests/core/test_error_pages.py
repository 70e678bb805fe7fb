"""With DEBUG on (as `make run` has it) the product still shows its own Dutch 404 and 500 pages."""

import pytest
from django.test import Client
from django.urls import path

from swv import urls as project_urls

pytestmark = pytest.mark.django_db


def kapot(request):
    raise RuntimeError("stuk")


urlpatterns = [*project_urls.urlpatterns, path("kapot/", kapot)]
handler404 = project_urls.handler404
handler500 = project_urls.handler500


@pytest.fixture
def debug_aan(settings):
    settings.DEBUG = True
    settings.DEBUG_PAGINAS = False
    settings.ROOT_URLCONF = __name__


def test_unknown_address_shows_the_dutch_page_not_django_s_debug_page(debug_aan, users, client_for):
    response = client_for(users["swv_coordinator"]).get("/bestaat-niet/")

    body = response.content.decode()
    assert response.status_code == 404
    assert 'lang="nl"' in body
    assert "URLconf" not in body
    assert "Page not found" not in body


def test_invisible_id_shows_the_dutch_page(debug_aan, users, client_for):
    response = client_for(users["intern_begeleider"]).get("/casussen/leerlingen/999999/")

    body = response.content.decode()
    assert response.status_code == 404
    assert 'lang="nl"' in body
    assert "Page not found" not in body


def test_an_error_shows_the_dutch_500_page(debug_aan, users, client_for):
    client = client_for(users["swv_coordinator"])
    client.raise_request_exception = False

    response = client.get("/kapot/")

    body = response.content.decode()
    assert response.status_code == 500
    assert 'lang="nl"' in body
    assert "Traceback" not in body
    assert "RuntimeError" not in body


def test_debug_pages_only_on_explicit_request(debug_aan, settings):
    settings.DEBUG_PAGINAS = True

    response = Client().get("/bestaat-niet/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_the_api_keeps_its_problem_json(debug_aan):
    response = Client().get("/api/bestaat-niet/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
