"""The type stub python/presslens/_core.pyi against the compiled module.

Every public name must be in both, with the same kind (class, function,
method, property, constant); functions and methods must take the same
parameters in the same order with the same defaults; and types must agree as
far as pybind11's signatures tell them (``object`` or a bare ``list`` there
says nothing more precise, so the stub may be more precise)."""

from __future__ import annotations

import ast
import math
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import pytest

import presslens
from presslens import _core

# The stub installed with the compiled module (a copy of python/presslens/_core.pyi
# made by the same build), so that both sides of the comparison come from one wheel.
STUB = Path(presslens.__file__).parent / "_core.pyi"

# pybind11 internals present on every bound class.
_PYBIND_INTERNALS = {"_pybind11_conduit_v1_"}


# --- the stub ------------------------------------------------------------------

class StubClass:
    def __init__(self, node: ast.ClassDef) -> None:
        self.node = node
        self.bases = [ast.unparse(b) for b in node.bases]
        self.methods: Dict[str, ast.FunctionDef] = {}
        self.properties: Dict[str, ast.FunctionDef] = {}
        self.attributes: Dict[str, ast.expr] = {}
        for n in node.body:
            if isinstance(n, ast.FunctionDef):
                decorators = {ast.unparse(d) for d in n.decorator_list}
                (self.properties if "property" in decorators else self.methods)[n.name] = n
            elif isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name):
                self.attributes[n.target.id] = n.annotation

    def members(self) -> set:
        return set(self.methods) | set(self.properties) | set(self.attributes)


