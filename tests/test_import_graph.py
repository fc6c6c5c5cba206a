"""The package's imports point one way: no module imports, directly or through others, a
module that imports it back (lazy imports inside functions count too). Read from the
source with ``ast``; run ``python -m pytest tests/test_import_graph.py -q`` to check."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "vn_directives"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(path: Path, modules: set) -> set:
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            candidates = [target] + [f"{target}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            candidates = [a.name for a in node.names]
        else:
            continue
        for c in candidates:
            while c and c not in modules:
                c = c.rsplit(".", 1)[0] if "." in c else ""
            if c and c != name:
                out.add(c)
    return out


def graph():
    files = sorted(PKG.rglob("*.py"))
    modules = {module_name(p) for p in files}
    return {module_name(p): imports_of(p, modules) for p in files}


def cycles(g):
    found, state, stack = [], {}, []

    def visit(n):
        state[n] = "open"
        stack.append(n)
        for m in sorted(g.get(n, ())):
            if state.get(m) == "open":
                found.append(stack[stack.index(m):] + [m])
            elif m not in state:
                visit(m)
        stack.pop()
        state[n] = "done"

    for n in sorted(g):
        if n not in state:
            visit(n)
    return found


def test_the_reader_sees_the_imports_it_should():
    g = graph()
    assert "vn_directives.records" in g["vn_directives.items"]
    assert "vn_directives.tagging" in g["vn_directives.cluster"]


def test_no_module_imports_its_way_back_to_itself():
    g = graph()
    # a package's __init__ imports its submodules for the user; a submodule importing its
    # own package (``import vn_directives as vd``) is not a way back into it
    g = {n: {m for m in deps if not n.startswith(m + ".")} for n, deps in g.items()}
    assert cycles(g) == []


def test_the_record_model_imports_nothing_of_the_package():
    assert graph()["vn_directives.records"] == set()
