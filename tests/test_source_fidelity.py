"""The compiled body is the signed text: complete, nothing added, nothing repeated (see tests/fidelity).

For each source document in ../shared/seeds, the three properties of tests.fidelity hold with no
exemption beyond the source's table of contents and headings whose numbers pactc computes. The
only list is the compiler's own labels (tests/fidelity/labels.txt), which is not a list of
failures: a label in it is words pactc prints, never a source sentence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .fidelity import DOCUMENTS, SEEDS, body_blocks, compare, labels, seed_text


@pytest.mark.parametrize("document", sorted(DOCUMENTS))
def test_compiled_body_is_the_signed_text(document: str, built: Path) -> None:
    seed, folder, html = DOCUMENTS[document]
    if not (SEEDS / seed).is_file():
        pytest.skip(f"sources absentes : {SEEDS / seed}")
    report = compare(seed_text(document), (built / folder / html).read_text("utf-8"))
    assert report.missing == [], "phrases de la source absentes ou coupées"
    assert report.added == [], "phrases imprimées absentes de la source"
    assert report.repeated == [], "phrases imprimées plus souvent que dans la source"


SOURCE = "Le comité se réunit deux fois par an. Il associe la CAF et la MSA à ses travaux."


def _page(body: str) -> str:
    return (f"<html><body><header class='couverture'><p class='mobilier'>Allier</p><h1>Titre</h1></header>"
            f"<main>{body}</main></body></html>")


@pytest.mark.parametrize("body, broken", [
    ("<p>Le comité se réunit deux fois par an. Il associe la CAF et la MSA à ses travaux.</p>", None),
    # a sentence cut in two blocks (a figure set apart) is not whole
    ("<p>Le comité se réunit</p><p>deux fois par an. Il associe la CAF et la MSA à ses travaux.</p>", "missing"),
    # an acronym spelled out inside the sentence
    ("<p>Le comité se réunit deux fois par an. Il associe la CAF (Caisse d'allocations familiales) et la MSA"
     " à ses travaux.</p>", "missing added"),
    # a fact the source does not state
    ("<p>Le comité se réunit deux fois par an. Il associe la CAF et la MSA à ses travaux.</p>"
     "<p>Présidence : sous la supervision du Conseil départemental.</p>", "added"),
    # the same sentence printed twice (an instance table repeating the text)
    ("<p>Le comité se réunit deux fois par an. Il associe la CAF et la MSA à ses travaux.</p>"
     "<ul><li>Il associe la CAF et la MSA à ses travaux.</li></ul>", "repeated"),
    # computed numbers and furniture do not count
    ("<h2><span class='numero'>Axe 1</span> Le comité</h2><p>Le comité se réunit deux fois par an. "
     "Il associe la CAF et la MSA à ses travaux.</p><nav><p>Le comité se réunit deux fois par an.</p></nav>", None),
])
def test_the_three_properties_catch_what_they_name(body: str, broken: str | None) -> None:
    report = compare(SOURCE, _page(body))
    found = {name for name in ("missing", "added", "repeated") if getattr(report, name)}
    assert found == set((broken or "").split())


def test_a_source_heading_with_a_computed_number_is_found_in_a_heading() -> None:
    source = "II 3 - Une politique volontariste pour les dimensions sociales\n" + SOURCE
    html = _page(f"<h2><span class='numero'>Orientation 3</span> Une politique volontariste pour les dimensions "
                 f"sociales</h2><p>{SOURCE}</p>")
    assert compare(source, html).clean
    assert not compare(source, _page(f"<p>{SOURCE}</p>")).clean


def test_labels_are_short_compiler_words_never_source_sentences() -> None:
    for label in labels():
        assert len(label) < 40, label
    assert body_blocks(_page("<p>a</p><div class='bloc-signature'><p>Pour X</p><p>Le Maire</p></div>")) == [
        ("h1", "Titre"), ("p", "a"), ("div", "Pour X Le Maire")]
