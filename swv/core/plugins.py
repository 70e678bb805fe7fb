"""How an app plugs into the platform: its menu item, its start-page blocks and its demo data.

The platform (swv.core) knows the apps only through these calls, made from each app's
`AppConfig.ready()` (docs/how-to-add-an-app.md); the audit has its own registry (swv/audit/registry.py).
Every entry carries an `order`: the menu, the start page and the demo run in that order, whatever the
order of INSTALLED_APPS. Registering the same entry again (a second `ready()`) replaces it.

- `register_menu_item(label, url_name, permission=..., order=...)`: an entry in the main navigation,
  shown when the acting role has `permission`. The platform's own entries (Start 0, Privacy-log 900,
  Beheer 1000) are in swv/core/navigation.py; apps use 100-899.
- `register_start_block(template, context=..., permission=..., order=...)`: a block on the start page
  for someone who acts through a membership and has `permission`. `context(request, lidmaatschap)`
  returns the template's variables; the block is rendered with the page's context plus those.
- `register_demo(name, load, order=...)`: `load(demo)` adds the app's fictional demo data through the
  app's services, idempotently, and returns {what: how many rows were created}. `demo` is the
  `DemoContext` of swv/core/demo.py: the SWV, the demo users and the organisations loaded so far.
- `register_testdata(name, generate, aantallen=..., order=...)`: the app's part of
  `manage.py genereer_testdata` (swv/core/testdata.py), volume data for benchmarks. `aantallen` maps each
  scale ("klein", "groot", "gehost") to the app's totals over the whole run, e.g. {"personen": 40000};
  the platform splits them over the generated SWVs and calls `generate(context, aantallen)` once per SWV
  with that SWV's share. `generate` writes in bulk (`bulk_create`/COPY, no services: the rows are
  built valid), draws only from `context.rng(name)` / `context.faker(name)` so the same seed gives the
  same rows, and returns {what: how many rows}.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise
from faker import Faker

if TYPE_CHECKING:
    from django.http import HttpRequest

    from .models import Lidmaatschap, Samenwerkingsverband, User


@dataclass(frozen=True)
class MenuItem:
    label: str | Promise
    url_name: str
    permission: str  # empty: everyone who is logged in
    order: int


@dataclass(frozen=True)
class StartBlock:
    template: str
    context: Callable[[HttpRequest, Lidmaatschap], dict[str, Any]]
    permission: str
    order: int


@dataclass
class DemoContext:
    """What the demo hooks share. Apps add what later hooks (and the platform's memberships) need."""

    swv: Samenwerkingsverband
    users: dict[str, User]
    # (soort, code) -> organisation, e.g. ("school", "99AB00"); the demo accounts' memberships use these keys.
    organisaties: dict[tuple[str, str], Any] = field(default_factory=dict)
    # Anything else one hook of an app hands to its later hook (e.g. partners' organisations by key).
    gedeeld: dict[str, Any] = field(default_factory=dict)


DemoLoader = Callable[[DemoContext], dict[str, int]]


@dataclass
class TestdataContext:
    """What the test-data generators share for one generated SWV (swv/core/testdata.py)."""

    swv: Samenwerkingsverband
    # The SWV's position in this run (0, 1, ...) and the run's seed.
    index: int
    seed: int
    # "coordinator": the SWV's generated coordinator (an agreement's owner, the audit rows' actor).
    users: dict[str, User]
    # (soort, code) -> organisation; the platform makes the coordinator a member of ("swv", swv.code).
    organisaties: dict[tuple[str, str], Any] = field(default_factory=dict)
    # (object_type, id) of rows the generated audit log may name as read, e.g. ("partners.persoon", 12).
    objecten: list[tuple[str, int]] = field(default_factory=list)
    gedeeld: dict[str, Any] = field(default_factory=dict)

    def _seed(self, name: str) -> str:
        # One stream per generator and SWV: adding a generator or an SWV leaves the others' rows as they were.
        return f"{self.seed}:{self.swv.code}:{name}"

    def rng(self, name: str) -> random.Random:
        return random.Random(self._seed(name))

    def faker(self, name: str) -> Faker:
        fake = Faker("nl_NL")
        fake.seed_instance(self._seed(name))
        return fake


TestdataGenerator = Callable[[TestdataContext, dict[str, int]], dict[str, int]]


@dataclass(frozen=True)
class TestdataHook:
    name: str
    generate: TestdataGenerator
    # scale -> {what: total over all generated SWVs}
    aantallen: dict[str, dict[str, int]]
    order: int


@dataclass(frozen=True)
class DemoHook:
    name: str
    load: DemoLoader
    order: int


_menu: dict[str, MenuItem] = {}
_start_blocks: dict[str, StartBlock] = {}
_demo: dict[str, DemoHook] = {}
_testdata: dict[str, TestdataHook] = {}


def register_menu_item(label: str | Promise, url_name: str, *, permission: str, order: int) -> MenuItem:
    item = MenuItem(label, url_name, permission, order)
    _menu[url_name] = item
    return item


def register_start_block(
    template: str,
    *,
    context: Callable[[HttpRequest, Lidmaatschap], dict[str, Any]],
    permission: str,
    order: int,
) -> StartBlock:
    block = StartBlock(template, context, permission, order)
    _start_blocks[template] = block
    return block


def register_demo(name: str, load: DemoLoader, *, order: int) -> DemoHook:
    hook = DemoHook(name, load, order)
    _demo[name] = hook
    return hook


def register_testdata(
    name: str, generate: TestdataGenerator, *, aantallen: dict[str, dict[str, int]], order: int
) -> TestdataHook:
    hook = TestdataHook(name, generate, aantallen, order)
    _testdata[name] = hook
    return hook


def menu_items() -> list[MenuItem]:
    return sorted(_menu.values(), key=lambda item: item.order)


def start_blocks() -> list[StartBlock]:
    return sorted(_start_blocks.values(), key=lambda block: block.order)


def demo_hooks() -> list[DemoHook]:
    return sorted(_demo.values(), key=lambda hook: hook.order)


def testdata_hooks() -> list[TestdataHook]:
    return sorted(_testdata.values(), key=lambda hook: hook.order)


# --- issue 12, part signalen: other apps' items in "Mijn taken" ---
# The cases app owns the "Mijn taken" page (cases.views_plan.mijn_taken) but must not import the apps that
# have work for a user too (thuiszitters' signals): they register a source here and the page reads them all.


@dataclass(frozen=True)
class TaakItem:
    """One line in "Mijn taken" from another app: what, by when (None: no deadline) and where to act."""

    omschrijving: str
    vervalt_op: Any  # datetime.date | None
    url: str
    bron: str = ""  # the registering source's name, e.g. "signalen" (a CSS/test hook, not shown)


TakenBron = Callable[["User"], list[TaakItem]]


@dataclass(frozen=True)
class TakenBronHook:
    name: str
    taken: TakenBron
    order: int


_taken_bronnen: dict[str, TakenBronHook] = {}


def register_taken_bron(name: str, taken: TakenBron, *, order: int) -> TakenBronHook:
    """`taken(user)` returns the user's open items of the app (already limited to what the user may see)."""
    hook = TakenBronHook(name, taken, order)
    _taken_bronnen[name] = hook
    return hook


def taken_bronnen() -> list[TakenBronHook]:
    return sorted(_taken_bronnen.values(), key=lambda hook: hook.order)


def taken_uit_bronnen(user: User) -> list[TaakItem]:
    """Every registered source's open items for `user`, in source order."""
    return [item for hook in taken_bronnen() for item in hook.taken(user)]


# --- issue 12, verzuim-robuust: the start page's "Mijn taken" block reads only what it shows ---
# `taken(user)` builds a source's whole list, which the "Mijn taken" page needs; the start block shows
# five lines and a count, so a source may also register `eerste(user, n) -> (total, first n by deadline)`
# that costs a fixed number of queries however many items the user has. A source without it falls back to
# its full list (correct, but it grows with the number of items).

TakenEerste = Callable[["User", int], tuple[int, list[TaakItem]]]

_taken_eerste: dict[str, TakenEerste] = {}


def register_taken_eerste(name: str, eerste: TakenEerste) -> None:
    """The bounded read of source `name` (registered with register_taken_bron) for the start block."""
    _taken_eerste[name] = eerste


def taken_eerste_uit_bronnen(user: User, n: int) -> tuple[int, list[TaakItem]]:
    """(how many open items all sources have for `user`, at most n of each source, by deadline)."""
    totaal, items = 0, []
    for hook in taken_bronnen():
        eerste = _taken_eerste.get(hook.name)
        if eerste is not None:
            aantal, deel = eerste(user, n)
        else:
            alles = hook.taken(user)
            aantal, deel = len(alles), sorted(alles, key=_deadline)[:n]
        totaal += aantal
        items += deel
    return totaal, items


def _deadline(item: TaakItem) -> Any:
    import datetime

    return item.vervalt_op or datetime.date.max
