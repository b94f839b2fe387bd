"""The house plan, checked from the source: plumbing (`innovation/platform/`) imports no
feature package, and `innovation/__init__.py` only lists the features."""

import ast
from pathlib import Path

import innovation

PACKAGE = Path(innovation.__file__).parent
PLATFORM = PACKAGE / "platform"
# What a platform module may import from the project: itself, and the app-wide pieces that
# know no feature (configuration and the unbound extensions).
SHARED = {"innovation.platform", "innovation.extensions", "innovation.config"}


def features() -> set[str]:
    return {
        f"innovation.{path.name}"
        for path in PACKAGE.iterdir()
        if path.is_dir() and (path / "__init__.py").exists() and path.name != "platform"
    }


def imported_modules(path: Path) -> set[str]:
    """Every module an import statement in `path` names, made absolute (relative ones too)."""
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = module.split(".")[:-1] if path.name != "__init__.py" else module.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)  # `from .. import ideas`
    return found


def feature_imports(path: Path) -> set[str]:
    wanted = features()
    return {
        name
        for name in imported_modules(path)
        if any(name == feature or name.startswith(feature + ".") for feature in wanted)
    }


def test_no_plumbing_module_imports_a_feature():
    offenders = {str(path.relative_to(PACKAGE)): sorted(feature_imports(path)) for path in PLATFORM.rglob("*.py")}
    assert {path: names for path, names in offenders.items() if names} == {}


def test_the_check_sees_a_feature_import(tmp_path):
    """The check above can fail: a platform module importing a feature is reported."""
    probe = PLATFORM / "_layout_probe.py"
    probe.write_text("from ..ideas.models import Idea\nfrom .. import search\n")
    try:
        assert feature_imports(probe) == {
            "innovation.ideas.models",
            "innovation.ideas.models.Idea",
            "innovation.search",
        }
    finally:
        probe.unlink()


def test_platform_modules_import_only_plumbing_from_the_project():
    for path in PLATFORM.rglob("*.py"):
        project = {name for name in imported_modules(path) if name.startswith("innovation")}
        assert all(any(name == ok or name.startswith(ok + ".") for ok in SHARED) for name in project), path


def test_the_app_factory_only_lists_the_features():
    tree = ast.parse((PACKAGE / "__init__.py").read_text())
    listed = next(
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and any(getattr(target, "id", "") == "FEATURES" for target in node.targets)
    )
    names = {element.value for element in listed.elts}
    assert {f"innovation.{name}" for name in names} == features()
    for path in (PACKAGE / name / "__init__.py" for name in names):
        assert "def init_app(" in path.read_text(), path


def test_templates_ask_permissions_not_roles():
    """Templates call permission helpers (can_moderate, can_invite, is_admin, ...); a role name
    compared in a template is a rule living outside its feature's permissions.py."""
    import re

    templates = PACKAGE.parent / "templates"
    compared = re.compile(r"\.role\s*(==|!=|in\b)|role_names|ROLE_LABELS")
    offenders = [
        str(path.relative_to(templates)) for path in templates.rglob("*.html") if compared.search(path.read_text())
    ]
    assert offenders == []
