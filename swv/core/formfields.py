"""Typed access to a form's model choice fields, whose choices are narrowed per request (tenancy).

`form.fields[name]` is typed as a plain Field; a page that limits a field's queryset to the acting
SWV asks for it here, which also fails loudly if the field is not a model choice field after all.
"""

from django import forms


def keuzeveld(form: forms.BaseForm, naam: str) -> forms.ModelChoiceField:
    """The ModelChoiceField (or ModelMultipleChoiceField) `naam` of `form`."""
    veld = form.fields[naam]
    if not isinstance(veld, forms.ModelChoiceField):
        raise TypeError(f"{type(form).__name__}.{naam} is not a model choice field")
    return veld
