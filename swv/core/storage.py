"""Private file storage: uploaded files live under MEDIA_ROOT and are never served by URL.

There is no public /media/ route (and a proxy must not add one, docs/operations.md): a stored file reaches a
user only through a view that checks access and writes an audit row (e.g. partners:afspraak_document).
`url()` refuses, so a template cannot link a file past that view by accident.
"""

from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    """FileSystemStorage at MEDIA_ROOT (follows the setting, also in tests) without URLs."""

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through an access-checked view.")


def private_storage() -> PrivateStorage:
    """Kept for partners migration 0005, which named it; fields now use the default storage (this one)."""
    return PrivateStorage()
