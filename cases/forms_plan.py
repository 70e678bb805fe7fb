"""Forms of the plan part (issue 10): the plan concept, the ouders' instemming, actions, evaluations."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partners.models import Organisatie, Persoon
from swv.core.optimistic import VersieFormMixin

from .models import Actie, Evaluatie, Ouder, Plan
from .services_plan import PLAN_INHOUD

_DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanForm(VersieFormMixin, forms.ModelForm):
    class Meta:
        model = Plan
        fields = list(PLAN_INHOUD)
        widgets = {
            naam: forms.Textarea(attrs={"rows": 4}) for naam in PLAN_INHOUD if naam != "uitstroomprofiel"
        }


class InstemmingForm(forms.Form):
    instemming = forms.ChoiceField(
        label=_("Instemming van de ouders met het handelingsdeel"),
        choices=[
            (Plan.Instemming.INGESTEMD, Plan.Instemming.INGESTEMD.label),
            (Plan.Instemming.NIET_INGESTEMD, Plan.Instemming.NIET_INGESTEMD.label),
        ],
        widget=forms.RadioSelect,
    )
    op = forms.DateField(label=_("Datum"), widget=_DATUM)
    door = forms.ModelChoiceField(label=_("Ouder of verzorger (met gezag)"), queryset=Ouder.objects.none())
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht als de ouders niet instemmen."),
    )

    def __init__(self, *args, leerling, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["door"].queryset = Ouder.objects.filter(leerling=leerling, swv_id=leerling.swv_id)  # type: ignore[attr-defined]

    def add_error(self, field, error) -> None:
        # The service names the model's fields; this form shows them under its own names.
        namen = {"instemming_op": "op", "instemming_door": "door", "instemming_toelichting": "toelichting"}
        if isinstance(error, dict):
            error = {namen.get(k, k): v for k, v in error.items()}
        super().add_error(namen.get(field, field) if field else field, error)


class ActieForm(forms.ModelForm):
    class Meta:
        model = Actie
        fields = [
            "omschrijving",
            "eigenaar_organisatie",
            "eigenaar_persoon",
            "deadline",
            "status",
            "toelichting",
        ]
        widgets = {
            "omschrijving": forms.Textarea(attrs={"rows": 3}),
            "toelichting": forms.Textarea(attrs={"rows": 2}),
            "deadline": _DATUM,
        }

    def __init__(self, *args, swv_id: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["eigenaar_organisatie"].queryset = Organisatie.objects.filter(swv_id=swv_id)  # type: ignore[attr-defined]
        self.fields["eigenaar_persoon"].queryset = Persoon.objects.filter(swv_id=swv_id)  # type: ignore[attr-defined]


class ActieStatusForm(forms.ModelForm):
    class Meta:
        model = Actie
        fields = ["status", "toelichting"]
        widgets = {"toelichting": forms.Textarea(attrs={"rows": 2})}


class EvaluatieForm(forms.ModelForm):
    class Meta:
        model = Evaluatie
        fields = ["datum", "met_ouders", "conclusie", "verslag", "vervolg"]
        widgets = {
            "datum": _DATUM,
            "verslag": forms.Textarea(attrs={"rows": 4}),
            "vervolg": forms.Textarea(attrs={"rows": 3}),
        }
