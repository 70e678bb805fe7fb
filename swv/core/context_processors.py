from django.http import HttpRequest

from .acting import lidmaatschap_van
from .navigation import menu_for
from .twofactor import vereist_tweestaps


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": [], "lidmaatschap": None, "kan_wisselen": False}
    lidmaatschap = lidmaatschap_van(user)
    if not user.is_verified() and vereist_tweestaps(user, getattr(request, "alle_lidmaatschappen", None)):
        # Before the second login step nothing but that step is on offer.
        return {"menu": [], "lidmaatschap": None, "kan_wisselen": False}
    return {
        "menu": menu_for(user, request.path),
        "lidmaatschap": lidmaatschap,
        # Only offer the switch when there is something to switch to.
        "kan_wisselen": len(getattr(request, "alle_lidmaatschappen", [])) > 1,
    }
