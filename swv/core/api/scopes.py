"""The scopes a partner system (API client) can be given: the one place they are defined.

A scope names a kind of data and what the client may do with it. Views declare the scope they need
(`swv.core.api.permissions`); the model, admin form, management command and `docs/api.md` all read
this list. Adding a scope here needs a migration (the database checks the stored scopes).
"""

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    VERZUIM_LEZEN = "verzuim:lezen", _("Verzuim lezen")
    VERZUIM_SCHRIJVEN = "verzuim:schrijven", _("Verzuim melden en bijwerken")
    THUISZITTERS_LEZEN = "thuiszitters:lezen", _("Thuiszitters lezen")
    THUISZITTERS_SCHRIJVEN = "thuiszitters:schrijven", _("Thuiszitters melden en bijwerken")
    CASUSSEN_INDIENEN = "casussen:indienen", _("Casussen indienen")
    CASUSSEN_LEZEN = "casussen:lezen", _("Casussen lezen")
    CASUSSEN_ACTIES = "casussen:acties", _("Acties en evaluaties van casussen bijwerken")
    LEERLINGEN_LEZEN = "leerlingen:lezen", _("Leerlingen zoeken en lezen")
    PARTNERS_LEZEN = "partners:lezen", _("Partnerorganisaties lezen")
    PARTNERS_SCHRIJVEN = "partners:schrijven", _("Partnerorganisaties bijwerken")
    # --- issue 11, part TLV ---
    TLVS_LEZEN = "tlvs:lezen", _("TLV's lezen en controleren")
    TLVS_BESLUITEN = "tlvs:besluiten", _("TLV-adviezen en -besluiten vastleggen")
    # --- issue 13, OOGO ---
    OOGO_LEZEN = "oogo:lezen", _("OOGO-overleggen, agendapunten en actiepunten lezen")
    OOGO_ACTIES = "oogo:acties", _("De status van OOGO-actiepunten bijwerken")


# The longer explanation a functioneel beheerder sees before granting a scope.
BESCHRIJVINGEN: dict[str, str | Promise] = {
    Scope.VERZUIM_LEZEN: _(
        "Verzuimmeldingen en -registraties lezen van leerlingen binnen het SWV van de client."
    ),
    Scope.VERZUIM_SCHRIJVEN: _(
        "Verzuim melden en bestaande verzuimmeldingen bijwerken (bijvoorbeeld vanuit een leerlingvolgsysteem)."
    ),
    Scope.THUISZITTERS_LEZEN: _(
        "Thuiszittersregistraties lezen (bijvoorbeeld voor de leerplichtadministratie)."
    ),
    Scope.THUISZITTERS_SCHRIJVEN: _("Thuiszitters aanmelden en hun registratie bijwerken."),
    Scope.CASUSSEN_INDIENEN: _("Een nieuwe hulpvraag (casus) bij het SWV indienen namens de organisatie."),
    Scope.CASUSSEN_LEZEN: _("Casussen lezen waarbij de organisatie van de client betrokken is."),
    Scope.CASUSSEN_ACTIES: _(
        "Acties van het plan toevoegen en de status bijwerken (een ketenpartner alleen van de acties van de "
        "eigen organisatie) en evaluaties vastleggen, bij de casussen die de organisatie van de client ziet."
    ),
    Scope.LEERLINGEN_LEZEN: _(
        "Leerlingen zoeken op BSN of onderwijsnummer en hun gegevens lezen (inschrijvingen, ouders/verzorgers "
        "met contactgegevens): een school alleen haar eigen leerlingen, een gemeente of leerplichtorganisatie "
        "de leerlingen die er wonen, het SWV-bureau alle leerlingen van het SWV."
    ),
    Scope.PARTNERS_LEZEN: _("Partnerorganisaties en hun contactgegevens lezen."),
    Scope.PARTNERS_SCHRIJVEN: _(
        "Partnerorganisaties aanmaken en bijwerken (bijvoorbeeld een sociale kaart)."
    ),
    # --- issue 11, part TLV ---
    Scope.TLVS_LEZEN: _(
        "TLV's lezen (een school die van de eigen leerlingen, het SWV-bureau alle) en de TLV van een leerling "
        "controleren op BSN (alleen soort, categorie, periode en geldigheid)."
    ),
    Scope.TLVS_BESLUITEN: _(
        "Deskundigenadviezen en besluiten over TLV's vastleggen (alleen het systeem van het SWV-bureau)."
    ),
    # --- issue 13, OOGO ---
    Scope.OOGO_LEZEN: _(
        "De OOGO-overleggen met de gemeenten lezen, met hun agendapunten, besluiten en actiepunten (geen "
        "leerlinggegevens)."
    ),
    Scope.OOGO_ACTIES: _("De status van OOGO-actiepunten bijwerken (bijvoorbeeld vanuit een takensysteem)."),
}

ALLE_SCOPES: frozenset[str] = frozenset(Scope.values)
