"""API of the cases app, part: leerlingen (issue 10). `register(router)` adds this part's viewsets; `urlpatterns`
holds its other routes (e.g. POST searches). Mounted under /api/v1/ by cases/api/urls.py."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []


def register(router) -> None:
    pass
