"""Admin writes through the app's services, with their Dutch errors on the form.

Django's admin saves a ModelForm straight to the database (`obj.save()`, `form.save_m2m()`), past the
services and their checks (tenancy of linked objects, history context, uniqueness races). An admin with
`ServiceAdminMixin` hands the form's cleaned data to `service_maken` / `service_wijzigen` instead.

A service's ValidationError arrives after the form was found valid, where the admin has no way back to
the form. So the mixin raises it out of the admin's transaction (nothing is stored: the admin wraps the
whole request in `transaction.atomic`) and renders the same POST once more, with the service's messages
added to the form in `clean()`: the beheerder sees them next to the fields, the input kept, no 500.

Nothing is deleted through the admin (`has_delete_permission` is False): the apps end rows (einddatum,
`actief`) so history and links stay; the pages and the API offer that.
"""

from typing import TYPE_CHECKING

from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest

if TYPE_CHECKING:  # what the mixin is mixed into, for the type checker
    _AdminBase = admin.ModelAdmin
else:
    _AdminBase = object


class _ServiceFout(Exception):
    def __init__(self, fout: ValidationError) -> None:
        super().__init__(fout)
        self.fout = fout


class ServiceAdminMixin(_AdminBase):
    """Override `service_maken(request, velden)` and `service_wijzigen(request, obj, velden)`; each returns
    the saved object. `velden` is the form's cleaned data (many-to-many fields included) by field name."""

    # A change never moves a row to another SWV: the services have no such write.
    readonly_bij_wijzigen: tuple[str, ...] = ("swv",)

    def service_maken(self, request: HttpRequest, velden: dict):
        raise NotImplementedError

    def service_wijzigen(self, request: HttpRequest, obj, velden: dict):
        raise NotImplementedError

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            readonly += [veld for veld in self.readonly_bij_wijzigen if veld not in readonly]
        return readonly

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def changeform_view(self, request: HttpRequest, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except _ServiceFout as exc:
            # The first pass was rolled back; the second shows the service's errors on the same input.
            request._service_fout = exc.fout  # type: ignore[attr-defined]  # read by get_form of the second pass
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request: HttpRequest, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        fout = getattr(request, "_service_fout", None)
        if fout is None:
            return form

        fouten = fout.message_dict if hasattr(fout, "error_dict") else {NON_FIELD_ERRORS: fout.messages}

        class MetServiceFout(form):  # type: ignore[misc, valid-type]  # a subclass of the form class made above
            def clean(self):
                data = super().clean()
                for veld, berichten in fouten.items():
                    self.add_error(veld if veld in self.fields else None, berichten)
                return data

        return MetServiceFout

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        velden = dict(form.cleaned_data)
        try:
            if change:
                # The form already put its values on `obj`; the service compares with what is stored.
                obj.refresh_from_db()
                velden.pop("swv", None)
                opgeslagen = self.service_wijzigen(request, obj, velden)
            else:
                opgeslagen = self.service_maken(request, velden)
        except ValidationError as exc:
            raise _ServiceFout(exc) from exc
        # The admin goes on with `obj` (log entry, redirect): make it the saved row.
        if opgeslagen is not obj:
            obj.__dict__.update(opgeslagen.__dict__)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        # Many-to-many fields went to the service with the other fields; `form.save_m2m()` would write
        # them again, unchecked. Inlines of a service admin are read-only, so there are no formsets to save.
        for formset in formsets:
            if formset.has_changed():
                raise RuntimeError("Een inline van een service-admin hoort alleen-lezen te zijn.")
            # What `formset.save()` would set, for the admin's change message: nothing.
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


class AlleenLezenAdminMixin:
    """For models whose writes are elsewhere (pages, an import, a task): the admin shows, never writes."""

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
