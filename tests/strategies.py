"""Hypothesis strategies: valid pacts as data, and raw YAML-ish text."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

slug = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,5}){0,2}", fullmatch=True)
words = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzéèàçô ,;:!?«»'-"), min_size=1, max_size=40).map(
    lambda s: s.strip() or "texte")


@st.composite
def pactes(draw: st.DrawFn) -> dict[str, Any]:
    """A schema-valid pact whose references all resolve."""
    ids = draw(st.lists(slug, min_size=3, max_size=14, unique=True))
    n_partners = draw(st.integers(1, max(1, len(ids) - 2)))
    partner_ids, rest = ids[:n_partners], ids[n_partners:]
    n_axes = draw(st.integers(0, len(rest) - 1))
    axis_ids, engagement_ids = rest[:n_axes], rest[n_axes:]
    debut = draw(st.integers(1990, 2090))
    fin = draw(st.integers(debut, debut + 9))
    signing = draw(st.lists(st.sampled_from(partner_ids), unique=True))
    categories = [{"id": "signataire-cat", "libelle": "Signataires", "signataire": True},
                  {"id": "autre-cat", "libelle": "Autres"}]
    pacte: dict[str, Any] = {
        "pacte": {"id": "pti", "type": "PTI", "departement": {"code": "15", "nom": "Cantal"},
                  "titre": draw(words), "periode": {"debut": debut, "fin": fin}},
        "categories": categories,
        "partenaires": [{"id": p, "nom": draw(words),
                         "categorie": "signataire-cat" if p in signing else "autre-cat"} for p in partner_ids],
        "engagements": [{"id": e, "partenaires": draw(st.lists(st.sampled_from(partner_ids), min_size=1, unique=True)),
                         "texte": draw(words), "axes": draw(st.lists(st.sampled_from(axis_ids), unique=True))
                         if axis_ids else []} for e in engagement_ids],
        "niveaux_axes": [{"nom": "Axe", "numerotation": draw(st.sampled_from(["1", "a", "A", "I", "i", "aucune"]))}],
        "axes": [{"id": a, "titre": draw(words), "texte": draw(words)} for a in axis_ids],
        "signatures": [{"partenaire": p, "qualite": draw(words)} for p in signing],
    }
    return pacte
