"""The OpenAPI document as the contract for partner systems: what every operation can answer, for every app.

`AutoSchema` (DEFAULT_SCHEMA_CLASS) adds to each operation what the platform does for every view, so an app
gets it without repeating it per endpoint:

- the problem+json error responses (NL API Design Rules API-46) it can give: 400 for input, 401/403 for
  access, 404 for an id, 406, 409 for a write that collides with another, 412 for a stale If-Match,
  413/415 for a body, 429 for throttling;
- the `API-Version` response header (API-57) on every response, `ETag` on object responses and the
  `If-Match` request header on writes of one object (see `conditional.py`);
- the scope an API client needs, read from the view's `required_scopes` (see `permissions.py`), in the
  description and as `x-scopes`;
- descriptions for filter parameters from their `help_text`, and for the `id` path parameter.

`nl_api_hook` (a postprocessing hook) adds the Problem schemas and Dutch texts for pagination.
"""

from collections.abc import Mapping
from typing import Any

import django_filters
from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework import serializers

from .conditional import ConditionalMixin
from .permissions import HasScope
from .serializers import StrictSerializerMixin

PROBLEM = "application/problem+json"
_REF = {"$ref": "#/components/schemas/Problem"}
_NIET_OPGEGEVEN = HasScope.required_scopes
_SCHRIJVEN = {"POST", "PUT", "PATCH", "DELETE"}


def _fouten() -> dict[int, str]:
    return {
        400: _("Ongeldige invoer: de velden of parameters staan in `invalidParams`."),
        401: _("Niet geauthenticeerd: geen, een verlopen of een ingetrokken token."),
        403: _("Geen toegang: de client mist de scope, of de gebruiker de rol."),
        404: _("Niet gevonden, of van een ander samenwerkingsverband."),
        406: _("Het gevraagde formaat is niet beschikbaar; de API antwoordt in JSON."),
        409: _("De wijziging botst met gegevens die tegelijk zijn opgeslagen; haal ze opnieuw op."),
        412: _("De ETag in If-Match klopt niet meer: het object is intussen gewijzigd."),
        413: _("De invoer is te groot."),
        415: _("De invoer is geen JSON (Content-Type application/json)."),
        429: _("Te veel verzoeken; probeer het na `Retry-After` seconden opnieuw."),
    }


def _header(beschrijving: str) -> dict:
    return {"schema": {"type": "string"}, "description": beschrijving}


class AutoSchema(SpectacularAutoSchema):
    def required_scopes(self) -> list[str] | None:
        """The scopes an API client needs for this operation; None: closed to API clients."""
        required = _NIET_OPGEGEVEN
        for permission in self.view.get_permissions():
            if isinstance(permission, HasScope) and permission.required_scopes is not _NIET_OPGEGEVEN:
                required = permission.required_scopes
        if required is _NIET_OPGEGEVEN:
            required = getattr(self.view, "required_scopes", None)
        if required is None:
            return None
        if isinstance(required, Mapping):
            action = getattr(self.view, "action", None)
            gevonden = required.get(action) if action in required else required.get(self.method.upper())
            return None if gevonden is None else sorted(str(s) for s in gevonden)
        return sorted(str(s) for s in required)

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        # DRF refuses "" (and "  ", it trims) in a CharField without allow_blank: say so in the contract.
        if (
            direction == "request"
            and isinstance(field, serializers.CharField)
            and not field.allow_blank
            and not field.read_only
            and schema.get("type") == "string"
            and not ({"format", "pattern", "enum"} & set(schema))
        ):
            schema["minLength"] = max(schema.get("minLength", 0), 1)
            if field.trim_whitespace:
                schema["pattern"] = r"\S"
        return schema

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        # Strict input serializers refuse unknown and read-only keys (400): the contract says so.
        if direction == "request" and isinstance(serializer, StrictSerializerMixin):
            schema["additionalProperties"] = False
        return schema

    def _is_object(self) -> bool:
        return "{" in self.path

    def get_operation(self, path, path_regex, path_prefix, method, registry) -> dict | None:
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        self._beschrijf_parameters(operation)
        self._scope(operation)
        conditioneel = isinstance(self.view, ConditionalMixin)
        if conditioneel and self._is_object() and method.upper() in _SCHRIJVEN:
            operation.setdefault("parameters", []).append(
                {
                    "in": "header",
                    "name": "If-Match",
                    "required": False,
                    "schema": {"type": "string"},
                    "description": _(
                        "De ETag van het object zoals u het ophaalde. Klopt die niet meer, dan verandert er "
                        "niets en volgt 412. Zonder If-Match wordt de wijziging altijd doorgevoerd."
                    ),
                }
            )
        responses = operation.setdefault("responses", {})
        for code, response in responses.items():
            headers = response.setdefault("headers", {})
            headers["API-Version"] = _header(_("De volledige versie van de API, bijvoorbeeld 1.0.0."))
            geeft_object = self._is_object() or method.upper() == "POST"
            if conditioneel and geeft_object and str(code) in ("200", "201") and "content" in response:
                headers["ETag"] = _header(
                    _("Sterke ETag van dit object; stuur hem terug in If-Match bij een wijziging.")
                )
        for code, beschrijving in self._mogelijke_fouten(operation, method).items():
            responses.setdefault(
                str(code),
                {
                    "description": beschrijving,
                    "content": {PROBLEM: {"schema": _REF}},
                    "headers": {"API-Version": _header(_("De volledige versie van de API."))},
                },
            )
        return operation

    def _mogelijke_fouten(self, operation: dict, method: str) -> dict[int, str]:
        fouten = _fouten()
        codes = [401, 403, 406, 429]
        schrijf = method.upper() in _SCHRIJVEN
        if operation.get("parameters") or operation.get("requestBody"):
            codes.append(400)
        if self._is_object():
            codes.append(404)
        if schrijf:
            codes.append(409)
            if isinstance(self.view, ConditionalMixin) and self._is_object():
                codes.append(412)
        if operation.get("requestBody"):
            codes += [413, 415]
        return {code: fouten[code] for code in sorted(codes)}

    def _scope(self, operation: dict) -> None:
        scopes = self.required_scopes()
        if scopes is None:
            tekst = _("Niet beschikbaar voor API-clients; alleen voor ingelogde gebruikers.")
        elif scopes:
            tekst = _("Scope voor API-clients: %(scopes)s.") % {"scopes": ", ".join(f"`{s}`" for s in scopes)}
        else:
            tekst = _("Elke API-client mag dit, zonder bijzondere scope.")
        operation["x-scopes"] = scopes or []
        beschrijving = operation.get("description", "").strip()
        operation["description"] = f"{beschrijving}\n\n{tekst}" if beschrijving else tekst

    def _beschrijf_parameters(self, operation: dict) -> None:
        filterset = getattr(self.view, "filterset_class", None)
        filters = filterset.base_filters if filterset is not None else {}
        for parameter in operation.get("parameters", []):
            schema = parameter.get("schema", {})
            filter_ = filters.get(parameter.get("name")) if parameter.get("in") == "query" else None
            # The strict backend refuses an empty value (`?code=`) except for free text (`?q=` is an
            # empty search): swv/core/api/filters.py.
            leeg_geweigerd = filter_ is not None and not isinstance(filter_, django_filters.CharFilter)
            if leeg_geweigerd and schema.get("type") == "string" and "enum" not in schema:
                schema.setdefault("minLength", 1)
            if parameter.get("description"):
                continue
            naam = parameter.get("name")
            if parameter.get("in") == "path" and naam == "id":
                parameter["description"] = _("Id van het object (een geheel getal).")
            elif naam in filters and parameter.get("in") == "query":
                filter_ = filters[naam]
                tekst = filter_.extra.get("help_text") or filter_.label
                if tekst:
                    parameter["description"] = str(tekst)


