"""The storage of case documents (issue 11): private (no URL, swv/core/storage.py) and apart from other uploads.

By default a directory `casusdocumenten` under MEDIA_ROOT, looked up when used, so it follows the setting
(also in tests); CASUS_DOCUMENTEN_ROOT sets another place, CASUS_DOCUMENTEN_STORAGE another backend (an
S3-compatible store, settings/base.py). Nothing under it is ever served by the web server.
"""

import os

from django.conf import settings
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property

from swv.core.storage import PrivateStorage


@deconstructible
class CasusDocumentenStorage(PrivateStorage):
    @cached_property
    def base_location(self):
        eigen = getattr(self, "_location", None)  # the `location` option, when one was given
        return self._value_or_setting(eigen, os.path.join(settings.MEDIA_ROOT, "casusdocumenten"))
