"""Comparing two versions of a dossier: the changes (``changes``), the versions read from files or git
(``versions``), the comparison of two of them (``compare``), and the text and JSON printers (``printers``).
The tableau comparatif is a document: :mod:`pactc.render.comparatif`."""
