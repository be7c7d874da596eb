"""pactc: compile Pactes Territoriaux d'Insertion from YAML into checked, printable documents."""

__version__ = "0.2.0"
