"""The status rules of OOGO: which status may follow which, in one place (services and forms use it)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OverlegSoort(models.TextChoices):
    BESTUURLIJK = "oogo_bestuurlijk", _("OOGO bestuurlijk")
    VOORPORTAAL = "ambtelijk_voorportaal", _("Ambtelijk voorportaal")
    THUISZITTERSPACT = "werkgroep_thuiszitterspact", _("Werkgroep Thuiszitterspact")
    OVERSTAPTAFEL = "overstaptafel", _("Overstaptafel")
    ONTWIKKELAGENDA = "ontwikkelagenda", _("Ontwikkelagenda-overleg")


class OverlegStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    AGENDA_VERSTUURD = "agenda_verstuurd", _("Agenda verstuurd")
    GEHOUDEN = "gehouden", _("Gehouden")
    GEANNULEERD = "geannuleerd", _("Geannuleerd")


class Thema(models.TextChoices):
    JEUGDHULP = "jeugdhulp", _("Jeugdhulp")
    LEERLINGENVERVOER = "leerlingenvervoer", _("Leerlingenvervoer")
    LEERPLICHT = "leerplicht_thuiszitters", _("Leerplicht & thuiszitters")
    HUISVESTING = "onderwijshuisvesting", _("Onderwijshuisvesting")
    OVERGANGEN = "overgangen", _("Overgangen PO-VO / VO-MBO")
    ARBEIDSMARKT = "arbeidsmarkt", _("Arbeidsmarkt")
    VSV = "vsv", _("Voortijdig schoolverlaten (VSV)")
    ONDERSTEUNINGSPLAN = "ondersteuningsplan", _("Ondersteuningsplan")
    OVERIG = "overig", _("Overig")


class AgendapuntStatus(models.TextChoices):
    VOORGESTELD = "voorgesteld", _("Voorgesteld")
    GEAGENDEERD = "geagendeerd", _("Geagendeerd")
    BESPROKEN = "besproken", _("Besproken")
    OVEREENSTEMMING = "overeenstemming", _("Overeenstemming")
    GEEN_OVEREENSTEMMING = "geen_overeenstemming", _("Geen overeenstemming")
    AANGEHOUDEN = "aangehouden", _("Aangehouden")
    VOORGELEGD = "voorgelegd", _("Voorgelegd aan geschillencommissie")


class ActiepuntStatus(models.TextChoices):
    OPEN = "open", _("Open")
    BEZIG = "bezig", _("Bezig")
    GEREED = "gereed", _("Gereed")
    VERVALLEN = "vervallen", _("Vervallen")


S = AgendapuntStatus
# Which status may follow which. `voorgelegd` only through geschil_voorleggen (it opens the geschil).
AGENDAPUNT_OVERGANGEN: dict[str, frozenset[str]] = {
    S.VOORGESTELD: frozenset({S.GEAGENDEERD, S.AANGEHOUDEN}),
    S.GEAGENDEERD: frozenset({S.BESPROKEN, S.OVEREENSTEMMING, S.GEEN_OVEREENSTEMMING, S.AANGEHOUDEN}),
    S.BESPROKEN: frozenset({S.OVEREENSTEMMING, S.GEEN_OVEREENSTEMMING, S.AANGEHOUDEN}),
    S.AANGEHOUDEN: frozenset(),  # finished in this meeting: its copy in the next meeting goes on
    S.OVEREENSTEMMING: frozenset(),
    S.GEEN_OVEREENSTEMMING: frozenset({S.VOORGELEGD}),
    S.VOORGELEGD: frozenset(),
}
# The outcomes that need the outcome text (what was agreed, or why not).
AGENDAPUNT_MET_UITKOMST = frozenset({S.OVEREENSTEMMING, S.GEEN_OVEREENSTEMMING})
# Not finished: such an item moves to the next meeting (carry-over); `aangehouden` is what it becomes here.
AGENDAPUNT_OPEN = frozenset({S.VOORGESTELD, S.GEAGENDEERD, S.BESPROKEN})

A = ActiepuntStatus
ACTIEPUNT_OPEN = frozenset({A.OPEN, A.BEZIG})
ACTIEPUNT_OVERGANGEN: dict[str, frozenset[str]] = {
    A.OPEN: frozenset({A.BEZIG, A.GEREED, A.VERVALLEN}),
    A.BEZIG: frozenset({A.OPEN, A.GEREED, A.VERVALLEN}),
    A.GEREED: frozenset({A.BEZIG}),  # reopened when it turns out not done
    A.VERVALLEN: frozenset({A.OPEN}),
}

OV = OverlegStatus
OVERLEG_OVERGANGEN: dict[str, frozenset[str]] = {
    OV.GEPLAND: frozenset({OV.AGENDA_VERSTUURD, OV.GEHOUDEN, OV.GEANNULEERD}),
    OV.AGENDA_VERSTUURD: frozenset({OV.GEHOUDEN, OV.GEANNULEERD}),
    OV.GEHOUDEN: frozenset(),
    OV.GEANNULEERD: frozenset(),
}
