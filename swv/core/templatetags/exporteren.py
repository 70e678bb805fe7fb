"""`{% export_url "app:lijst_export" "csv" %}`: an export or print link that keeps the page's filters.

The link carries the current request's GET parameters (search, filters) without the page number, plus
`formaat=`, so the download holds what the page shows for the same filters (swv.core.exports).
"""

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def export_url(context, url_name: str, formaat: str) -> str:
    request = context.get("request")
    query = request.GET.copy() if request is not None else None
    if query is None:
        return f"{reverse(url_name)}?formaat={formaat}"
    query.pop("pagina", None)
    query["formaat"] = formaat
    return f"{reverse(url_name)}?{query.urlencode()}"
