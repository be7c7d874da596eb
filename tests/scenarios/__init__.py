"""Revisions of real pacts, written as edits of their sources, for the diff and the avenant."""
