"""The API documentation page (Redoc), under a CSP it works with.

Redoc is our vendored copy (static/vendor/redoc: the bundle drf-spectacular-sidecar also ships, with
its one outside image, the Redocly logo, replaced) in our own template (no Google Fonts, no inline
script). Two things Redoc needs that the site-wide policy refuses, allowed on this page only:
- styled-components writes its CSS into <style> elements at run time: style-src 'unsafe-inline';
- the search index runs in a Web Worker made from a blob: URL: worker-src blob:.
Scripts stay 'self' only, so an injected inline script is still refused here.
"""

from csp.constants import SELF, UNSAFE_INLINE
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularRedocView

REDOC_CSP = {
    "style-src": [SELF, UNSAFE_INLINE],
    "worker-src": [SELF, "blob:"],
}


class ApiDocsView(SpectacularRedocView):
    template_name = "api/redoc.html"

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # django-csp reads this attribute (what its @csp_replace decorator sets) in its middleware.
        response._csp_replace = REDOC_CSP
        return response
