"""Apps plug in through swv/core/plugins.py: the platform's menu, start page and demo follow what they register."""

from swv.core import plugins
from swv.core.navigation import menu


def test_the_menu_is_the_platforms_entries_and_the_apps_in_their_order():
    assert [item.url_name for item in menu()] == [
        "start",
        "partners:index",
        "cases:index",
        "cases:mijn_casussen",
        "cases:leerling_list",
        "cases:betrokkenheden",  # issue 11
        "cases:overdrachten",  # issue 11
        "thuiszitters:index",
        "thuiszitters:thuiszitter_list",  # issue 12, part thuiszitter
        "thuiszitters:signaal_lijst",  # issue 12, signalen
        "thuiszitters:monitor",  # issue 12 "Monitor"
        "oogo:index",
        "audit:timeline",
        "admin:index",
    ]


def test_each_app_registers_its_own_menu_items_with_their_permission():
    assert {item.url_name: item.permission for item in plugins.menu_items()} == {
        "partners:index": "partners.module",
        "cases:index": "cases.module",
        # The pupil list has its own rule: leerplicht sees pupils, not cases.
        "cases:leerling_list": "cases.leerlingen",
        # The professionals in teams (ketenpartner, leerplicht) get their own list in the menu.
        "cases:mijn_casussen": "cases.mijn_casussen",
        # Issue 11: every professional role records betrokkenheid; overdrachten for who changes cases.
        "cases:betrokkenheden": "cases.betrokkenheid",
        "cases:overdrachten": "cases.casus_wijzigen",
        "thuiszitters:index": "thuiszitters.module",
        "thuiszitters:signaal_lijst": "thuiszitters.signalen",  # issue 12, signalen
        "thuiszitters:thuiszitter_list": "thuiszitters.thuiszitters",  # issue 12, part thuiszitter
        # Issue 12: the verzuimmonitor, aggregates only, so also for the bestuurder.
        "thuiszitters:monitor": "thuiszitters.monitor",
        "oogo:index": "oogo.module",
    }


def test_demo_hooks_run_partners_first_because_the_pupils_go_to_its_schools():
    from swv.core.demo import LIDMAATSCHAPPEN_ORDER

    hooks = plugins.demo_hooks()
    # The demo cases come after the pupils they are about.
    assert [hook.name for hook in hooks] == [
        "partners",
        "partners-afspraken",
        "cases",
        "cases_casussen",
        "cases-tlv",
        "cases-arrangementen",
        "cases-overdracht",
        "thuiszitters-verzuim",
        "oogo",
    ]
    # issue 11: the demo arrangementen and overdracht need the pupils (cases) and partners-afspraken.
    # The memberships come after the organisations and before the agreements (owner must be a member).
    assert hooks[0].order <= LIDMAATSCHAPPEN_ORDER < hooks[1].order


def test_registering_again_replaces_the_entry(monkeypatch):
    monkeypatch.setattr(plugins, "_menu", dict(plugins._menu))
    plugins.register_menu_item("Dossiers", "oogo:index", permission="oogo.module", order=50)

    assert [item.label for item in plugins.menu_items()].count("Dossiers") == 1
    assert plugins.menu_items()[0].label == "Dossiers"
