"""`{{ bedrag|euro }}`: an amount in euros as Dutch readers write it, to the cent ("€ 1.500,50").

Not `floatformat:"0g"`: that rounded 1500.50 to "€ 1.501". One filter for every page that shows money.
"""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def euro(value) -> str:
    """ "€ 1.500,50" (a no-break space after the sign, so it never wraps); "" for None or no number."""
    if value is None or value == "":
        return ""
    try:
        bedrag = Decimal(str(value))
    except InvalidOperation:
        return ""
    return "€\u00a0" + number_format(bedrag, decimal_pos=2, use_l10n=True, force_grouping=True)
