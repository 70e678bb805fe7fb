"""The storage of case documents (issue 11): private (no URL, swv/core/storage.py) and apart from other uploads.

By default a directory `casusdocumenten` under MEDIA_ROOT, looked up when used, so it follows the setting
(also in tests); CASUS_DOCUMENTEN_ROOT sets another place, CASUS_DOCUMENTEN_STORAGE another backend (an
S3-compatible store, settings/base.py). Nothing under it is ever served by the web server. The class is the
platform's `MapStorage` (swv/core/uploads.py, decision 72); this name stays for the setting that names it.
"""

from django.utils.deconstruct import deconstructible

from swv.core.uploads import MapStorage


@deconstructible
class CasusDocumentenStorage(MapStorage):
    map = "casusdocumenten"
