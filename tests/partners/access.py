"""The partner registry's objects for the access matrix (tests/test_access_matrix.py, docs/access.md)."""

from django.core.files.base import ContentFile

from partners.models import DuoImport
from tests.factories import AfspraakFactory, OrganisatieFactory, SleutelfiguurFactory, VoorzieningFactory


def _registry(swv) -> dict[str, object]:
    organisatie = OrganisatieFactory(swv=swv, ggd=True)
    return {
        "organisatie": organisatie,
        "sleutelfiguur": SleutelfiguurFactory(swv=swv, organisatie=organisatie),
        "afspraak": AfspraakFactory(swv=swv, partijen=[organisatie]),
        "voorziening": VoorzieningFactory(swv=swv, aanbieder=organisatie),
    }


def objects(*, swv, elders, users) -> dict[str, tuple[object, object]]:
    """Route prefix -> (an object of `swv`, one of `elders`) for the `<int:pk>` of the routes under it."""
    eigen, ander = _registry(swv), _registry(elders)
    # partners:afspraak_document serves this file to everyone who may see the agreement.
    eigen["afspraak"].document.save("convenant.pdf", ContentFile(b"%PDF-1.4\n%test\n"))
    duo_import = (
        DuoImport.objects.create(swv=swv, bestandsnaam="scholen.csv", status=DuoImport.Status.KLAAR),
        DuoImport.objects.create(swv=elders, bestandsnaam="scholen.csv"),
    )
    pair = {key: (eigen[key], ander[key]) for key in eigen}
    return {
        "/api/v1/organisaties/": pair["organisatie"],
        "/api/v1/sleutelfiguren/": pair["sleutelfiguur"],
        "/api/v1/afspraken/": pair["afspraak"],
        "/api/v1/voorzieningen/": pair["voorziening"],
        "/partners/sleutelfiguren/": pair["sleutelfiguur"],
        "/partners/afspraken/": pair["afspraak"],
        "/partners/voorzieningen/": pair["voorziening"],
        "/partners/import/": duo_import,
        "/partners/": pair["organisatie"],
    }
