"""Forms of the OOGO pages (issue 13). The choices of linked objects are narrowed to the acting SWV; the
services check the SWV again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partners.models import Organisatie, Persoon

from .models import Agendapunt, Ontwikkeldoel, Overleg
from .workflow import OVERLEG_OVERGANGEN, ActiepuntStatus, AgendapuntStatus, OverlegStatus

_DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_TIJD = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class OverlegForm(forms.ModelForm):
    videolink = forms.URLField(label=_("Videolink"), required=False, assume_scheme="https")
    gemeenten = forms.ModelMultipleChoiceField(
        label=_("Deelnemende gemeenten"),
        queryset=Organisatie.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    genodigden = forms.ModelMultipleChoiceField(
        label=_("Genodigden (uit het partnerregister)"),
        queryset=Persoon.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Overleg
        fields = ["soort", "titel", "begin", "einde", "locatie"]
        widgets = {"begin": _TIJD, "einde": _TIJD}

    def __init__(self, *args, swv_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        for naam in ("begin", "einde"):
            veld = self.fields[naam]
            assert isinstance(veld, forms.DateTimeField)
            veld.input_formats = ["%Y-%m-%dT%H:%M"]
        gemeenten = self.fields["gemeenten"]
        genodigden = self.fields["genodigden"]
        assert isinstance(gemeenten, forms.ModelMultipleChoiceField)
        assert isinstance(genodigden, forms.ModelMultipleChoiceField)
        gemeenten.queryset = Organisatie.objects.filter(
            swv_id=swv_id, soort=Organisatie.Soort.GEMEENTE
        ).order_by("naam")
        genodigden.queryset = Persoon.objects.filter(swv_id=swv_id)

    def clean(self):
        data = super().clean() or {}
        begin, einde = data.get("begin"), data.get("einde")
        if begin and einde and einde <= begin:
            self.add_error("einde", _("Het einde ligt voor het begin."))
        return data


class AgendapuntForm(forms.ModelForm):
    class Meta:
        model = Agendapunt
        fields = ["titel", "thema", "ambitie", "indiener", "toelichting"]
        widgets = {"toelichting": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, swv_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        ambitie = self.fields["ambitie"]
        indiener = self.fields["indiener"]
        assert isinstance(ambitie, forms.ModelChoiceField)
        assert isinstance(indiener, forms.ModelChoiceField)
        ambitie.queryset = Ontwikkeldoel.objects.filter(swv_id=swv_id)
        indiener.queryset = Persoon.objects.filter(swv_id=swv_id)


class AgendapuntStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(s.value, s.label) for s in AgendapuntStatus if s != AgendapuntStatus.VOORGELEGD],
    )
    uitkomst = forms.CharField(
        label=_("Uitkomst"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij overeenstemming en bij geen overeenstemming."),
    )


class BesluitForm(forms.Form):
    tekst = forms.CharField(label=_("Besluit"), widget=forms.Textarea(attrs={"rows": 3}))
    agendapunt = forms.ModelChoiceField(
        label=_("Bij agendapunt"), queryset=Agendapunt.objects.none(), required=False
    )

    def __init__(self, *args, overleg: Overleg, **kwargs):
        # Its own ids: the meeting page also shows the action form, which has an `agendapunt` field too;
        # with the same id both labels "Bij agendapunt" would point at this select.
        kwargs.setdefault("auto_id", "besluit_%s")
        super().__init__(*args, **kwargs)
        veld = self.fields["agendapunt"]
        assert isinstance(veld, forms.ModelChoiceField)
        veld.queryset = Agendapunt.objects.filter(overleg=overleg)


class ActiepuntForm(forms.Form):
    omschrijving = forms.CharField(label=_("Actie"), max_length=250)
    eigenaar = forms.ModelChoiceField(label=_("Eigenaar"), queryset=Persoon.objects.none())
    deadline = forms.DateField(label=_("Deadline"), widget=_DATUM)
    agendapunt = forms.ModelChoiceField(
        label=_("Bij agendapunt"), queryset=Agendapunt.objects.none(), required=False
    )

    def __init__(self, *args, overleg: Overleg, **kwargs):
        kwargs.setdefault("auto_id", "actiepunt_%s")  # see BesluitForm: unique ids on the meeting page
        super().__init__(*args, **kwargs)
        eigenaar = self.fields["eigenaar"]
        agendapunt = self.fields["agendapunt"]
        assert isinstance(eigenaar, forms.ModelChoiceField)
        assert isinstance(agendapunt, forms.ModelChoiceField)
        eigenaar.queryset = Persoon.objects.filter(swv_id=overleg.swv_id)
        agendapunt.queryset = Agendapunt.objects.filter(overleg=overleg)


class ActiepuntStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActiepuntStatus.choices)
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class OverlegStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Nieuwe status"),
        choices=[(s.value, s.label) for s in OverlegStatus if s != OverlegStatus.GEPLAND],
    )

    def __init__(self, *args, huidige: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if huidige is not None:
            # Offer only the steps that may follow the current status (a sent agenda is not sent again).
            veld = self.fields["status"]
            assert isinstance(veld, forms.ChoiceField)
            veld.choices = [(s.value, s.label) for s in OverlegStatus if s in OVERLEG_OVERGANGEN[huidige]]


__all__ = [
    "ActiepuntForm",
    "ActiepuntStatusForm",
    "AgendapuntForm",
    "AgendapuntStatusForm",
    "BesluitForm",
    "OverlegForm",
    "OverlegStatusForm",
]
