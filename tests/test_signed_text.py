"""How the compiler prints what partners signed: joint engagements, the signature page, covers, acronyms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pactc.dossier import check_source
from pactc.model import Pacte
from pactc.project import discover
from pactc.render.html import render_html
from pactc.render.outline import signature_pages

from .fidelity import body_blocks

HERE = Path(__file__).parent

JOINT = """
  - id: ars
    nom: Agence Régionale de Santé
    sigle: ARS
    categorie: signataire
  - id: cpam
    nom: Caisse Primaire d'Assurance Maladie
    categorie: signataire
engagements:
  - id: engagement-sante
    partenaires: [ars, cpam]
    texte: Financer ensemble un bilan de santé pour chaque allocataire qui le demande.
  - id: engagement-tous
    partenaires: [departement, pole-emploi, ars, cpam]
    texte: Se réunir chaque année pour faire le bilan du pacte.
"""


def _pacte(tmp_path: Path, text: str) -> Pacte:
    folder = tmp_path / "exemple"
    folder.mkdir()
    (folder / "pacte.yaml").write_text(text, "utf-8")
    (source,), problems = discover((str(folder),))
    result = check_source(source)
    assert not problems and result.pacte is not None, [d.message for d in result.diagnostics]
    return result.pacte


def _joint(tmp_path: Path) -> Pacte:
    """The minimal pact with ARS and CPAM, one engagement of the two, and one of every signatory."""
    text = (HERE / "minimal.yaml").read_text("utf-8").replace("engagements:\n", JOINT.lstrip("\n"), 1)
    text = text.replace("signatures:\n", "signatures:\n  - partenaire: ars\n    qualite: Le Directeur général\n"
                        "  - partenaire: cpam\n    qualite: La Directrice\n")
    text += ("sections:\n  - id: engagements\n    titre: Engagements\n    contenu:\n      - inclure: partenaires\n"
             "      - inclure: engagements_communs\n")
    return _pacte(tmp_path, text)


def _chapter(html: str, partner: str) -> str:
    start = html.index(f'<section class="partenaire" id="{partner}">')
    return html[start:html.index("</section>", start)]


def test_a_two_partner_engagement_is_joint_and_under_both_partners(tmp_path: Path) -> None:
    pacte = _joint(tmp_path)
    sante, tous = (e for e in pacte.engagements if e.id in ("engagement-sante", "engagement-tous"))
    assert not pacte.est_commun(sante) and pacte.est_commun(tous)
    html = render_html(pacte, font_base="fonts").html
    ars, cpam = _chapter(html, "ars"), _chapter(html, "cpam")
    assert "Engagement conjoint de Agence Régionale de Santé et Caisse Primaire d’Assurance Maladie" in ars
    assert "Financer ensemble un bilan de santé" in ars
    assert "Engagement conjoint de Agence Régionale de Santé et Caisse Primaire d’Assurance Maladie" in cpam
    assert 'href="#engagement-sante"' in cpam
    communs = html[html.index('class="engagements engagements-communs"'):]
    communs = communs[:communs.index("</ul>")]
    assert "Se réunir chaque année" in communs and "Financer ensemble" not in communs
    # printed once: the signed sentence is not repeated in the second chapter
    assert html.count("Financer ensemble un bilan de santé") == 1


def test_acronyms_are_never_spelled_out_in_the_sentence(tmp_path: Path) -> None:
    text = (HERE / "minimal.yaml").read_text("utf-8").replace(
        "texte: Accueillir les demandeurs d'emploi.", "texte: Accueillir les allocataires du RSA.")
    text += "glossaire:\n  - sigle: RSA\n    definition: Revenu de Solidarité Active\n"
    html = render_html(_pacte(tmp_path, text), font_base="fonts").html
    assert '<abbr title="Revenu de Solidarité Active">RSA</abbr>.' in html
    assert "RSA</abbr> (Revenu" not in html


@pytest.mark.parametrize("count, sizes", [
    (0, []), (1, [1]), (4, [4]), (5, [3, 2]), (7, [4, 3]), (10, [4, 6]), (13, [4, 5, 4]), (17, [4, 5, 4, 4]),
])
def test_signature_pages_are_balanced_and_never_leave_a_box_alone(count: int, sizes: list[int]) -> None:
    groups = signature_pages(tuple(range(count)))  # type: ignore[arg-type]
    assert [len(g) for g in groups] == sizes
    assert sum(sizes) == count and all(len(g) > 1 for g in groups[1:])
    assert not groups or max(map(len, groups[1:]), default=0) - min(map(len, groups)) <= 2


def test_signature_boxes_say_for_whom_and_leave_room(tmp_path: Path) -> None:
    html = render_html(_pacte(tmp_path, (HERE / "minimal.yaml").read_text("utf-8")), font_base="fonts").html
    boxes = re.findall(r'<li class="bloc-signature">(.*?)</li>', html, re.S)
    assert len(boxes) == 2
    assert '<p class="pour mobilier">Pour Conseil départemental</p>' in boxes[0]
    assert "zone-signature" in boxes[0]
    assert "Fait à" not in html  # the source states no place: none is printed
    css = (HERE.parent / "templates" / "pacte.css").read_text("utf-8")
    assert ".zone-signature { height: 40mm; }" in css


def test_cover_prints_the_period_once(tmp_path: Path) -> None:
    text = (HERE / "minimal.yaml").read_text("utf-8").replace(
        "titre: Pacte d'exemple", "titre: Pacte d'exemple\n  sous_titre: PTI 2018 - 2021")
    pacte = _pacte(tmp_path, text)
    html = render_html(pacte, font_base="fonts").html
    header = html[html.index("<header"):html.index("</header>")]
    colophon = header.index('class="colophon"')
    assert header[:colophon].count("2018 - 2021") == 1 and "2018 – 2021" not in header
    assert "couverture-periode" not in header
    assert f"<title>{pacte.meta.intitule}</title>".replace("'", "&#39;") in html
    assert pacte.meta.intitule == "Pacte d'exemple — PTI 2018 - 2021"
    assert [t for _, t in body_blocks(html)][:2] == ["Pacte d’exemple", "PTI 2018 - 2021"]


def test_a_body_the_source_only_names_is_data_and_prints_no_bare_heading(tmp_path: Path) -> None:
    text = (HERE / "minimal.yaml").read_text("utf-8") + (
        "instances:\n  - id: comite\n    nom: Comité de pilotage\n    niveau: departemental\n"
        "    presidence: [departement]\n    frequence: deux fois par an\n")
    pacte = _pacte(tmp_path, text)
    html = render_html(pacte, font_base="fonts").html
    assert pacte.instances[0].presidence == ("departement",)
    assert "Comité de pilotage" not in html and "Présidence" not in html and "deux fois par an" not in html


def _book(tmp_path: Path, pdi: str) -> str:
    from pactc.render.fiches import render_fiches

    folder = tmp_path / "exemple"
    folder.mkdir()
    (folder / "pacte.yaml").write_text((HERE / "minimal.yaml").read_text("utf-8"), "utf-8")
    (folder / "pdi.yaml").write_text(pdi, "utf-8")
    (source,), _ = discover((str(folder),))
    result = check_source(source)
    assert result.pacte is not None, [d.message for d in result.diagnostics]
    return render_fiches(result.dossier, font_base="fonts").html


PDI = """pdi:
  id: pdi-exemple
  type: {type}
  titre: Programme d'exemple
  periode:
    debut: {debut}
    fin: {fin}
  pacte: pti-exemple
