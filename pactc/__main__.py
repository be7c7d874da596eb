"""``python -m pactc``."""

from .cli import main

main()