def _paginering() -> dict[str, str]:
    return {
        "cursor": _(
            "Cursor van een volgende of vorige pagina. Neem de link in `next` of `previous` over; "
            "stel de waarde niet zelf samen."
        ),
        "pageSize": _("Aantal resultaten per pagina (standaard 50, hoogstens 200)."),
        "limit": _("Aantal resultaten per pagina (standaard 50, hoogstens 200)."),
        "offset": _("Aantal resultaten dat wordt overgeslagen, vanaf 0."),
    }


def _problem_schemas() -> dict[str, Any]:
    return {
        "Problem": {
            "type": "object",
            "description": _("Een fout volgens RFC 9457 (application/problem+json)."),
            "required": ["type", "title", "status"],
            "properties": {
                "type": {"type": "string", "description": _("URI die het soort fout aanduidt.")},
                "title": {"type": "string", "description": _("Korte Nederlandse omschrijving.")},
                "status": {"type": "integer", "description": _("De HTTP-statuscode.")},
                "detail": {"type": "string", "description": _("Uitleg voor deze keer.")},
                "instance": {"type": "string", "description": _("Het pad van het verzoek.")},
                "invalidParams": {
                    "type": "array",
                    "description": _("Bij 400: elk ongeldig veld of elke ongeldige parameter."),
                    "items": {"$ref": "#/components/schemas/InvalidParam"},
                },
            },
            "example": {
                "type": "https://httpstatuses.io/400",
                "title": "Ongeldige invoer.",
                "status": 400,
                "detail": "Een of meer velden zijn ongeldig.",
                "instance": "/api/v1/organisaties",
                "invalidParams": [{"name": "naam", "code": "required", "reason": "Dit veld is verplicht."}],
            },
        },
        "InvalidParam": {
            "type": "object",
            "required": ["name", "code", "reason"],
            "properties": {
                "name": {
                    "type": "string",
                    "description": _("Naam van het veld of de parameter (camelCase)."),
                },
                "code": {"type": "string", "description": _("Soort fout, bijvoorbeeld required of invalid.")},
                "reason": {"type": "string", "description": _("Nederlandse uitleg.")},
            },
        },
    }


def nl_api_hook(result: dict, generator, request, public) -> dict:
    """Problem schemas, and Dutch texts where DRF's pagination brings English ones."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(_problem_schemas())
    teksten = _paginering()
    for operaties in result.get("paths", {}).values():
        for operatie in operaties.values():
            for parameter in operatie.get("parameters", []):
                if parameter.get("in") == "query" and parameter.get("name") in teksten:
                    parameter["description"] = teksten[parameter["name"]]
    for naam, schema in schemas.items():
        if not naam.startswith("Paginated"):
            continue
        eigenschappen = schema.get("properties", {})
        beschrijvingen = {
            "count": _("Totaal aantal resultaten."),
            "next": _("Link naar de volgende pagina; leeg op de laatste."),
            "previous": _("Link naar de vorige pagina; leeg op de eerste."),
            "results": _("De resultaten op deze pagina."),
        }
        for veld, tekst in beschrijvingen.items():
            if veld in eigenschappen:
                eigenschappen[veld]["description"] = tekst
                eigenschappen[veld].pop("example", None)
        if "count" in eigenschappen:
            eigenschappen["count"]["example"] = 120
    return result
