"""docs/spark.md without Spark: the recipe's module code (the ``presslens_job.py``
blocks) runs here with small stand-ins for PySpark's type classes, so that its
schemas are checked against analyze_frame's tables (names, order, types) and
its functions are run on pandas frames as Spark would call them.

docs/check_spark_recipe.py runs the whole recipe, driver code included, on a
real local Spark; that needs PySpark and Java and is not part of the tests."""

from __future__ import annotations

import importlib.util
import re
import sys
import types

import pytest

import presslens
from conftest import REPO

pd = pytest.importorskip("pandas")

DOC = REPO / "docs" / "spark.md"


class _Type:
    def __eq__(self, other):
        return type(self) is type(other)

    def __hash__(self):
        return hash(type(self))

    def __repr__(self):
        return f"{type(self).__name__}()"


class StringType(_Type): ...
class LongType(_Type): ...
class DoubleType(_Type): ...
class BooleanType(_Type): ...


class ArrayType(_Type):
    def __init__(self, element):
        self.element = element


class StructField:
    def __init__(self, name, dataType, nullable=True):
        self.name, self.dataType, self.nullable = name, dataType, nullable


class StructType:
    def __init__(self, fields):
        self.fields = list(fields)

    def fieldNames(self):
        return [f.name for f in self.fields]


def _fake_pyspark() -> dict:
    """The modules the recipe imports, holding the stand-ins."""
    sql = types.ModuleType("pyspark.sql")
    functions = types.ModuleType("pyspark.sql.functions")
    functions.pandas_udf = lambda return_type: (lambda fn: fn)   # the plain function
    spark_types = types.ModuleType("pyspark.sql.types")
    for cls in (StringType, LongType, DoubleType, BooleanType, ArrayType, StructField, StructType):
        setattr(spark_types, cls.__name__, cls)
    root = types.ModuleType("pyspark")
    root.sql, sql.functions, sql.types = sql, functions, spark_types
    return {"pyspark": root, "pyspark.sql": sql, "pyspark.sql.functions": functions,
            "pyspark.sql.types": spark_types}


@pytest.fixture(scope="module")
def job():
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    module = [b for b in blocks if b.startswith("# presslens_job.py")]
    assert len(module) >= 3, "the recipe's module code is in blocks starting '# presslens_job.py'"
    saved = {name: sys.modules.get(name) for name in _fake_pyspark()}
    sys.modules.update(_fake_pyspark())
    try:
        spec = importlib.util.spec_from_loader("presslens_job", loader=None)
        mod = importlib.util.module_from_spec(spec)
        exec(compile("\n\n".join(module), str(DOC), "exec"), mod.__dict__)
    finally:
        for name, value in saved.items():
            if value is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = value
    return mod


@pytest.fixture(scope="module")
def articles(nlp):
    texts = [
        "“We will appeal,” the minister said on Tuesday. Critics called it a “rushed” deal.",
        "Officials said the port could probably reopen. Mayor Elena Vasquez praised the workers.",
        "No quotes here, only the Harbour City Council.",
    ]
    return pd.DataFrame({"id": ["a", "b", "c", "d"], "text": texts + [None]})


@pytest.fixture(scope="module")
def expected(articles, nlp):
    return presslens.analyze_frame(articles, nlp=nlp, progress=False)


_SPARK_TYPE = {"int64": LongType(), "Int64": LongType(), "float64": DoubleType(),
               "bool": BooleanType()}


def _spark_type(dtype) -> _Type:
    """The Spark type a column of analyze_frame's should have."""
    if pd.api.types.is_string_dtype(dtype) or dtype == object:
        return StringType()
    return _SPARK_TYPE[str(dtype)]


def test_the_example_has_quotes_and_cues(expected):
    assert len(expected.quotes) and len(expected.cues) and len(expected.errors) == 1
    assert expected.quotes["speaker_cluster"].isna().any()       # a missing index
    assert expected.cues["target_cluster"].isna().any()


@pytest.mark.parametrize("schema, table", [("ENTITIES", "entities"), ("QUOTES", "quotes"),
                                           ("CUES", "cues")])
def test_one_table_schemas_are_analyze_frames_columns(job, expected, schema, table):
    frame = getattr(expected, table)
    fields = getattr(job, schema).fields
    assert [f.name for f in fields] == list(frame.columns)
    for f in fields:
        assert f.dataType == _spark_type(frame[f.name].dtype), (table, f.name)


@pytest.mark.parametrize("table", ["entities", "quotes", "cues"])
def test_one_table_functions_give_analyze_frames_tables(job, articles, expected, table):
    half = len(articles) // 2
    batches = iter([articles.iloc[:half], articles.iloc[half:]])    # as mapInPandas passes them
    got = pd.concat(list(getattr(job, table)(batches)), ignore_index=True)
    pd.testing.assert_frame_equal(got, getattr(expected, table))


def test_the_long_schema_covers_every_table(job, expected):
    assert tuple(job.TABLES) == presslens.Tables.NAMES
    long = {f.name: f.dataType for f in job.LONG.fields}
    assert len(long) == len(job.LONG.fields), "a column is declared twice"
    assert job.LONG.fields[0].name == "table" and long["table"] == StringType()
    for name, frame in expected:
        for column in frame.columns:
            assert column in long, (name, column)
            assert long[column] == _spark_type(frame[column].dtype), (name, column)
    used = {c for _, frame in expected for c in frame.columns} | {"table"}
    assert set(long) == used, "LONG declares a column no table has"
    # columns() lists each table's columns in analyze_frame's order.
    assert job.columns() == {name: list(frame.columns) for name, frame in expected}


def test_one_pass_splits_back_into_analyze_frames_tables(job, articles, expected):
    check = importlib.util.spec_from_file_location("check_spark_recipe",
                                                   REPO / "docs" / "check_spark_recipe.py")
    recipe_check = importlib.util.module_from_spec(check)
    check.loader.exec_module(recipe_check)

    frames = list(job.all_tables(iter([articles])))
    nullable = {LongType(): "Int64", DoubleType(): "Float64", BooleanType(): "boolean"}
    for frame in frames:
        assert list(frame.columns) == job.LONG.fieldNames()
        # What Arrow needs to fill the Spark types: nullable dtypes, text as objects.
        for f in job.LONG.fields:
            assert str(frame[f.name].dtype) == nullable.get(f.dataType, "object"), f.name
    long = pd.concat(frames, ignore_index=True)
    for name, columns in job.columns().items():
        part = long[long["table"] == name][columns]
        want = getattr(expected, name)
        assert len(part) == len(want) and len(want), name
        assert recipe_check.rows(part) == recipe_check.rows(want), name


def test_the_udf_and_the_rdd_function(job, articles, expected, nlp):
    people = job.people(articles["text"])
    assert people.iloc[-1] is None
    assert "Elena Vasquez" in people.iloc[1]
    pairs = [(i, t) for i, t in zip(articles["id"], articles["text"]) if isinstance(t, str)]
    rows = list(job.entity_rows(iter(pairs)))
    assert [(r[0], r[1], r[2]) for r in rows] == \
        list(zip(expected.entities["doc_id"], expected.entities["start"], expected.entities["end"]))
