"""Forms of the arrangement pages (issue 11). The services check the rules; these collect the input."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.bezetting import verrijk
from partners.models import Voorziening

from .models import Arrangement, Casus
from .models.arrangement import OVERGANGEN

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VoorzieningKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        # Occupancy as the dekkend netwerk counts it, so a full voorziening is visible before choosing it.
        return _(
            "%(naam)s — %(aanbieder)s (%(bezet)d van %(capaciteit)d plekken bezet, %(wacht)d wachtend)"
        ) % {
            "naam": obj.naam,
            "aanbieder": obj.aanbieder.naam,
            "bezet": obj.bezetting_totaal,
            "capaciteit": obj.capaciteit,
            "wacht": obj.wachtlijst,
        }


class ArrangementAanvraagForm(forms.Form):
    voorziening = VoorzieningKeuze(label=_("Voorziening"), queryset=Voorziening.objects.none())
    reden = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    startdatum = forms.DateField(label=_("Startdatum"), widget=DATUM)
    einddatum = forms.DateField(label=_("Einddatum (verwacht)"), widget=DATUM, required=False)

    def __init__(self, *args, casus: Casus, **kwargs) -> None:
        kwargs.setdefault("initial", {"startdatum": timezone.localdate()})
        super().__init__(*args, **kwargs)
        veld = self.fields["voorziening"]
        assert isinstance(veld, VoorzieningKeuze)
        keuzes = list(
            Voorziening.objects.filter(swv_id=casus.swv_id)
            .lopend(timezone.localdate())
            .select_related("aanbieder")
            .order_by("naam", "pk")
        )
        verrijk(keuzes)
        veld.queryset = Voorziening.objects.filter(pk__in=[v.pk for v in keuzes]).select_related("aanbieder")
        per_pk = {v.pk: v for v in keuzes}
        veld.choices = [("", "---------")] + [(v.pk, veld.label_from_instance(per_pk[v.pk])) for v in keuzes]

    def clean(self):
        data = super().clean() or {}
        if data.get("einddatum") and data.get("startdatum") and data["einddatum"] < data["startdatum"]:
            self.add_error("einddatum", _("De einddatum ligt vóór de startdatum."))
        return data


class ArrangementStatusForm(forms.Form):
    naar = forms.ChoiceField(label=_("Nieuwe status"), choices=())
    reden = forms.CharField(
        label=_("Reden (verplicht bij beëindigen)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )
    einddatum = forms.DateField(
        label=_("Einddatum (bij beëindigen; leeg is vandaag)"), widget=DATUM, required=False
    )
    # The status the user saw: a change by someone else meanwhile is refused, not overwritten.
    van = forms.CharField(widget=forms.HiddenInput)
    bevestigd = forms.BooleanField(
        label=_("Toch toekennen, boven de capaciteit van de voorziening"), required=False
    )

    def __init__(self, *args, arrangement: Arrangement, **kwargs) -> None:
        kwargs.setdefault("initial", {"van": arrangement.status})
        super().__init__(*args, **kwargs)
        naar = self.fields["naar"]
        assert isinstance(naar, forms.ChoiceField)
        naar.choices = [
            (s.value, s.label) for s in Arrangement.Status if s.value in OVERGANGEN[arrangement.status]
        ]