def _parse_stub() -> Tuple[Dict[str, StubClass], Dict[str, ast.FunctionDef], Dict[str, ast.expr]]:
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    classes, functions, constants = {}, {}, {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            classes[node.name] = StubClass(node)
        elif isinstance(node, ast.FunctionDef):
            functions[node.name] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            constants[node.target.id] = node.annotation
        elif isinstance(node, ast.Assign):
            pytest.fail(f"stub line {node.lineno}: give module constants a type (NAME: type)")
    return classes, functions, constants


CLASSES, FUNCTIONS, CONSTANTS = _parse_stub()
STUB_NAMES = set(CLASSES) | set(FUNCTIONS) | set(CONSTANTS)
RUNTIME_NAMES = {n for n in dir(_core) if not n.startswith("_")}


# --- pybind11's signatures ------------------------------------------------------

def _runtime_signature(obj: Any, name: str) -> ast.FunctionDef:
    """The signature pybind11 writes on the first line of a function's docstring."""
    doc = (obj.__doc__ or "").strip()
    first = doc.splitlines()[0] if doc else ""
    if first.startswith("Overloaded function"):
        pytest.fail(f"{name} is overloaded: teach this test to compare @overload stubs")
    assert first.startswith(f"{name}("), f"{name}: no pybind11 signature in its docstring: {doc!r}"
    try:
        return ast.parse(f"def {first}: ...").body[0]
    except SyntaxError as err:
        pytest.fail(f"{name}: pybind11 signature is not Python ({err}): {first} "
                    "(a C++ type name: register the class before the functions that take it)")


def _property_type(prop: property, name: str) -> ast.expr:
    """The return type pybind11 writes for a property's getter: ``(arg0: Doc) -> object``."""
    doc = (prop.fget.__doc__ or "").strip()
    assert doc.startswith("("), f"{name}: no pybind11 signature on the getter: {doc!r}"
    return ast.parse(f"def fget{doc.splitlines()[0]}: ...").body[0].returns


# --- comparing types ------------------------------------------------------------

_ALIASES = {"List": "list", "Dict": "dict", "Tuple": "tuple", "Set": "set", "Type": "type",
            "FrozenSet": "frozenset"}


def _norm(node: Optional[ast.expr]) -> Any:
    """A comparable form of an annotation: a name, (name, args) or ("Union", frozenset)."""
    if node is None:
        return "None"
    if isinstance(node, ast.Constant) and node.value is None:
        return "None"
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return _norm(ast.parse(node.value, mode="eval").body)
    if isinstance(node, ast.Name):
        return _ALIASES.get(node.id, node.id)
    if isinstance(node, ast.Attribute):      # typing.X, collections.abc.X, presslens._core.X
        return _ALIASES.get(node.attr, node.attr)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _union(_norm(node.left), _norm(node.right))
    if isinstance(node, ast.Subscript):
        base = _norm(node.value)
        items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        if base == "Optional":
            return _union(_norm(items[0]), "None")
        if base == "Union":
            return _union(*map(_norm, items))
        return (base, tuple(map(_norm, items)))
    if isinstance(node, ast.List):                    # Callable[[params], result]
        return ("params", tuple(map(_norm, node.elts)))
    raise AssertionError(f"annotation this test cannot read: {ast.unparse(node)}")


def _union(*parts: Any) -> Any:
    flat = set()
    for p in parts:
        flat |= set(p[1]) if isinstance(p, tuple) and p[0] == "Union" else {p}
    # pybind11 writes what an int or float parameter accepts as protocols.
    if flat == {"SupportsInt", "SupportsIndex"}:
        return "int"
    if flat == {"SupportsFloat", "SupportsIndex"}:
        return "float"
    return ("Union", frozenset(flat)) if len(flat) > 1 else flat.pop()


def _compatible(runtime: Any, stub: Any) -> bool:
    """True if the stub's type says at least what pybind11's does."""
    if runtime == stub or runtime == "object":
        return True
    # A bare container at run time (py::list, py::dict): the stub names its items.
    if isinstance(runtime, str) and isinstance(stub, tuple) and stub[0] == runtime:
        return True
    if isinstance(runtime, tuple) and isinstance(stub, tuple) and runtime[0] == stub[0] != "Union":
        return len(runtime[1]) == len(stub[1]) and all(map(_compatible, runtime[1], stub[1]))
    if isinstance(runtime, tuple) and runtime[0] == "Union" and isinstance(stub, tuple) and stub[0] == "Union":
        return runtime[1] == stub[1]
    return False


def _params(fn: ast.FunctionDef) -> List[Tuple[str, str, Optional[ast.expr], Optional[ast.expr]]]:
    """(name, kind, annotation, default) for every parameter, in order."""
    a = fn.args
    positional = [(p, "positional-only") for p in a.posonlyargs] + [(p, "any") for p in a.args]
    defaults = [None] * (len(positional) - len(a.defaults)) + list(a.defaults)
    out = [(p.arg, kind, p.annotation, d) for (p, kind), d in zip(positional, defaults)]
    if a.vararg:
        out.append((a.vararg.arg, "*args", a.vararg.annotation, None))
    out += [(p.arg, "keyword-only", p.annotation, d) for p, d in zip(a.kwonlyargs, a.kw_defaults)]
    if a.kwarg:
        out.append((a.kwarg.arg, "**kwargs", a.kwarg.annotation, None))
    return out


def _same_default(runtime: ast.expr, stub: ast.expr) -> bool:
    r, s = ast.literal_eval(runtime), ast.literal_eval(stub)
    if isinstance(r, float) or isinstance(s, float):
        # pybind11 prints a C++ float's value (1e-3 becomes 0.0010000000474974513).
        return isinstance(r, (int, float)) and isinstance(s, (int, float)) and math.isclose(r, s, rel_tol=1e-6)
    return type(r) is type(s) and r == s


def _signature_drift(name: str, runtime: ast.FunctionDef, stub: ast.FunctionDef, method: bool) -> List[str]:
    problems = []
    rp, sp = _params(runtime), _params(stub)
    if [p[0] for p in rp] != [p[0] for p in sp]:
        return [f"{name}: parameters {[p[0] for p in rp]} at run time, {[p[0] for p in sp]} in the stub"]
    for k, ((pname, rkind, rann, rdef), (_, skind, sann, sdef)) in enumerate(zip(rp, sp)):
        if rkind != skind:
            problems.append(f"{name}({pname}): {rkind} at run time, {skind} in the stub")
        if (rdef is None) != (sdef is None):
            problems.append(f"{name}({pname}): default {ast.unparse(rdef) if rdef else 'none'} at run "
                            f"time, {ast.unparse(sdef) if sdef else 'none'} in the stub")
        elif rdef is not None and not _same_default(rdef, sdef):
            problems.append(f"{name}({pname}): default {ast.unparse(rdef)} at run time, "
                            f"{ast.unparse(sdef)} in the stub")
        if method and k == 0:
            continue  # self: pybind11 names the class, stubs leave it out
        if sann is None:
            problems.append(f"{name}({pname}): no annotation in the stub")
            continue
        want, have = _norm(rann), _norm(sann)
        none_default = rdef is not None and isinstance(rdef, ast.Constant) and rdef.value is None
        if not (_compatible(want, have) or (none_default and _compatible(_union(want, "None"), have))):
            problems.append(f"{name}({pname}): {ast.unparse(rann)} at run time, {ast.unparse(sann)} in the stub")
    if stub.returns is None:
        problems.append(f"{name}: no return annotation in the stub")
    elif not _compatible(_norm(runtime.returns), _norm(stub.returns)):
        problems.append(f"{name}: returns {ast.unparse(runtime.returns)} at run time, "
                        f"{ast.unparse(stub.returns)} in the stub")
    return problems


def _value_matches(value: Any, ann: Any) -> bool:
    kinds = {"int": int, "str": str, "float": float, "bool": bool, "bytes": bytes}
    if isinstance(ann, str):
        return ann in kinds and isinstance(value, kinds[ann]) and not (ann == "int" and isinstance(value, bool))
    base, args = ann
    if base == "dict":
        return isinstance(value, dict) and all(
            _value_matches(k, args[0]) and _value_matches(v, args[1]) for k, v in value.items())
    if base in ("list", "Sequence"):
        return isinstance(value, (list, tuple)) and all(_value_matches(v, args[0]) for v in value)
    return False


# --- the tests -----------------------------------------------------------------

def test_every_public_name_is_in_both():
    assert sorted(RUNTIME_NAMES - STUB_NAMES) == [], "missing from the stub"
    assert sorted(STUB_NAMES - RUNTIME_NAMES) == [], "in the stub but not in the module"


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_classes(name):
    cls, stub = getattr(_core, name), CLASSES[name]
    assert isinstance(cls, type), f"{name} is a class in the stub, a {type(cls).__name__} at run time"
    # Bases: a stub base must be a real base (PresslensError(RuntimeError)).
    for base in stub.bases:
        assert base in {b.__name__ for b in cls.__mro__[1:]}, f"{name}: not a subclass of {base}"
    if issubclass(cls, BaseException):
        return
    runtime = {m for m, v in vars(cls).items()
               if m not in _PYBIND_INTERNALS
               and (not m.startswith("_") or type(v).__name__ == "instancemethod")}
    assert sorted(runtime - stub.members()) == [], f"{name}: members missing from the stub"
    assert sorted(stub.members() - runtime) == [], f"{name}: members in the stub but not at run time"
    problems = []
    for m in sorted(runtime):
        member = vars(cls)[m]
        if isinstance(member, property):
            if m not in stub.properties:
                problems.append(f"{name}.{m} is a property at run time, not in the stub")
                continue
            stub_type = stub.properties[m].returns
            if stub_type is None or not _compatible(_norm(_property_type(member, m)), _norm(stub_type)):
                problems.append(f"{name}.{m}: {ast.unparse(_property_type(member, m))} at run time, "
                                f"{ast.unparse(stub_type) if stub_type else 'no type'} in the stub")
        elif type(member).__name__ == "instancemethod":
            if m not in stub.methods:
                problems.append(f"{name}.{m} is a method at run time, not in the stub")
                continue
            problems += _signature_drift(f"{name}.{m}", _runtime_signature(member, m),
                                         stub.methods[m], method=True)
        elif isinstance(member, staticmethod):
            if m not in stub.methods:
                problems.append(f"{name}.{m} is a static method at run time, not in the stub")
                continue
            problems += _signature_drift(f"{name}.{m}", _runtime_signature(member.__func__, m),
                                         stub.methods[m], method=False)
        else:
            problems.append(f"{name}.{m}: a {type(member).__name__}, which this test does not compare")
    assert problems == []


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_functions(name):
    fn = getattr(_core, name)
    assert callable(fn) and not isinstance(fn, type), f"{name} is a function in the stub"
    assert _signature_drift(name, _runtime_signature(fn, name), FUNCTIONS[name], method=False) == []


@pytest.mark.parametrize("name", sorted(CONSTANTS))
def test_constants(name):
    value = getattr(_core, name)
    assert not callable(value), f"{name} is a constant in the stub"
    assert _value_matches(value, _norm(CONSTANTS[name])), \
        f"{name} = {value!r} does not match {ast.unparse(CONSTANTS[name])}"


# --- the checker itself --------------------------------------------------------

def _stub_fn(src: str) -> ast.FunctionDef:
    return ast.parse(src).body[0]


def test_the_checker_catches_drift():
    runtime = _stub_fn("def f(self: presslens._core.Pipeline, text: str, n: typing.SupportsInt | "
                       "typing.SupportsIndex = 1, patterns: presslens._core.EntityPatterns = None) "
                       "-> list[presslens._core.Doc]: ...")
    good = _stub_fn("def f(self, text: str, n: int = 1, patterns: Optional[EntityPatterns] = None)"
                    " -> List[Doc]: ...")
    assert _signature_drift("f", runtime, good, method=True) == []
    for bad in ("def f(self, text: str, n: int = 1) -> List[Doc]: ...",                  # missing
                "def f(self, data: str, n: int = 1, patterns: Optional[EntityPatterns] = None) -> List[Doc]: ...",
                "def f(self, text: str, n: int = 2, patterns: Optional[EntityPatterns] = None) -> List[Doc]: ...",
                "def f(self, text: str, n: int, patterns: Optional[EntityPatterns] = None) -> List[Doc]: ...",
                "def f(self, text: bytes, n: int = 1, patterns: Optional[EntityPatterns] = None) -> List[Doc]: ...",
                "def f(self, text: str, n: float = 1, patterns: Optional[EntityPatterns] = None) -> List[Doc]: ...",
                "def f(self, text: str, n: int = 1, patterns: Optional[Pipeline] = None) -> List[Doc]: ...",
                "def f(self, text: str, n: int = 1, patterns: Optional[EntityPatterns] = None) -> List[str]: ...",
                "def f(self, text: str, /, n: int = 1, patterns: Optional[EntityPatterns] = None) -> List[Doc]: ...",
                "def f(self, text, n: int = 1, patterns: Optional[EntityPatterns] = None) -> List[Doc]: ..."):
        assert _signature_drift("f", runtime, _stub_fn(bad), method=True) != [], bad
    # What pybind11 cannot see, the stub may say more precisely.
    loose = _stub_fn("def g(texts: list, progress: object = None, prune: typing.SupportsFloat | "
                     "typing.SupportsIndex = 0.0010000000474974513) -> dict: ...")
    precise = _stub_fn("def g(texts: List[str], progress: Optional[Callable[[int, float], None]] = None,"
                       " prune: float = 1e-3) -> Dict[str, int]: ...")
    assert _signature_drift("g", loose, precise, method=False) == []
    assert _value_matches({"a": 1}, _norm(ast.parse("Dict[str, int]", mode="eval").body))
    assert not _value_matches({"a": "1"}, _norm(ast.parse("Dict[str, int]", mode="eval").body))
