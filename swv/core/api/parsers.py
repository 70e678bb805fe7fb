"""The API's JSON parser: Dutch parse errors and a limit on nesting depth.

Python's json module recurses once per nesting level, so a body of 5,000 `[` raised RecursionError (a 500)
before any serializer saw it. No request of ours nests deeper than a few levels; a body nested deeper than
`MAX_DEPTH` is refused as a 400 problem, checked on the raw text before it is decoded.
"""

import json
import re

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

# Deeper than any body of ours (a sleutelfiguur with a nested persoon is 2); generous for the future.
MAX_DEPTH = 32

# JSON strings (with escapes) are skipped when counting brackets: a "[" inside a name is no nesting.
# The closing quote is optional so an unterminated string ends the scan instead of being retried from
# every later quote (which would make a crafted body quadratic).
_STRING_OR_BRACKET = re.compile(rb'"(?:[^"\\]|\\.)*"?|[\[\]{}]', re.DOTALL)


def nesting_depth(body: bytes, limit: int) -> int:
    """The deepest nesting of arrays/objects in `body`, counting no further than `limit` + 1."""
    depth = deepest = 0
    for match in _STRING_OR_BRACKET.finditer(body):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
        elif token in (b"]", b"}"):
            depth -= 1
    return deepest


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        body = stream.read()
        limit = getattr(settings, "API_JSON_MAX_DEPTH", MAX_DEPTH)
        if nesting_depth(body, limit) > limit:
            raise ParseError(
                _("De JSON in de invoer is te diep genest (meer dan %(max)d niveaus).") % {"max": limit}
            )
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError as exc:
            raise ParseError(
                _("De invoer is geen geldige tekst in %(encoding)s.") % {"encoding": encoding}
            ) from exc
        try:
            return json.loads(text, parse_constant=_refuse_constant)
        except RecursionError as exc:  # a last safety net; nesting_depth should have refused it already
            raise ParseError(_("De JSON in de invoer is te diep genest.")) from exc
        except ValueError as exc:
            lineno, colno = getattr(exc, "lineno", None), getattr(exc, "colno", None)
            if lineno is None:
                raise ParseError(_("De invoer is geen geldige JSON.")) from exc
            raise ParseError(
                _("De invoer is geen geldige JSON (regel %(regel)d, kolom %(kolom)d).")
                % {"regel": lineno, "kolom": colno}
            ) from exc


def _refuse_constant(name: str):
    # NaN and Infinity are not JSON (RFC 8259); Python accepts them by default.
    raise ValueError(f"{name} is geen geldige JSON-waarde")