fiches:
  - id: fiche-a
    titre: Observer les besoins
    axe: axe-observer
    pilote: departement
  - id: fiche-b
    titre: Informer les publics
    axe: axe-observer
    objectifs:
      - id: objectif-b
        titre: Publier un guide
        actions:
          - id: action-b
            texte: Rédiger le guide avec les partenaires.
  - id: fiche-c
    titre: Évaluer
    axe: axe-observer
    calendrier:
      annees: [2019]
"""


def test_a_working_document_never_claims_to_be_a_programme(tmp_path: Path) -> None:
    html = _book(tmp_path, PDI.format(type="travail", debut=2018, fin=2021))
    header = html[html.index("<header"):html.index("</header>")]
    assert "Document de travail" in header and "n’est pas un programme départemental d’insertion" in header
    assert "Programme Départemental" not in header
    # the summary table lists every axis sheet; only the sheets with words are printed
    assert html.count('<section class="fiche"') == 1 and 'id="fiche-b"' in html
    assert html.count("<tr><th scope=\"row\">") >= 3


def test_unknown_fields_are_left_out_and_completeness_is_grouped(tmp_path: Path) -> None:
    html = _book(tmp_path, PDI.format(type="PDI", debut=2018, fin=2021))
    assert "À définir" not in html and "<h3>Indicateurs</h3>" not in html
    # letters and numbers are list markers: never separated from their text
    assert '<ol class="actions" type="a">' in html and 'class="lettre"' not in html
    completeness = html[html.index('id="pactc-completude"'):]
    assert "3 fiches sur 3 n’indiquent pas encore" in completeness
    assert "partenaires associés, publics visés, indicateurs, financement, statut, modalités de suivi" in completeness
    rows = completeness[completeness.index("<tbody>"):]
    assert rows.count("<tr>") == 3  # per fiche, only what it lacks besides
    # the timeline draws only dated fiches and names the others
    calendar = html[html.index('id="pactc-calendrier"'):html.index('id="pactc-completude"')]
    assert calendar.count('class="barre"') == 1 and "Sans calendrier" in calendar


def test_a_programme_older_than_its_pact_says_so(tmp_path: Path) -> None:
    html = _book(tmp_path, PDI.format(type="PDI", debut=2014, fin=2017).replace("annees: [2019]", "annees: [2015]"))
    header = html[html.index("<header"):html.index("</header>")]
    assert "Programme antérieur au" in header and "Met en œuvre" not in header
