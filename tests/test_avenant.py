"""The avenant checks itself: its operations, applied to the signed act, give the revised act exactly."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pactc.avenant.acte import ATTRIBUTS, Unite, build_acte, index
from pactc.avenant.langue import de_partenaire, ordinal, rang_alinea
from pactc.avenant.operations import (
    AlineaRedige,
    Insertion,
    Modification,
    Mots,
    Redaction,
    appliquer,
    operations,
)
from pactc.dossier import check_source
from pactc.project import discover

from .test_diff import edited, model

ROOT = Path(__file__).resolve().parent.parent
SLUGS = ("allier", "cantal", "deux-sevres", "herault")


def _acte(slug: str) -> Unite:
    sources, _ = discover((str(ROOT / "pactes" / slug),))
    dossier = check_source(sources[0]).dossier
    assert dossier is not None
    return build_acte(dossier)


ACTES = {slug: _acte(slug) for slug in SLUGS}
_FRESH = itertools.count(1)
WORDS = ("insertion", "emploi", "de", "la", "les", "partenaires", "« solidarité »", "2022", "Département")


# ---------------------------------------------------------------- editing a tree


def _map(unite: Unite, cle: str, f: Callable[[Unite], Unite | None]) -> Unite:
    enfants = []
    for enfant in unite.enfants:
        if enfant.cle == cle:
            changed = f(enfant)
            if changed is not None:
                enfants.append(changed)
        else:
            enfants.append(_map(enfant, cle, f))
    return replace(unite, enfants=tuple(enfants))


def _units(acte: Unite, *, containers: bool = False) -> list[Unite]:
    return [u for u, _ in acte.parcours() if containers or u.genre != "conteneur"]


def _reword(draw: st.DrawFn, acte: Unite) -> Unite:
    candidates = [u for u in _units(acte) if u.alineas]
    if not candidates:
        return acte
    unite = draw(st.sampled_from(candidates))
    rang = draw(st.integers(0, len(unite.alineas) - 1))
    words = unite.alineas[rang].split(" ")
    start = draw(st.integers(0, len(words)))
    end = draw(st.integers(start, min(len(words), start + 4)))
    new = draw(st.lists(st.sampled_from(WORDS), max_size=4))
    words[start:end] = new
    texte = " ".join(words)
    if not texte:
        return acte
    alineas = unite.alineas[:rang] + (texte,) + unite.alineas[rang + 1:]
    return _map(acte, unite.cle, lambda u: replace(u, alineas=alineas))


def _alineas(draw: st.DrawFn, acte: Unite) -> Unite:
    unite = draw(st.sampled_from(_units(acte)))
    alineas = list(unite.alineas)
    if alineas and draw(st.booleans()):
        del alineas[draw(st.integers(0, len(alineas) - 1))]
    else:
        alineas.insert(draw(st.integers(0, len(alineas))), " ".join(draw(st.lists(st.sampled_from(WORDS),
                                                                                    min_size=1, max_size=6))))
    return _map(acte, unite.cle, lambda u: replace(u, alineas=tuple(alineas)))


def _retitle(draw: st.DrawFn, acte: Unite) -> Unite:
    unite = draw(st.sampled_from(_units(acte)))
    titre = draw(st.sampled_from(("Nouvel intitulé", None, "Insertion et emploi")))
    return _map(acte, unite.cle, lambda u: replace(u, titre=titre))


def _attribute(draw: st.DrawFn, acte: Unite) -> Unite:
    unite = draw(st.sampled_from(_units(acte)))
    attributs = dict(unite.attributs)
    nom = draw(st.sampled_from(("Représentant", "Sigle", "Catégorie")))
    if nom in attributs and draw(st.booleans()):
        del attributs[nom]
    else:
        attributs[nom] = draw(st.sampled_from(("La Présidente", "CAF", "Signataires")))
    ordered = tuple(sorted(attributs.items(), key=lambda kv: ATTRIBUTS.index(kv[0])))
    return _map(acte, unite.cle, lambda u: replace(u, attributs=ordered))


def _new_unit(draw: st.DrawFn, acte: Unite, genre: str) -> Unite:
    n = next(_FRESH)
    enfants = ()
    if draw(st.booleans()):
        enfants = (Unite(f"nouveau:{n}-1", genre, None, ("Un sous-élément nouveau.",)),)
    return Unite(f"nouveau:{n}", genre, draw(st.sampled_from(("Titre nouveau", None))),
                 tuple(draw(st.lists(st.sampled_from(("Un alinéa nouveau.", "Un autre alinéa.")), max_size=3))),
                 enfants=enfants)


def _insert(draw: st.DrawFn, acte: Unite) -> Unite:
    parent = draw(st.sampled_from(_units(acte, containers=True)))
    unit = _new_unit(draw, acte, parent.enfants[0].genre if parent.enfants else "axe")
    rang = draw(st.integers(0, len(parent.enfants)))
    return _map(acte, parent.cle, lambda u: replace(u, enfants=u.enfants[:rang] + (unit,) + u.enfants[rang:])) \
        if parent.cle in index(acte) else acte


def _delete(draw: st.DrawFn, acte: Unite) -> Unite:
    unite = draw(st.sampled_from(_units(acte)))
    return _map(acte, unite.cle, lambda u: None)


def _move(draw: st.DrawFn, acte: Unite) -> Unite:
    unite = draw(st.sampled_from(_units(acte)))
    inside = {u.cle for u, _ in unite.parcours()} | {unite.cle}
    targets = [u for u in _units(acte, containers=True) if u.cle not in inside]
    if not targets:
        return acte
    target = draw(st.sampled_from(targets))
    without = _map(acte, unite.cle, lambda u: None)
    target = index(without)[target.cle][0]
    rang = draw(st.integers(0, len(target.enfants)))
    return _map(without, target.cle,
                lambda u: replace(u, enfants=u.enfants[:rang] + (unite,) + u.enfants[rang:]))


def _swap(draw: st.DrawFn, acte: Unite) -> Unite:
    parents = [u for u in _units(acte, containers=True) if len(u.enfants) >= 2]
    if not parents:
        return acte
    parent = draw(st.sampled_from(parents))
    i = draw(st.integers(0, len(parent.enfants) - 2))
    j = draw(st.integers(i + 1, len(parent.enfants) - 1))
    enfants = list(parent.enfants)
    enfants[i], enfants[j] = enfants[j], enfants[i]
    return _map(acte, parent.cle, lambda u: replace(u, enfants=tuple(enfants)))


def _new_partner(draw: st.DrawFn, acte: Unite) -> Unite:
    """A new partner with an engagement, and its signature block."""
    n = next(_FRESH)
    partner = Unite(f"partenaire:nouveau-{n}", "partenaire", "Nouveau partenaire", ("Sa présentation.",),
                    (("Catégorie", "Signataires"), ("Représentant", "Le Directeur")))
    engagement = Unite(f"engagement:nouveau-{n}", "engagement", None, ("Il s'engage.",),
                       (("Partenaires", "Nouveau partenaire"),))
    signature = Unite(f"signature:nouveau-{n}", "signature", None, (),
                      (("Pour", "Pour le nouveau partenaire"), ("Qualité", "Le Directeur")))
    rang = draw(st.integers(0, 3))
    acte = _map(acte, "partenaires", lambda u: replace(u, enfants=u.enfants[:rang] + (partner,) + u.enfants[rang:]))
    acte = _map(acte, "engagements", lambda u: replace(u, enfants=u.enfants[:rang] + (engagement,) + u.enfants[rang:]))
    return _map(acte, "signatures", lambda u: replace(u, enfants=(*u.enfants, signature)))


EDITS = (_reword, _alineas, _retitle, _attribute, _insert, _delete, _move, _swap, _new_partner)


class Revision(tuple[Unite, Unite]):
    """A signed act and a revision of it; printed as the edits that made it (the acts are large)."""

    journal: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return f"Revision({', '.join(self.journal)})"


@st.composite
def revisions(draw: st.DrawFn) -> Revision:
    slug = draw(st.sampled_from(SLUGS))
    signe = ACTES[slug]
    revise = signe
    journal = [slug]
    for _ in range(draw(st.integers(1, 6))):
        edit = draw(st.sampled_from(EDITS))
        revise = edit(draw, revise)
        journal.append(edit.__name__)
    revision = Revision((signe, revise))
    revision.journal = tuple(journal)
    return revision


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(revisions())
def test_the_avenant_applied_to_the_signed_act_gives_the_revised_act(pair: Revision) -> None:
    signe, revise = pair
    applied = appliquer(signe, operations(signe, revise))
    assert _differences(applied, revise) == []


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(revisions(), st.randoms(use_true_random=False))
def test_the_articles_may_come_in_any_order(pair: Revision, rng: object) -> None:
    """The articles follow the signed text, not the order the diff found them in."""
    signe, revise = pair
    ops = list(operations(signe, revise))
    rng.shuffle(ops)  # type: ignore[attr-defined]
    assert _differences(appliquer(signe, tuple(ops)), revise) == []


def _differences(a: Unite, b: Unite) -> list[str]:
    """What differs between two acts, unit by unit (empty when they are equal)."""
    if a == b:
        return []
    ia, ib = index(a), index(b)
    found = [f"{k}: absent" for k in ib if k not in ia] + [f"{k}: en trop" for k in ia if k not in ib]
    for k in ib:
        if k in ia:
            (ua, pa), (ub, pb) = ia[k], ib[k]
            if (pa and pa.cle) != (pb and pb.cle):
                found.append(f"{k}: sous {pa and pa.cle} au lieu de {pb and pb.cle}")
            if [e.cle for e in ua.enfants] != [e.cle for e in ub.enfants]:
                found.append(f"{k}: enfants {[e.cle for e in ua.enfants]} != {[e.cle for e in ub.enfants]}")
            for name in ("titre", "alineas", "attributs", "genre"):
                if getattr(ua, name) != getattr(ub, name):
                    found.append(f"{k}.{name}: {getattr(ua, name)!r} != {getattr(ub, name)!r}")
    return found or ["différence introuvable"]


@pytest.mark.parametrize("slug", SLUGS)
def test_an_unchanged_act_needs_no_article(slug: str) -> None:
    assert operations(ACTES[slug], ACTES[slug]) == ()


def test_a_few_words_are_replaced_and_a_rewritten_alinea_is_rewritten() -> None:
    acte = ACTES["allier"]
    engagement = next(u for u in _units(acte) if u.genre == "engagement" and len(u.alineas[0].split()) > 12)
    words = engagement.alineas[0].split(" ")
    few = " ".join([*words[:5], "résolument", *words[6:]])
    revise = _map(acte, engagement.cle, lambda u: replace(u, alineas=(few, *u.alineas[1:])))
    (op,) = operations(acte, revise)
    assert isinstance(op, Modification)
    (mots,) = op.changements
    assert isinstance(mots, Mots) and mots.apres.split(" ").count("résolument") == 1
    assert mots.avant.split(" ")[-1] == words[5] or words[5] in mots.avant
    other = "Un texte entièrement nouveau, sans rapport avec le précédent."
    revise = _map(acte, engagement.cle, lambda u: replace(u, alineas=(other, *u.alineas[1:])))
    (op,) = operations(acte, revise)
    assert isinstance(op, Redaction | Modification)
    if isinstance(op, Modification):
        assert op.changements == (AlineaRedige(0, other),)


def test_consecutive_insertions_are_one_article() -> None:
    acte = ACTES["allier"]
    units = tuple(Unite(f"axe:nouveau-{k}", "axe", f"Axe nouveau {k}", ("Texte.",)) for k in range(2))
    revise = _map(acte, "axes", lambda u: replace(u, enfants=u.enfants[:2] + units + u.enfants[2:]))
    (op,) = operations(acte, revise)
    assert isinstance(op, Insertion) and len(op.unites) == 2 and op.apres == acte.enfants[3].enfants[1].cle


@pytest.mark.parametrize(("n", "word"), [(1, "premier"), (2, "deuxième"), (5, "cinquième"), (9, "neuvième"),
                                         (11, "onzième"), (17, "dix-septième"), (21, "vingt et unième"),
                                         (71, "soixante et onzième"), (80, "quatre-vingtième"),
                                         (99, "quatre-vingt-dix-neuvième")])
def test_ordinals_in_words(n: int, word: str) -> None:
    assert ordinal(n) == word


def test_last_alineas_are_named_from_the_end() -> None:
    assert [rang_alinea(k, 5) for k in range(1, 6)] == ["premier", "deuxième", "troisième", "avant-dernier",
                                                       "dernier"]
    assert rang_alinea(1, 1) == "premier"


@pytest.mark.parametrize(("name", "expected"), [
    ("Conseil départemental de l'Allier", "du Conseil départemental de l'Allier"),
    ("Caisse d'Allocations Familiales du Cantal", "de la Caisse d'Allocations Familiales du Cantal"),
    ("Etat", "de l’Etat"), ("Pôle Emploi", "de Pôle Emploi"), ("Hérault", "de l’Hérault"),
    ("Intercommunalités", "des Intercommunalités"), ("L'État", "de l'État"), ("La Région", "de la Région"),
    ("Union Départementale des Associations Familiales", "de l’Union Départementale des Associations Familiales"),
    ("Agence Régionale de Santé", "de l’Agence Régionale de Santé"),
])
def test_de_before_a_partner_name(name: str, expected: str) -> None:
    assert de_partenaire(name) == expected


# ---------------------------------------------------------------- the whole avenant, through the CLI


def _ids(slug: str) -> set[str]:
    """Every id of the signed pact that has a hyphen (ids a reader would recognise as such)."""
    return {u.cle.split(":", 1)[1].split("#")[0] for u, _ in ACTES[slug].parcours()
            if ":" in u.cle and "-" in u.cle.split(":", 1)[1]}


def test_allier_revision_reads_as_a_legal_service_would_write_it(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from pactc.cli import main

    from .scenarios import allier

    signee, revisee = allier.write(tmp_path)
    out = tmp_path / "avenant.md"
    result = CliRunner().invoke(main, ["avenant", str(signee), str(revisee), "--markdown", str(out),
                                       "--html", str(tmp_path / "avenant.html")])
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    expected = [
        "# Avenant n° 1 au Pacte Territorial d'Insertion de l'Allier 2018-2021",
        "Caisse d'allocations familiales de l'Allier, représentée par le Directeur,",
        "Vu la délibération n° CP-2020-061 de la commission permanente du Conseil départemental de l'Allier "
        "du 15\u00a0juin 2020,",
        "## Article 1er\n\nLes axes 2 et 3 deviennent respectivement les axes 3 et 2.",
        "Après le partenaire « Pôle Emploi », il est inséré un partenaire ainsi rédigé :",
        "À l’engagement n° 3 du Conseil départemental de l'Allier, les mots : « contrats emploi et compétence » "
        "sont remplacés par les mots : « parcours emploi compétences (PEC) ».",
        "Le sixième alinéa de l’engagement n° 1 de Pôle Emploi est supprimé.",
        "L’engagement n° 2 de Pôle Emploi est ainsi rédigé :",
        "Après l’engagement n° 5 de Pôle Emploi, il est inséré un engagement ainsi rédigé :",
        "Après le bloc de signature « Pour Pôle Emploi », il est inséré un bloc de signature ainsi rédigé :",
        "## Article 8 — Entrée en vigueur",
        "Fait à Moulins, le …, en 5 exemplaires originaux.",
        "Pour la Caisse d'allocations familiales de l'Allier, \\\nLe Directeur",
    ]
    for sentence in expected:
        assert sentence in text, sentence
    html = (tmp_path / "avenant.html").read_text("utf-8")
    for ident in _ids("allier") | {"caf-travail-social"}:
        assert ident not in text and f">{ident}<" not in html, ident
    # the programme's moved fiche is not the avenant's: it is said apart, on stderr
    assert "Le programme a" in result.stderr and "Auto-vérification" in result.stderr
    assert "ne le sont plus" in result.stderr  # common engagements the new party does not take


def test_cantal_fixture_avenant() -> None:
    from click.testing import CliRunner

    from pactc.cli import main

    fixture = ROOT / "tests" / "fixtures" / "revision-cantal"
    result = CliRunner().invoke(main, ["avenant", str(fixture / "signee"), str(fixture / "revisee")])
    assert result.exit_code == 0, result.output
    for sentence in ("# Projet d’avenant au Pacte Territorial pour l'Insertion 2015-2020",
                     "Les orientations 5 et 6 deviennent respectivement les orientations 6 et 5.",
                     "il est inséré un partenaire ainsi rédigé",
                     "est supprimé.",
                     "il est inséré un bloc de signature ainsi rédigé"):
        assert sentence in result.stdout, sentence
    assert "Sans avenants.yaml" in result.stderr


def test_avenant_refuses_what_it_cannot_write(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from pactc.cli import main

    # several départements: an avenant amends one pact
    several = CliRunner().invoke(main, ["avenant", str(ROOT / "pactes"), str(ROOT / "pactes")])
    assert several.exit_code == 2 and "un seul pacte" in several.stderr
    # one folder and no signed version named in avenants.yaml
    alone = CliRunner().invoke(main, ["avenant", str(ROOT / "pactes" / "allier")])
    assert alone.exit_code == 2 and "version_signee" in alone.stderr
    assert "Traceback" not in alone.output


def test_avenant_pdf_is_tagged_and_lists_every_party(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from pactc.cli import main

    from .conftest import accessibility_findings
    from .scenarios import allier

    signee, revisee = allier.write(tmp_path)
    pdf = tmp_path / "avenant.pdf"
    result = CliRunner().invoke(main, ["avenant", str(signee), str(revisee), "--pdf", str(pdf)])
    assert result.exit_code == 0, result.output
    assert accessibility_findings(pdf) == []
    from .rendered_text import letters, pdf_text

    text = letters(pdf_text(pdf, []))
    for party in ("Pour le Conseil départemental de l'Allier", "Pour l'Etat", "Pour Pôle Emploi",
                  "Pour la Caisse d'allocations familiales de l'Allier", "Article 1er", "Entrée en vigueur"):
        assert letters(party) in text, party


@settings(max_examples=60, deadline=None)
@given(edited())
def test_an_avenant_is_written_and_self_checked_for_generated_pacts(case: tuple[dict, dict, object]) -> None:
    """From YAML edits of generated pacts (not only act trees): the whole avenant is written, self-checked."""
    from pactc.avenant.texte import rediger_avenant

    a, b, _ = case
    signe, revise = model(a), model(b)
    texte = rediger_avenant(signe, revise, None)  # raises AvenantIncoherent if the check fails
    assert appliquer(build_acte(signe), texte.operations) == build_acte(revise)
    if build_acte(signe) != build_acte(revise):
        assert texte.modifications


def test_a_change_of_data_the_pact_does_not_print_is_said_not_written(tmp_path: Path) -> None:
    """A governance body's frequency is data (the pact does not print it): no article, but a note."""
    from click.testing import CliRunner

    from pactc.cli import main

    from .scenarios import allier

    signee, revisee = allier.write(tmp_path)
    pacte = revisee / "pacte.yaml"
    pacte.write_text(pacte.read_text("utf-8").replace("frequence: à minima une fois par an",
                                                      "frequence: deux fois par an"), "utf-8")
    result = CliRunner().invoke(main, ["avenant", str(signee), str(revisee)])
    assert result.exit_code == 0, result.output
    assert "deux fois par an" not in result.stdout
    assert "Changements de données que le pacte n'imprime pas" in result.stderr
    assert "comite-pilotage-insertion" in result.stderr
