"""Who reads and who changes the registry through the API.

The mechanics are the platform's (swv.core.api.viewsets.TenantViewSet): reads through `visible_to`,
the tenant from `swv.core.tenancy.acting_swv`, scopes through `HasScope`, people's writes through
`MagSchrijven`. What is the registry's own is named here:

- people: any member of the SWV reads; only the roles of the `partners.wijzigen` rule write;
- partner systems (API clients): read with `partners:lezen`, write with `partners:schrijven`, always
  within the SWV of their client.
"""

from swv.core.api.scopes import Scope
from swv.core.api.viewsets import scopes

SCHRIJFRECHT = "partners.wijzigen"
SCOPES = scopes(lezen=[Scope.PARTNERS_LEZEN], schrijven=[Scope.PARTNERS_SCHRIJVEN])
