"""``python -m presslens``: the same as the ``presslens`` command."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
