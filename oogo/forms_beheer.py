"""Forms of the coordinator's OOGO pages (oogo/views_beheer.py): editing a meeting, attendance, the
ontwikkelagenda, the ondersteuningsplan cycle and geschillen. Choices of linked objects are narrowed to
the acting SWV; the services check the SWV and the rules again (and refuse with a Dutch error)."""

from django import forms
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from partners.models import Persoon, Sleutelfiguur

from .forms import OverlegForm
from .models import Deelname, Geschil, Ondersteuningsplan, Ontwikkeldoel, Overleg
from .workflow import OverlegSoort, OverlegStatus

_DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _GenodigdeVeld(forms.ModelMultipleChoiceField):
    """A person with their current roles, so the coordinator recognises the wethouder or bestuurder."""

    def label_from_instance(self, obj) -> str:
        rollen = [f"{r.functie}, {r.organisatie.naam}" for r in getattr(obj, "huidige_rollen", [])]
        return f"{obj.naam} ({'; '.join(rollen)})" if rollen else obj.naam


class OverlegBewerkenForm(OverlegForm):
    """The planning form, filled with the meeting. No `instance`: the form must not change the meeting
    itself before the service compares old and new (it raises the ICS sequence only on a change)."""

    genodigden = _GenodigdeVeld(
        label=_("Genodigden (uit het partnerregister)"),
        queryset=Persoon.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Bijvoorbeeld de wethouders, bestuurders en coördinatoren die worden uitgenodigd."),
    )

    def __init__(self, *args, overleg: Overleg, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "soort": overleg.soort,
                "titel": overleg.titel,
                "begin": overleg.begin,
                "einde": overleg.einde,
                "locatie": overleg.locatie,
                "videolink": overleg.videolink,
                "gemeenten": [g.pk for g in overleg.gemeenten.all()],
                "genodigden": [d.persoon_id for d in overleg.deelnames.all()],
            },
        )
        super().__init__(*args, swv_id=overleg.swv_id, **kwargs)
        genodigden = self.fields["genodigden"]
        assert isinstance(genodigden, forms.ModelMultipleChoiceField)
        genodigden.queryset = Persoon.objects.filter(swv_id=overleg.swv_id).prefetch_related(
            Prefetch(
                "rollen",
                queryset=Sleutelfiguur.objects.huidig().select_related("organisatie"),
                to_attr="huidige_rollen",
            )
        )


# How attendance reads on the page; the stored values are Deelname.Aanwezigheid.
AANWEZIGHEID_KEUZES = [
    (Deelname.Aanwezigheid.AANWEZIG, _("Aanwezig")),
    (Deelname.Aanwezigheid.AFGEMELD, _("Afwezig met bericht")),
    (Deelname.Aanwezigheid.AFWEZIG, _("Afwezig")),
    (Deelname.Aanwezigheid.ONBEKEND, _("Nog niet bekend")),
]


class AanwezigheidForm(forms.Form):
    """One choice per invited person (field `persoon_<id>`)."""

    def __init__(self, *args, deelnames, **kwargs):
        super().__init__(*args, **kwargs)
        self.deelnames = list(deelnames)
        for deelname in self.deelnames:
            self.fields[f"persoon_{deelname.persoon_id}"] = forms.ChoiceField(
                label=deelname.persoon.naam,
                choices=AANWEZIGHEID_KEUZES,
                initial=deelname.aanwezigheid,
                widget=forms.RadioSelect,
            )

    def aanwezigheid(self) -> dict[int, str]:
        return {d.persoon_id: self.cleaned_data[f"persoon_{d.persoon_id}"] for d in self.deelnames}


class OntwikkeldoelForm(forms.ModelForm):
    class Meta:
        model = Ontwikkeldoel
        fields = ["thema", "doel", "ambitie", "van_jaar", "tot_jaar"]
        widgets = {"ambitie": forms.Textarea(attrs={"rows": 3})}


class VoortgangForm(forms.Form):
    notitie = forms.CharField(label=_("Voortgang"), widget=forms.Textarea(attrs={"rows": 3}))
    overleg = forms.ModelChoiceField(
        label=_("In het overleg"),
        queryset=Overleg.objects.none(),
        required=False,
        help_text=_("Leeg: een notitie buiten een overleg."),
    )
    datum = forms.DateField(
        label=_("Datum"),
        required=False,
        widget=_DATUM,
        help_text=_("Leeg: de datum van het overleg of vandaag."),
    )

    def __init__(self, *args, swv_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        veld = self.fields["overleg"]
        assert isinstance(veld, forms.ModelChoiceField)
        veld.queryset = (
            Overleg.objects.filter(swv_id=swv_id).exclude(status=OverlegStatus.GEANNULEERD).order_by("-begin")
        )


class OndersteuningsplanForm(forms.ModelForm):
    class Meta:
        model = Ondersteuningsplan
        fields = ["titel", "periode_van", "periode_tot"]
        widgets = {"periode_van": _DATUM, "periode_tot": _DATUM}
        help_texts = {"periode_tot": _("Een ondersteuningsplan geldt voor ten hoogste vier jaar.")}


class PlanOogoForm(forms.Form):
    overleg = forms.ModelChoiceField(label=_("OOGO over het plan"), queryset=Overleg.objects.none())

    def __init__(self, *args, swv_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        veld = self.fields["overleg"]
        assert isinstance(veld, forms.ModelChoiceField)
        # The law asks for the bestuurlijk OOGO with the gemeenten (WPO 18a lid 8 / WVO 2020 2.47 lid 8).
        veld.queryset = (
            Overleg.objects.filter(swv_id=swv_id, soort=OverlegSoort.BESTUURLIJK)
            .exclude(status=OverlegStatus.GEANNULEERD)
            .order_by("-begin")
        )


class PlanDatumForm(forms.Form):
    op = forms.DateField(label=_("Datum"), widget=_DATUM)


class GeschilVoorleggenForm(forms.Form):
    gemeente = forms.ModelChoiceField(label=_("Gemeente"), queryset=Overleg.objects.none())
    ingediend_door = forms.ChoiceField(label=_("Ingediend door"), choices=Geschil.Partij.choices)
    ingediend_op = forms.DateField(label=_("Ingediend op"), widget=_DATUM)

    def __init__(self, *args, overleg: Overleg, **kwargs):
        super().__init__(*args, **kwargs)
        veld = self.fields["gemeente"]
        assert isinstance(veld, forms.ModelChoiceField)
        veld.queryset = overleg.gemeenten.order_by("naam")


class GeschilBijwerkenForm(forms.Form):
    verweer_ontvangen_op = forms.DateField(label=_("Verweer ontvangen op"), required=False, widget=_DATUM)
    advies_ontvangen_op = forms.DateField(label=_("Advies ontvangen op"), required=False, widget=_DATUM)
    advies = forms.CharField(label=_("Advies"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean() or {}
        verweer, advies = data.get("verweer_ontvangen_op"), data.get("advies_ontvangen_op")
        if verweer and advies and advies < verweer:
            self.add_error("advies_ontvangen_op", _("Het advies kan niet vóór het verweer zijn ontvangen."))
        return data
