from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .admin_services import ServiceAdminMixin
from .api.scopes import BESCHRIJVINGEN
from .api.services import api_client_create, api_client_revoke, api_client_rotate, api_client_update
from .http import ingelogde_gebruiker
from .lidmaatschappen import lidmaatschap_create, lidmaatschap_delete, lidmaatschap_update
from .models import ApiClient, Lidmaatschap, Rol, Samenwerkingsverband, Uitnodiging, User

# The organisation model, through the lazy reference of the memberships (the platform imports no app).
Organisatie = Lidmaatschap._meta.get_field("organisatie").related_model


def beheerde_swvs(request: HttpRequest):
    """The SWVs (as a subquery) where the requesting user acts as functioneel beheerder."""
    return Lidmaatschap.objects.filter(
        user=ingelogde_gebruiker(request), rol=Rol.BEHEERDER, actief=True
    ).values("swv")


if TYPE_CHECKING:  # what the mixin is mixed into, for the type checker
    _AdminBase = admin.ModelAdmin
else:
    _AdminBase = object


class BeheerdeSwvAdminMixin(_AdminBase):
    """Tenancy in the admin: a beheerder sees and links only rows of the SWVs they manage."""

    swv_lookup = "swv"

    def get_queryset(self, request: HttpRequest):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.swv_lookup}__in": beheerde_swvs(request)})

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if not request.user.is_superuser:
            if db_field.name == "organisatie" or (
                db_field.name == "gemeente" and db_field.related_model is Organisatie
            ):
                kwargs["queryset"] = Organisatie._default_manager.filter(swv__in=beheerde_swvs(request))
            elif db_field.name == "swv":
                kwargs["queryset"] = Samenwerkingsverband.objects.filter(pk__in=beheerde_swvs(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def beheert_account_volledig(request: HttpRequest, account: User) -> bool:
    """Whether the requesting user may change who this account is: password, e-mail, name, second factor.

    A platform superuser may. A beheerder only for an account that is no superuser and whose every
    membership (also an ended one) lies in an SWV they manage: an account that also belongs to another
    SWV is that SWV's too, and taking it over from here would open that SWV's data.
    """
    if request.user.is_superuser:
        return True
    if account.is_superuser:
        return False
    swvs = set(Lidmaatschap.objects.filter(user=account).values_list("swv_id", flat=True))
    beheerd = set(beheerde_swvs(request).values_list("swv", flat=True))
    return bool(swvs) and swvs <= beheerd


def accounts_van_beheerde_swvs(request: HttpRequest):
    """Accounts with a membership in an SWV the requesting beheerder manages (what the admin may list)."""
    return User.objects.filter(lidmaatschappen__swv__in=beheerde_swvs(request)).distinct()


ALLEEN_ANDER_SWV = _(
    "Dit account hoort ook bij een ander samenwerkingsverband (of is een platformbeheerder). "
    "Wachtwoord, e-mailadres, naam en tweestapsverificatie kan alleen de platformbeheerder wijzigen."
)


class LidmaatschapInline(BeheerdeSwvAdminMixin, admin.TabularInline):
    model = Lidmaatschap
    extra = 0
    autocomplete_fields = ["organisatie"]

    def get_min_num(self, request: HttpRequest, obj=None, **kwargs):
        # A beheerder creates an account together with its membership in their SWV; without one the
        # account would at once be out of their sight (and of any SWV).
        if obj is None and not request.user.is_superuser:
            return 1
        return super().get_min_num(request, obj, **kwargs)

    def get_formset(self, request: HttpRequest, obj=None, **kwargs):
        if obj is None and not request.user.is_superuser:
            kwargs["validate_min"] = True
        return super().get_formset(request, obj, **kwargs)

    def get_extra(self, request: HttpRequest, obj=None, **kwargs):
        return (
            0 if obj is None and not request.user.is_superuser else super().get_extra(request, obj, **kwargs)
        )


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Accounts. A beheerder sees only accounts with a membership in an SWV where they are beheerder.

    Only a platform superuser grants superuser, staff, groups or permissions; a beheerder never sees those
    fields as editable, and since they are not in the beheerder's form a crafted POST cannot set them.
    """

    inlines = [LidmaatschapInline]
    actions = ["tweestaps_resetten"]

    @staticmethod
    def _beheerder_fieldsets(wachtwoord: str):
        return (
            (None, {"fields": ("username", wachtwoord)}),
            (_("Persoonlijke gegevens"), {"fields": ("first_name", "last_name", "email")}),
            (_("Status"), {"fields": ("is_active", "is_staff", "is_superuser")}),
            (_("Belangrijke datums"), {"fields": ("last_login", "date_joined")}),
        )

    def get_queryset(self, request: HttpRequest):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(pk__in=accounts_van_beheerde_swvs(request).values("pk"))

    def get_fieldsets(self, request: HttpRequest, obj=None):
        if obj is None or request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        volledig = beheert_account_volledig(request, obj)
        return self._beheerder_fieldsets("wachtwoord" if volledig else "wachtwoord_geblokkeerd")

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        if request.user.is_superuser or obj is None:
            return super().get_readonly_fields(request, obj)
        readonly = [
            "wachtwoord",
            "wachtwoord_geblokkeerd",
            "is_staff",
            "is_superuser",
            "last_login",
            "date_joined",
        ]
        if not beheert_account_volledig(request, obj):
            readonly += ["username", "first_name", "last_name", "email", "is_active"]
        return readonly

    @admin.display(description=_("wachtwoord"))
    def wachtwoord(self, obj: User) -> str:
        # Never the hash; only the way to set a new one.
        url = reverse("admin:auth_user_password_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Nieuw wachtwoord instellen"))

    @admin.display(description=_("wachtwoord"))
    def wachtwoord_geblokkeerd(self, obj: User) -> str:
        return str(ALLEEN_ANDER_SWV)

    def get_actions(self, request: HttpRequest):
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            # Deleting an account removes it from every SWV it belongs to: not a beheerder's call.
            actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: User, form, change: bool) -> None:
        if change and not request.user.is_superuser:
            # The form already lacks these fields; this guards against a form that someone widens later.
            original = User.objects.get(pk=obj.pk)
            obj.is_superuser, obj.is_staff = original.is_superuser, original.is_staff
            if not beheert_account_volledig(request, original):
                for field in ("username", "password", "first_name", "last_name", "email", "is_active"):
                    setattr(obj, field, getattr(original, field))
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        """The memberships on an account's page, through the membership services.

        Their checks (same SWV, unique membership) already ran on the inline's forms (`full_clean`),
        so the services meet valid data here; a race that still fails is an error, not a silent write.
        """
        if formset.model is not Lidmaatschap:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)  # fills new_objects / changed_objects / deleted_objects, writes nothing
        for lidmaatschap in formset.deleted_objects:
            lidmaatschap_delete(lidmaatschap=lidmaatschap, by=request.user)
        for lidmaatschap in formset.new_objects:
            nieuw = lidmaatschap_create(
                swv=lidmaatschap.swv,
                user=lidmaatschap.user,
                organisatie=lidmaatschap.organisatie,
                rol=lidmaatschap.rol,
                actief=lidmaatschap.actief,
                by=request.user,
            )
            lidmaatschap.pk = nieuw.pk
        for lidmaatschap, velden in formset.changed_objects:
            opgeslagen = Lidmaatschap.objects.get(pk=lidmaatschap.pk)
            lidmaatschap_update(
                lidmaatschap=opgeslagen,
                by=request.user,
                **{veld: getattr(lidmaatschap, veld) for veld in velden if veld != "user"},
            )
        return None

    def user_change_password(self, request: HttpRequest, id, form_url=""):
        user = self.get_object(request, unquote(id))
        if user is not None and not beheert_account_volledig(request, user):
            self.message_user(request, ALLEEN_ANDER_SWV, messages.ERROR)
            return HttpResponseRedirect(reverse("admin:core_user_change", args=[user.pk]))
        return super().user_change_password(request, id, form_url)

    def _koppellinks(self, request: HttpRequest, users: list, titel, verder_url: str) -> TemplateResponse:
        """Issue an enrolment link per account: e-mailed to its own address, or shown here once."""
        from .twofactor import koppellink_mailen, koppellink_pad, koppellink_uitgeven

        gemaild, links = [], []
        for user in users:
            if user.email:
                koppellink_mailen(user=user, by=request.user, request=request)
                gemaild.append(user)
            else:
                token = koppellink_uitgeven(user=user, by=request.user)
                links.append((user, request.build_absolute_uri(koppellink_pad(token))))
        response = TemplateResponse(
            request,
            "admin/core/user/koppellinks.html",
            {
                **self.admin_site.each_context(request),
                "title": titel,
                "opts": self.model._meta,
                "gemaild": gemaild,
                "links": links,
                "uren": settings.TWEESTAPS_KOPPELLINK_UREN,
                "changelist_url": reverse("admin:core_user_changelist"),
                "verder_url": verder_url,
            },
        )
        # The links are secrets: shown in this response only, never cached.
        add_never_cache_headers(response)
        response["Cache-Control"] = "no-store, " + response["Cache-Control"]
        return response

    def response_add(self, request: HttpRequest, obj: User, post_url_continue=None):
        # A new account has no authenticator app yet: its owner needs a one-time link to enrol one.
        if IS_POPUP_VAR in request.POST:
            return super().response_add(request, obj, post_url_continue)
        self.message_user(
            request, _("Account %(naam)s aangemaakt.") % {"naam": obj.username}, messages.SUCCESS
        )
        return self._koppellinks(
            request,
            [obj],
            _("Account aangemaakt: koppellink voor de authenticator-app"),
            reverse("admin:core_user_change", args=[obj.pk]),
        )

    @admin.action(description=_("Tweestapsverificatie resetten (telefoon kwijt)"), permissions=["change"])
    def tweestaps_resetten(self, request: HttpRequest, queryset):
        from .twofactor import tweestaps_resetten

        users = [user for user in queryset if beheert_account_volledig(request, user)]
        geweigerd = [user for user in queryset if user not in users]
        for user in users:
            tweestaps_resetten(user=user, by=request.user)
        if geweigerd:
            self.message_user(
                request,
                format_lazy(
                    "{} {}",
                    _("Niet gereset: %(namen)s.") % {"namen": ", ".join(u.username for u in geweigerd)},
                    ALLEEN_ANDER_SWV,
                ),
                messages.ERROR,
            )
        if not users:
            return None
        self.message_user(
            request,
            ngettext(
                "Tweestapsverificatie gereset voor %(aantal)d account; de gebruiker koppelt opnieuw een app met de koppellink.",
                "Tweestapsverificatie gereset voor %(aantal)d accounts; zij koppelen opnieuw een app met de koppellink.",
                len(users),
            )
            % {"aantal": len(users)},
            messages.SUCCESS,
        )
        return self._koppellinks(
            request, users, _("Tweestapsverificatie gereset"), reverse("admin:core_user_changelist")
        )


@admin.register(Samenwerkingsverband)
class SamenwerkingsverbandAdmin(admin.ModelAdmin):
    list_display = ["code", "naam", "sector"]
    search_fields = ["code", "naam"]


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(ServiceAdminMixin, BeheerdeSwvAdminMixin, admin.ModelAdmin):
    """Memberships, written through `swv.core.lidmaatschappen`. A membership moves to no other SWV or
    account; it ends with `actief` (only a platform superuser deletes one)."""

    list_display = ["user", "rol", "organisatie", "swv", "actief"]
    list_filter = [("swv", admin.RelatedOnlyFieldListFilter), "rol", "actief"]
    search_fields = ["user__username", "organisatie__naam"]
    autocomplete_fields = ["user", "organisatie"]
    readonly_bij_wijzigen = ("swv", "user")

    def service_maken(self, request: HttpRequest, velden: dict):
        return lidmaatschap_create(by=request.user, **velden)

    def service_wijzigen(self, request: HttpRequest, obj, velden: dict):
        return lidmaatschap_update(lidmaatschap=obj, by=request.user, **velden)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser

    def delete_model(self, request: HttpRequest, obj: Lidmaatschap) -> None:
        lidmaatschap_delete(lidmaatschap=obj, by=request.user)

    def delete_queryset(self, request: HttpRequest, queryset) -> None:
        for lidmaatschap in queryset:
            lidmaatschap_delete(lidmaatschap=lidmaatschap, by=request.user)

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        # Only accounts already in one of the beheerder's SWVs. Someone of another SWV joins only by
        # accepting an invitation (`Uitnodiging`) while logged in as themselves.
        if db_field.name == "user" and not request.user.is_superuser:
            kwargs["queryset"] = accounts_van_beheerde_swvs(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class UitnodigingForm(forms.ModelForm):
    gebruikersnaam = forms.CharField(
        label=_("gebruikersnaam"),
        max_length=150,
        help_text=_(
            "De gebruikersnaam van het bestaande account. De eigenaar ziet de uitnodiging na het inloggen "
            "en wordt pas lid als hij of zij die accepteert."
        ),
    )

    class Meta:
        model = Uitnodiging
        fields = ["gebruikersnaam", "swv", "organisatie", "rol"]

    def clean_gebruikersnaam(self):
        naam = self.cleaned_data["gebruikersnaam"].strip()
        user = User.objects.filter(username=naam, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("Er is geen actief account met deze gebruikersnaam."))
        self.instance.user = user
        return naam

    def clean(self):
        from .uitnodigingen import uitnodiging_controleren

        super().clean()
        data = self.cleaned_data
        if self.instance.user_id and data.get("swv") and data.get("organisatie") and data.get("rol"):
            # The service checks the same again; here the errors show on the form with the input kept.
            uitnodiging_controleren(
                swv=data["swv"], user=self.instance.user, organisatie=data["organisatie"], rol=data["rol"]
            )
        return data


@admin.register(Uitnodiging)
class UitnodigingAdmin(BeheerdeSwvAdminMixin, admin.ModelAdmin):
    """Invite an existing account (of another SWV) into the beheerder's SWV; its owner must accept."""

    form = UitnodigingForm
    list_display = ["user", "rol", "organisatie", "swv", "status", "aangemaakt_op", "verloopt_op"]
    list_filter = [("swv", admin.RelatedOnlyFieldListFilter), "status", "rol"]
    search_fields = ["user__username", "organisatie__naam"]
    list_select_related = ["user", "organisatie", "swv"]
    autocomplete_fields = ["organisatie"]
    readonly_fields = ["user", "status", "uitgenodigd_door", "aangemaakt_op", "verloopt_op", "beantwoord_op"]

    def get_fields(self, request: HttpRequest, obj=None):
        if obj is None:
            return ["gebruikersnaam", "swv", "organisatie", "rol"]
        return ["user", "swv", "organisatie", "rol", *self.readonly_fields[1:]]

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        return [] if obj is None else ["swv", "organisatie", "rol", *self.readonly_fields]

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        # Only the owner answers an invitation; the beheerder makes a new one instead.
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Uitnodiging, form, change: bool) -> None:
        from .uitnodigingen import uitnodiging_maken

        data = form.cleaned_data
        nieuw = uitnodiging_maken(
            swv=data["swv"], user=obj.user, organisatie=data["organisatie"], rol=data["rol"], by=request.user
        )
        # The admin goes on with `obj` (log entry, redirect): make it the saved invitation.
        obj.__dict__.update(nieuw.__dict__)


class ApiClientForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("scopes"),
        choices=[(scope, format_lazy("{}: {}", scope, tekst)) for scope, tekst in BESCHRIJVINGEN.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Geef alleen wat het partnersysteem nodig heeft. Zonder scopes kan het alleen /api/v1/ik opvragen."
        ),
    )

    class Meta:
        model = ApiClient
        fields = ["naam", "organisatie", "scopes", "verloopt_op", "actief"]


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    """Partner systems. Every write goes through `swv.core.api.services`; the token hash is never shown.

    A beheerder sees and creates clients only for the SWVs where they are functioneel beheerder.
    """

    form = ApiClientForm
    list_display = [
        "naam",
        "organisatie",
        "swv",
        "scopes_weergave",
        "token_weergave",
        "actief",
        "verloopt_op",
        "laatst_gebruikt_op",
        "ingetrokken",
    ]
    list_filter = [
        ("swv", admin.RelatedOnlyFieldListFilter),
        "actief",
        ("ingetrokken_op", admin.EmptyFieldListFilter),
    ]
    search_fields = ["naam", "organisatie__naam", "token_prefix"]
    list_select_related = ["organisatie", "swv"]
    actions = ["token_vernieuwen", "intrekken"]
    readonly_after_create = [
        "organisatie",
        "swv",
        "token_weergave",
        "aangemaakt_op",
        "aangemaakt_door",
        "token_vernieuwd_op",
        "laatst_gebruikt_op",
        "ingetrokken_op",
        "ingetrokken_door",
    ]

    # --- what a beheerder may see -------------------------------------------------------------
    def _beheerde_swvs(self, request: HttpRequest):
        return beheerde_swvs(request)

    def get_queryset(self, request: HttpRequest):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(swv__in=self._beheerde_swvs(request))

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "organisatie" and not request.user.is_superuser:
            kwargs["queryset"] = Organisatie._default_manager.filter(swv__in=self._beheerde_swvs(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # Revoke instead: the row stays, so the audit trail can still name the client.
        return False

    def get_fields(self, request: HttpRequest, obj=None):
        if obj is None:
            return ["naam", "organisatie", "scopes", "verloopt_op"]
        return ["naam", "scopes", "verloopt_op", "actief", *self.readonly_after_create]

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        if obj is None:
            return []
        if obj.is_ingetrokken:
            return ["naam", "scopes", "verloopt_op", "actief", *self.readonly_after_create]
        return self.readonly_after_create

    # --- columns ------------------------------------------------------------------------------
    @admin.display(description=_("scopes"))
    def scopes_weergave(self, obj: ApiClient) -> str:
        return ", ".join(obj.scopes) or "–"

    @admin.display(description=_("token"))
    def token_weergave(self, obj: ApiClient) -> str:
        # Only the public prefix, to recognise a token; the secret is not stored and the hash never shown.
        return f"kr_{obj.token_prefix}_…" if obj.token_prefix else "–"

    @admin.display(description=_("ingetrokken"), boolean=True, ordering="ingetrokken_op")
    def ingetrokken(self, obj: ApiClient) -> bool:
        return obj.is_ingetrokken

    # --- writes, through the services ---------------------------------------------------------
    def save_model(self, request: HttpRequest, obj: ApiClient, form, change: bool) -> None:
        data = form.cleaned_data
        if change:
            api_client_update(
                client=obj,
                naam=data["naam"],
                scopes=data["scopes"],
                verloopt_op=data["verloopt_op"],
                actief=data["actief"],
                by=ingelogde_gebruiker(request),
            )
            return
        client, token = api_client_create(
            naam=data["naam"],
            organisatie=data["organisatie"],
            scopes=data["scopes"],
            verloopt_op=data["verloopt_op"],
            by=ingelogde_gebruiker(request),
        )
        # The admin goes on with `obj` (log entry, redirect): make it the saved client.
        obj.__dict__.update(client.__dict__)
        request._nieuwe_api_tokens = [(client, token)]  # type: ignore[attr-defined]

    def response_add(self, request: HttpRequest, obj: ApiClient, post_url_continue=None):
        nieuw = getattr(request, "_nieuwe_api_tokens", None)
        if nieuw:
            return self._toon_tokens(request, nieuw, _("API-client aangemaakt"))
        return super().response_add(request, obj, post_url_continue)

    def _toon_tokens(self, request: HttpRequest, nieuw: list, titel: str | Promise) -> TemplateResponse:
        """Show plaintext tokens once, in this response only.

        Not through the messages framework: that would park the token in a cookie or the session until
        the next page. `no-store` keeps it out of the browser's and proxies' caches.
        """
        response = TemplateResponse(
            request,
            "admin/core/apiclient/token_getoond.html",
            {
                **self.admin_site.each_context(request),
                "title": titel,
                "opts": self.model._meta,
                "tokens": nieuw,
                "changelist_url": reverse("admin:core_apiclient_changelist"),
            },
        )
        add_never_cache_headers(response)
        response["Cache-Control"] = "no-store, " + response["Cache-Control"]
        return response

    @admin.action(
        description=_("Token vernieuwen (het oude token werkt direct niet meer)"), permissions=["change"]
    )
    def token_vernieuwen(self, request: HttpRequest, queryset):
        nieuw = []
        for client in queryset:
            if client.is_ingetrokken:
                self.message_user(
                    request,
                    _("%(client)s is ingetrokken en krijgt geen nieuw token.") % {"client": client},
                    messages.WARNING,
                )
                continue
            nieuw.append((client, api_client_rotate(client=client, by=ingelogde_gebruiker(request))))
        if nieuw:
            return self._toon_tokens(request, nieuw, _("Token vernieuwd"))
        return None

    @admin.action(description=_("Intrekken (definitief)"), permissions=["change"])
    def intrekken(self, request: HttpRequest, queryset) -> None:
        aantal = 0
        for client in queryset:
            if not client.is_ingetrokken:
                api_client_revoke(client=client, by=ingelogde_gebruiker(request))
                aantal += 1
        self.message_user(
            request,
            ngettext(
                "%(aantal)d API-client ingetrokken; het token werkt niet meer.",
                "%(aantal)d API-clients ingetrokken; hun tokens werken niet meer.",
                aantal,
            )
            % {"aantal": aantal},
            messages.SUCCESS,
        )
