"""What a person gets at the start page: the page itself, signed in as whom, or where it sends them.

Tests use these instead of a bare status code, so that "still logged in" means the page shows the
person, and "not logged in" means the redirect goes to the right step.
"""

from django.test import Client
from django.utils.html import escape


def start_page_of(client: Client, user) -> str:
    """Open `/`, check it is the start page shown to `user` (name in the header), and return its HTML."""
    response = client.get("/")
    assert response.status_code == 200, f"{response.status_code} {response.get('Location', '')}"
    html = response.content.decode()
    assert escape(user.get_full_name() or user.username) in html
    assert "Uitloggen" in html
    return html


def start_sends_to(client: Client) -> str:
    """Open `/`, check it redirects, and return where to (the path with its query string)."""
    response = client.get("/")
    assert response.status_code == 302, response.status_code
    return response["Location"]
