"""The platform imports no domain app (issue 8): no module under swv/ (swv.core, swv.audit, settings,
urls) imports partners, cases, thuiszitters or oogo. Apps plug in through what they register
(swv/core/plugins.py, swv/audit/registry.py); where the platform must name an app's model it is a lazy
string reference (docs/decisions.md), which is not an import.

The walk is over the source (ast), so a lazy import inside a function, a try block or under
TYPE_CHECKING counts too. Migrations are walked with one rule of their own: makemigrations freezes a
field's validators as an import of the module that defines them (the apps' pghistory event models live
in the audit's migrations), so a migration may import an app's `validators` module and nothing else of it.
"""

import ast
from pathlib import Path

import swv

APPS = ("partners", "cases", "thuiszitters", "oogo")
ROOT = Path(swv.__file__).parent


def app_imports(source: str, filename: str = "<module>") -> list[str]:
    """The modules of domain apps that `source` imports, anywhere in it."""
    found = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            # `from partners import models` imports partners.models: the module is what counts.
            names = [node.module]
        else:
            continue
        found += [name for name in names if name.split(".")[0] in APPS]
    return found


def _is_migration(path: Path) -> bool:
    return "migrations" in path.relative_to(ROOT).parts


def offenders(paths: list[Path]) -> dict[str, list[str]]:
    result = {}
    for path in paths:
        imports = app_imports(path.read_text(encoding="utf-8"), str(path))
        if _is_migration(path):
            imports = [name for name in imports if name.split(".")[1:] != ["validators"]]
        if imports:
            result[str(path.relative_to(ROOT))] = imports
    return result


def test_no_module_under_swv_imports_a_domain_app():
    modules = sorted(ROOT.rglob("*.py"))
    assert any(path.parts[-2:] == ("core", "views.py") for path in modules)  # the walk sees the platform

    assert offenders(modules) == {}


def test_the_walk_finds_every_kind_of_app_import():
    source = (
        "import partners\n"
        "import cases.models as m\n"
        "from oogo.views import index\n"
        "from thuiszitters import models\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from partners.models import Organisatie\n"
        "def f():\n"
        "    from cases.validators import validate_bsn\n"
        "try:\n"
        "    import oogo.apps\n"
        "except ImportError:\n"
        "    pass\n"
    )

    assert sorted(app_imports(source)) == [
        "cases.models",
        "cases.validators",
        "oogo.apps",
        "oogo.views",
        "partners",
        "partners.models",
        "thuiszitters",
    ]


def test_the_walk_ignores_the_platform_and_lazy_string_references():
    source = (
        "from . import views\n"
        "from .models import Lidmaatschap\n"
        "import partnersysteem\n"
        "from swv.core.plugins import register_menu_item\n"
        "organisatie = models.ForeignKey('partners.Organisatie', on_delete=models.PROTECT)\n"
        "Organisatie = apps.get_model('partners', 'Organisatie')\n"
    )

    assert app_imports(source) == []


def test_a_module_that_imports_an_app_is_reported(tmp_path, monkeypatch):
    fake = tmp_path / "swv" / "core" / "nieuw.py"
    fake.parent.mkdir(parents=True)
    fake.write_text("def start():\n    from partners.selectors import afspraken_te_evalueren\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path / "swv")

    assert offenders([fake]) == {"core/nieuw.py": ["partners.selectors"]}


def test_a_migration_may_import_only_an_apps_validators(tmp_path, monkeypatch):
    migrations = tmp_path / "swv" / "audit" / "migrations"
    migrations.mkdir(parents=True)
    frozen = migrations / "0001_initial.py"
    frozen.write_text("import cases.validators\n")
    reaching = migrations / "0002_data.py"
    reaching.write_text("import cases.validators\nfrom cases.models import Leerling\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path / "swv")

    assert offenders([frozen, reaching]) == {"audit/migrations/0002_data.py": ["cases.models"]}
