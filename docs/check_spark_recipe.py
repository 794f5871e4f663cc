"""Runs the code of docs/spark.md on a local Spark and compares its tables with
presslens.analyze_frame. Not part of `make test` (presslens does not depend on
Spark); run it by hand after changing the recipe or the tables:

    pip install pyspark                  # needs Java 17 or later
    PYSPARK_PYTHON=$(which python) python docs/check_spark_recipe.py [--shared ../shared]

It writes presslens_job.py (the recipe's module) and a small Parquet corpus to
a temporary directory, runs the driver code there, and exits non-zero on any
difference.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from itertools import islice
from pathlib import Path

import pandas as pd

import presslens

DOC = Path(__file__).resolve().parent / "spark.md"


def _order(value: object) -> tuple:
    """A sort key for any cell: numbers by value (Spark may give 3.0 for 3), then text,
    then booleans, then missing values."""
    if value is None:
        return (3, "")
    if isinstance(value, bool):
        return (2, str(value))
    if isinstance(value, (int, float)):
        return (0, float(value))
    return (1, str(value))


def rows(frame: pd.DataFrame) -> list:
    """The rows as lists, missing values as None, in an order that does not depend on
    how the rows came (two cues may share doc_id, start and end)."""
    frame = frame.astype(object)
    out = frame.where(frame.notna(), None).values.tolist()
    return sorted(out, key=lambda row: [_order(x) for x in row])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    parser.add_argument("--articles", type=int, default=30)
    args = parser.parse_args()
    corpus = Path(args.shared) / "data" / "text" / "wikinews_en_2019_2020" / "part-00000.jsonl"
    with corpus.open(encoding="utf-8") as f:
        records = [json.loads(line) for line in islice(f, args.articles)]
    df = pd.DataFrame({"id": [r["id"] for r in records] + ["no-text"],
                       "text": [r["text"] for r in records] + [None]})
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    module = [b for b in blocks if b.startswith("# presslens_job.py")]
    driver = [b for b in blocks if b.startswith("# the driver")]
    assert len(module) + len(driver) == len(blocks), "every python block is module or driver code"

    # A local check: Spark talks to itself over the loopback interface only.
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        Path("presslens_job.py").write_text("\n\n".join(module), encoding="utf-8")
        Path("articles").mkdir()
        half = len(df) // 2
        df.iloc[:half].to_parquet("articles/part-0.parquet", index=False)
        df.iloc[half:].to_parquet("articles/part-1.parquet", index=False)
        sys.path.insert(0, tmp)
        spark = (SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false")
                 .config("spark.driver.host", "127.0.0.1")
                 .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate())
        spark.sparkContext.setLogLevel("ERROR")
        ns: dict = {"spark": spark}
        for block in driver:
            exec(compile(block, str(DOC), "exec"), ns)

        job = ns["presslens_job"]
        expected = presslens.analyze_frame(df, progress=False)
        assert rows(ns["ents"].toPandas()) == rows(expected.entities), "mapInPandas: entities"
        assert rows(ns["quotes"].toPandas()) == rows(expected.quotes), "mapInPandas: quotes"
        assert rows(ns["cues"].toPandas()) == rows(expected.cues), "mapInPandas: cues"
        assert set(job.columns()) == set(presslens.Tables.NAMES), "one pass: every table"
        for name, columns in job.columns().items():
            got = ns["tables"][name].toPandas()
            want = getattr(expected, name)
            assert list(got.columns) == columns == list(want.columns), name
            assert rows(got) == rows(want), f"one pass: {name}"
        people = ns["articles"].withColumn("people", job.people("text")).toPandas()
        assert people.set_index("id").loc["no-text", "people"] is None
        assert len(ns["rows"].collect()) == len(expected.entities), "mapPartitions"
        spark.stop()
    print(f"docs/spark.md: every recipe agrees with analyze_frame on {len(df)} records")


if __name__ == "__main__":
    main()
