"""``python -m plantarkit``: the same as the ``plantarkit`` command."""

from plantarkit.cli import main

if __name__ == "__main__":
    main()
