"""Forms of overdracht (issue 11)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partners.models import Organisatie

from .models import Overdracht


class OverdrachtForm(forms.Form):
    # The return after a GGZ placement is offered from the placement (its own button), not chosen here.
    soort = forms.ChoiceField(
        label=_("Soort overdracht"),
        choices=[(k, v) for k, v in Overdracht.Soort.choices if k != Overdracht.Soort.TERUGKEER],
    )
    # Schools of every SWV in this installation: a handover may go to a school of another SWV.
    naar_school = forms.ModelChoiceField(
        label=_("Naar school (in deze installatie)"),
        queryset=Organisatie.objects.filter(soort="school").select_related("swv").order_by("naam", "pk"),
        required=False,
    )
    naar_extern = forms.CharField(
        label=_("Of: ontvanger buiten deze installatie"),
        max_length=250,
        required=False,
        help_text=_("Die krijgt het dossier van de gekozen onderdelen als PDF."),
    )
    delen = forms.MultipleChoiceField(
        label=_("Wat wordt gedeeld"), choices=Overdracht.Deel.choices, widget=forms.CheckboxSelectMultiple
    )
    grondslag = forms.ChoiceField(label=_("Grondslag"), choices=Overdracht.Grondslag.choices)
    toelichting = forms.CharField(
        label=_("Toelichting voor de ontvanger"), widget=forms.Textarea, required=False
    )


class AccepterenForm(forms.Form):
    """Accepting needs only the confirmation of the POST."""


class WeigerenForm(forms.Form):
    reden_weigering = forms.CharField(label=_("Reden van weigering"), widget=forms.Textarea)


class TerugkeerForm(forms.Form):
    toelichting = forms.CharField(
        label=_("Toelichting voor de school van herkomst"), widget=forms.Textarea, required=False
    )
