"""The one body of a page that changes data: form -> service -> Dutch errors on the fields -> message -> redirect.

A view builds its form and, on POST, hands the service call to `submit_form`. When the service refuses
(a Dutch ValidationError), the errors land on the form's fields and the view shows the form again (status
400); when it succeeds, the success message is queued and the answer is the redirect. With `locked=obj`
the save runs under the optimistic check of the edit pages (swv.core.optimistic): someone else's change
meanwhile is refused with a message that lists it.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .optimistic import controleer_versie


def errors_to_form(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: per field where the form has that field, else on top."""
    if hasattr(error, "error_dict"):
        for veld, fouten in error.error_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
    else:
        form.add_error(None, error.messages)


def submit_form(
    request: HttpRequest,
    form,
    save: Callable[..., Any],
    *,
    message: str | Callable[[Any], str],
    redirect_to: Any | Callable[[Any], Any],
    locked: models.Model | None = None,
) -> HttpResponse | None:
    """On a POST with a valid form: run `save`, queue `message`, answer the redirect to `redirect_to`.

    `save()` calls the service and returns what it made or changed; with `locked=obj` it is called as
    `save(current)` with the locked, current row (compare `controleer_versie`), in one transaction with
    the check. `message` and `redirect_to` may be functions of that result; `redirect_to` is whatever
    `django.shortcuts.redirect` takes (a URL, a model, or a tuple of a URL name and its arguments).

    Returns None when the form has to be shown again: a GET, an invalid form, or a refusal by the
    service (then its Dutch errors are on the form). The caller renders it, status 400 when
    `form.errors`.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        if locked is not None:
            with transaction.atomic():
                resultaat = save(controleer_versie(form, locked))
        else:
            resultaat = save()
    except ValidationError as e:
        errors_to_form(form, e)
        return None
    messages.success(request, message(resultaat) if callable(message) else message)
    doel = redirect_to(resultaat) if callable(redirect_to) else redirect_to
    if isinstance(doel, tuple):
        return redirect(*doel)
    return redirect(doel)
