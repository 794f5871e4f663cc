"""The README's first example runs as written, and prints what it says it prints."""

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def _python_blocks():
    return re.findall(r"^```python\n(.*?)^```", README.read_text(encoding="utf-8"),
                      flags=re.S | re.M)


def test_first_example_runs_as_written():
    block = _python_blocks()[0]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block, str(README), "exec"), {})
    lines = out.getvalue().splitlines()
    # `print(len(doc), "tokens")  # 18 tokens`: the comment states the output.
    promised = re.search(r'print\(len\(doc\), "tokens"\)\s*#\s*(\d+ tokens)', block)
    assert promised, "the example no longer prints the token count"
    assert lines[0] == promised.group(1)
    # One line per sentence (start, end, text), then six tokens.
    assert any(line.endswith("“We listened,” she said.") for line in lines)
    assert len(lines) == 1 + 2 + 6
