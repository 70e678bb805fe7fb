"""Forms of the team pages (issue 10, part team). Choices are narrowed to the case's SWV and pupil."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.models import Organisatie, Persoon
from swv.core.formfields import keuzeveld
from swv.core.models import Lidmaatschap, Rol

from .models import Casus, OtLid, Ouder, Toestemming

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# Accounts that may be invited, per their role (the service checks the fit with the OT role again).
UITNODIGBARE_ROLLEN = sorted(
    {
        Rol.KETENPARTNER,
        Rol.LEERPLICHTAMBTENAAR,
        Rol.SWV_COORDINATOR,
        Rol.SWV_DESKUNDIGE,
        Rol.SWV_MEDEWERKER,
        Rol.ZORGCOORDINATOR,
        Rol.INTERN_BEGELEIDER,
        Rol.SCHOOLDIRECTEUR,
    }
)


class LidmaatschapKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        naam = obj.user.get_full_name() or obj.user.get_username()
        return f"{naam} — {obj.organisatie.naam} ({obj.get_rol_display()})"


class OtLidForm(forms.Form):
    rol = forms.ChoiceField(label=_("Rol in het team"), choices=OtLid.Rol.choices)
    lidmaatschap = LidmaatschapKeuze(
        label=_("Gebruiker (krijgt toegang)"),
        queryset=Lidmaatschap.objects.none(),
        required=False,
        help_text=_(
            "Een professional met een account. Een ketenpartner ziet de casus pas als er geldige toestemming is voor de organisatie."
        ),
    )
    organisatie = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisatie.objects.none(),
        required=False,
        help_text=_("Uit de sociale kaart. Bij een gebruiker: laat leeg of kies diens organisatie."),
    )
    persoon = forms.ModelChoiceField(
        label=_("Persoon uit de sociale kaart (contactgegevens)"),
        queryset=Persoon.objects.none(),
        required=False,
    )
    ouder = forms.ModelChoiceField(
        label=_("Ouder of verzorger"), queryset=Ouder.objects.none(), required=False
    )
    functie = forms.CharField(label=_("Functie"), max_length=150, required=False)

    def __init__(self, *args, casus: Casus, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        keuzeveld(self, "lidmaatschap").queryset = (
            Lidmaatschap.objects.filter(swv_id=casus.swv_id, actief=True, rol__in=UITNODIGBARE_ROLLEN)
            .select_related("user", "organisatie")
            .order_by("organisatie__naam", "user__last_name", "user__username")
        )
        keuzeveld(self, "organisatie").queryset = Organisatie.objects.filter(
            swv_id=casus.swv_id, actief=True
        ).order_by("naam")
        keuzeveld(self, "persoon").queryset = Persoon.objects.filter(swv_id=casus.swv_id).op_achternaam()
        keuzeveld(self, "ouder").queryset = Ouder.objects.filter(leerling_id=casus.leerling_id)

    def clean(self):
        data = super().clean() or {}
        lidmaatschap = data.get("lidmaatschap")
        if lidmaatschap is not None:
            if data.get("organisatie") and data["organisatie"] != lidmaatschap.organisatie:
                self.add_error(
                    "organisatie",
                    _("De gekozen gebruiker werkt voor een andere organisatie; laat dit veld leeg."),
                )
            else:
                data["organisatie"] = lidmaatschap.organisatie
        return data

    def service_velden(self) -> dict:
        data = self.cleaned_data
        lidmaatschap = data.get("lidmaatschap")
        return {
            "rol": data["rol"],
            "organisatie": data.get("organisatie"),
            "persoon": data.get("persoon"),
            "gebruiker": lidmaatschap.user if lidmaatschap else None,
            "ouder": data.get("ouder"),
            "functie": data.get("functie", ""),
        }


class BeeindigenForm(forms.Form):
    reden = forms.CharField(label=_("Reden (optioneel)"), max_length=250, required=False)
    # An empty POST must not end anything: the button sends this.
    bevestigd = forms.BooleanField(widget=forms.HiddenInput, initial=True)


class ToestemmingForm(forms.Form):
    doel = forms.ChoiceField(
        label=_("Doel"), choices=Toestemming.Doel.choices, initial=Toestemming.Doel.DEELNAME_OT
    )
    organisatie = forms.ModelChoiceField(label=_("Voor organisatie"), queryset=Organisatie.objects.none())
    gever = forms.ChoiceField(label=_("Gegeven door"))
    gegeven_op = forms.DateField(label=_("Gegeven op"), widget=DATUM)
    wijze = forms.ChoiceField(label=_("Hoe gegeven"), choices=Toestemming.Wijze.choices)
    geldig_tot = forms.DateField(label=_("Geldig tot en met (optioneel)"), required=False, widget=DATUM)

    def __init__(self, *args, casus: Casus, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        keuzeveld(self, "organisatie").queryset = Organisatie.objects.filter(
            swv_id=casus.swv_id, actief=True
        ).order_by("naam")
        self.ouders = {str(o.pk): o for o in Ouder.objects.filter(leerling_id=casus.leerling_id)}
        keuzes = [("", "---------")]
        # Only ouders with gezag are offered; the service refuses anyone else too.
        keuzes += [
            (f"ouder:{pk}", f"{o.voornaam} {o.achternaam} ({o.get_relatie_display()})".replace("  ", " "))
            for pk, o in self.ouders.items()
            if o.gezag
        ]
        keuzes.append(("leerling", str(_("De leerling zelf (16 jaar of ouder)"))))
        gever = self.fields["gever"]
        assert isinstance(gever, forms.ChoiceField)
        gever.choices = keuzes
        if not self.is_bound:
            self.initial.setdefault("gegeven_op", timezone.localdate())

    def service_velden(self) -> dict:
        data = self.cleaned_data
        gever = data["gever"]
        return {
            "doel": data["doel"],
            "organisatie": data["organisatie"],
            "gegeven_op": data["gegeven_op"],
            "wijze": data["wijze"],
            "geldig_tot": data.get("geldig_tot"),
            "gegeven_door_ouder": self.ouders[gever.split(":", 1)[1]] if gever.startswith("ouder:") else None,
            "gegeven_door_leerling": gever == "leerling",
        }


class IntrekkenForm(forms.Form):
    reden = forms.CharField(label=_("Reden van intrekking"), widget=forms.Textarea(attrs={"rows": 3}))


def toestemming_status(toestemming: Toestemming, vandaag: datetime.date | None = None) -> str:
    """The status a consent has on `vandaag`: the Python twin of `ToestemmingQuerySet.geldig()` for a
    loaded row (tests/cases/test_team_pages.py holds the two to the same answers)."""
    vandaag = vandaag or timezone.localdate()
    if toestemming.ingetrokken_op is not None:
        return "ingetrokken"
    if toestemming.gegeven_op > vandaag:
        return "nog_niet"
    if toestemming.geldig_tot is not None and toestemming.geldig_tot < vandaag:
        return "verlopen"
    return "geldig"
