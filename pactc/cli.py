"""The ``pactc`` command line: parses options, calls the library, picks a reporter.

Exit codes: 0 clean, 1 problems found in the pacts, 2 usage or internal error.
Heavy modules (the renderer, WeasyPrint) are imported only by ``build``, so
``pactc check`` runs where Pango is missing.
"""

from __future__ import annotations

import json
import os
import re
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click

from . import __version__, cli_fr
from .diagnostics import Diagnostic, Severity, has_errors
from .reporters import REPORTERS

cli_fr.installer()  # before the commands: their option help texts are read as they are declared
FORMATS = click.Choice(sorted(REPORTERS))


_DEBUG = {"on": False}


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, subcommand_metavar="COMMANDE [ARGUMENTS]...")
@click.version_option(__version__, prog_name="pactc")
@click.option("--debug", is_flag=True, help="Affiche la trace complète d'une erreur interne.")
def main(debug: bool) -> None:
    """Compile les Pactes Territoriaux d'Insertion écrits en YAML."""
    _DEBUG["on"] = debug


def _guarded(run: Callable[[], int]) -> NoReturn:
    """Run a command; an unexpected exception is an internal error (exit 2), not a traceback."""
    try:
        code = run()
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:
        # The reader went away (« pactc historique … | head »): not an error of pactc nor of the pact.
        # As the Python documentation advises: point stdout at devnull so that exiting does not flush into the pipe.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        code = 141
    except Exception as exc:  # a bug in pactc, never the user's input: say so plainly
        click.echo(f"pactc : erreur interne ({type(exc).__name__} : {exc}).\n"
                   "Ce n'est pas une erreur de votre pacte. Signalez-la aux mainteneurs de pactc en joignant "
                   "la commande lancée, le fichier en cause et la sortie de « pactc --debug … ».", err=True)
        if _DEBUG["on"]:
            traceback.print_exc()
        code = 2
    sys.exit(code)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(), metavar="[CHEMINS]...")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True,
              help="Format des diagnostics.")
@click.option("--strict", is_flag=True, help="Les avertissements font aussi échouer.")
@click.option("--tous", is_flag=True,
              help="Montre aussi les notes (ce qui reste à compléter) et les avertissements acceptés.")
def check(paths: tuple[str, ...], fmt: str, strict: bool, tous: bool) -> None:
    """Vérifie les pactes (par défaut : tout le dossier pactes/)."""

    def run() -> int:
        from .depot import retards
        from .dossier import check_source
        from .project import discover

        sources, problems = discover(paths)
        diagnostics: list[Diagnostic] = [*problems, *retards(Path.cwd())]
        accepted: list[Diagnostic] = []
        for source in sources:
            result = check_source(source)
            diagnostics.extend(result.diagnostics)
            accepted.extend(result.acceptes)
            dossier = result.dossier
            avenants = dossier.avenants if dossier else None
            if dossier and avenants and (avenants.revision_initiale or any(a.revision for a in avenants.avenants)):
                # The recorded revisions are checked against git only where a history records some.
                from .avenant.consolidation import verifier_revisions

                diagnostics.extend(verifier_revisions(dossier, source.folder))
        failed = has_errors(diagnostics, strict)
        if tous:
            diagnostics.extend(accepted)
        elif fmt == "text":
            # What a first run shows is what needs doing: notes and acknowledged warnings on request.
            notes = [d for d in diagnostics if d.severity is Severity.NOTE]
            diagnostics = [d for d in diagnostics if d.severity is not Severity.NOTE]
            hidden = [f"{len(notes)} note(s)" if notes else "", f"{len(accepted)} avertissement(s) accepté(s)"
                      if accepted else ""]
            if any(hidden):
                click.echo(REPORTERS[fmt](diagnostics) + f" — non affichés : {', '.join(h for h in hidden if h)} "
                           "(pactc check --tous)")
                return 1 if failed else 0
        click.echo(REPORTERS[fmt](diagnostics))
        return 1 if failed else 0

    _guarded(run)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(), metavar="[CHEMINS]...")
@click.option("--out", "out", type=click.Path(file_okay=False), default="build", show_default=True,
              help="Dossier de sortie.")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True,
              help="Format des diagnostics.")
@click.option("--strict", is_flag=True, help="Les avertissements font aussi échouer.")
@click.option("--no-pdf", is_flag=True, help="N'écrit que le HTML et le JSON (sans WeasyPrint).")
@click.option("--odt", is_flag=True,
              help="Écrit aussi chaque document en ODT (LibreOffice, format recommandé par le RGI).")
@click.option("--docx", is_flag=True, help="Écrit aussi chaque document en DOCX (Word).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Nombre de documents compilés en parallèle (par défaut : le nombre de cœurs).")
@click.option("-q", "--quiet", is_flag=True, help="N'affiche que les diagnostics, pas l'avancement.")
def build(paths: tuple[str, ...], out: str, fmt: str, strict: bool, no_pdf: bool, odt: bool, docx: bool,
          jobs: int | None, quiet: bool) -> None:
    """Vérifie puis compile les pactes en HTML, PDF et JSON dans build/.

    Ne recompile que ce qui a changé depuis la compilation précédente.
    """

    def run() -> int:
        from .build import build_all

        def progress(document: str, status: str) -> None:
            # Plain lines, no colour codes: readable in CI logs and terminals alike.
            click.echo(f"[{document}] {status}", err=True)

        bureautique = tuple(f for f, voulu in (("odt", odt), ("docx", docx)) if voulu)
        result = build_all(paths, Path(out), strict=strict, pdf=not no_pdf, jobs=jobs,
                           progress=None if quiet else progress, bureautique=bureautique)
        shown = list(result.diagnostics)
        if fmt == "text":
            # The completeness notes are in the fiches book; the console keeps errors and warnings.
            shown = [d for d in shown if d.severity is not Severity.NOTE]
        click.echo(REPORTERS[fmt](shown))
        for document, file in result.not_built:
            click.echo(f"non compilé : {document} (erreurs dans {file})", err=True)
        if not quiet:
            click.echo(f"{len(result.rendered)} document(s) compilé(s), {len(result.written)} fichier(s) écrit(s)",
                       err=True)
        return 1 if result.failed else 0

    _guarded(run)


@main.command()
@click.argument("old", metavar="ANCIENNE")
@click.argument("new", required=False, metavar="[NOUVELLE]")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Format de la sortie.")
@click.option("--html", "html_file", type=click.Path(dir_okay=False), help="Écrit le tableau comparatif en HTML.")
@click.option("--pdf", "pdf_file", type=click.Path(dir_okay=False), help="Écrit le tableau comparatif en PDF.")
@click.option("--odt", "odt_file", type=click.Path(dir_okay=False), help="Écrit le tableau comparatif en ODT.")
@click.option("--docx", "docx_file", type=click.Path(dir_okay=False), help="Écrit le tableau comparatif en DOCX.")
@click.option("--exit-code", is_flag=True,
              help="Sort avec 1 s'il y a des différences, 0 sinon (2 : une version est illisible ou invalide).")
def diff(old: str, new: str | None, fmt: str, html_file: str | None, pdf_file: str | None, odt_file: str | None,
         docx_file: str | None, exit_code: bool) -> None:
    """Compare deux versions d'un pacte et de ses fiches.

    ANCIENNE et NOUVELLE sont un dossier, un fichier, ou REV:chemin (par exemple
    HEAD~3:pactes/<département>). Sans NOUVELLE, la version de travail du même chemin.
    Deux révisions seules (pactc diff v1 v2) comparent tous les départements.
    """

    def run() -> int:
        from .diff.compare import compare
        from .diff.printers import as_json, text
        from .diff.versions import RevisionError

        # Exit codes: 0 no difference, 1 differences (with --exit-code), 2 a version cannot be read or is invalid.
        try:
            comparison = compare(old, new)
        except RevisionError as exc:
            if fmt == "json":
                click.echo(json.dumps({"erreur": str(exc), "diagnostics": []}, ensure_ascii=False, indent=2))
            click.echo(f"pactc diff : {exc}", err=True)
            return 2
        if comparison.diagnostics:
            if fmt == "json":
                click.echo(REPORTERS["json"](list(comparison.diagnostics)))
            click.echo(REPORTERS["text"](list(comparison.diagnostics)), err=True)
            return 2
        click.echo(as_json(comparison.diffs) if fmt == "json" else text(comparison.diffs))
        if html_file or pdf_file or odt_file or docx_file:
            from .files import write_atomic
            from .render.comparatif import comparatif_outputs

            files = comparatif_outputs(comparison, html=bool(html_file or odt_file or docx_file),
                                       pdf=bool(pdf_file))
            files.update(_bureautique(files.get("html", b""), odt_file, docx_file, "Tableau comparatif",
                                      comparison.date))
            for kind, target in (("html", html_file), ("pdf", pdf_file), ("odt", odt_file), ("docx", docx_file)):
                if target:
                    write_atomic(Path(target), files[kind])
        changed = any(d.changes for d in comparison.diffs)
        return 1 if exit_code and changed else 0

    _guarded(run)


@main.command()
@click.argument("old", metavar="ANCIENNE")
@click.argument("new", required=False, metavar="[NOUVELLE]")
@click.option("--numero", type=click.IntRange(min=1), default=None,
              help="Le numéro de l'avenant dans avenants.yaml (par défaut : le dernier).")
@click.option("--html", "html_file", type=click.Path(dir_okay=False), help="Écrit l'avenant en HTML.")
@click.option("--pdf", "pdf_file", type=click.Path(dir_okay=False), help="Écrit l'avenant en PDF.")
@click.option("--markdown", "md_file", type=click.Path(dir_okay=False),
              help="Écrit l'avenant en Markdown (texte brut lisible, pour un traitement de texte).")
@click.option("--odt", "odt_file", type=click.Path(dir_okay=False),
              help="Écrit l'avenant en ODT, à finir au traitement de texte.")
@click.option("--docx", "docx_file", type=click.Path(dir_okay=False),
              help="Écrit l'avenant en DOCX, à finir au traitement de texte.")
def avenant(old: str, new: str | None, numero: int | None, html_file: str | None, pdf_file: str | None,
            md_file: str | None, odt_file: str | None, docx_file: str | None) -> None:
    """Rédige le projet d'avenant qui fait passer le pacte signé à sa version révisée.

    ANCIENNE et NOUVELLE se donnent comme pour pactc diff. Avec un seul dossier
    (pactc avenant pactes/<département>), la version signée est la révision
    « version_signee » de l'avenant dans avenants.yaml. Sans --html, --pdf ni
    --markdown, l'avenant s'affiche en Markdown.
    """

    def run() -> int:
        from .avenant.commande import AvenantError, prepare

        try:
            prepared = prepare(old, new, numero)
        except AvenantError as exc:
            click.echo(f"pactc avenant : {exc}", err=True)
            return 2
        if prepared.diagnostics:
            click.echo(REPORTERS["text"](list(prepared.diagnostics)), err=True)
            return 2
        assert prepared.texte is not None and prepared.revise is not None
        for line in prepared.notes:
            click.echo(line, err=True)
        from .files import write_atomic
        from .render.avenant import avenant_outputs

        files = avenant_outputs(prepared.texte, prepared.revise, html=bool(html_file or odt_file or docx_file),
                                pdf=bool(pdf_file), markdown=True)
        date = prepared.texte.date_signature or prepared.revise.pacte.meta.date_signature or ""
        files.update(_bureautique(files.get("html", b""), odt_file, docx_file, "Avenant", date))
        if not (html_file or pdf_file or md_file or odt_file or docx_file):
            click.echo(files["md"].decode("utf-8"), nl=False)
        for kind, target in (("html", html_file), ("pdf", pdf_file), ("md", md_file), ("odt", odt_file),
                             ("docx", docx_file)):
            if target:
                write_atomic(Path(target), files[kind])
        return 0

    _guarded(run)


@main.command()
@click.argument("chemin", type=click.Path(), metavar="CHEMIN")
@click.option("--au", "date", default=None, metavar="AAAA-MM-JJ",
              help="La date à laquelle le pacte est en vigueur (par défaut : aujourd'hui).")
@click.option("--out", "out", type=click.Path(file_okay=False), default=None,
              help="Dossier de sortie (par défaut : build/<département>).")
@click.option("--no-pdf", is_flag=True, help="N'écrit que le HTML.")
def consolider(chemin: str, date: str | None, out: str | None, no_pdf: bool) -> None:
    """Écrit le pacte tel qu'il est en vigueur à une date (version consolidée).

    CHEMIN est le dossier d'un département ; son avenants.yaml donne les
    versions signées et leurs révisions git. Écrit consolide-AAAA-MM-JJ.html
    (et .pdf), et la page de chaque avenant appliqué, vers laquelle renvoient
    les mentions « Modifié par l'avenant n° … ».
    """

    def run() -> int:
        from .avenant.consolidation import consolider as consolidate
        from .avenant.historique import HistoriqueError
        from .render.consolide import ecrire_consolidation
        from .render.typography import date_fr

        try:
            jour = _iso_date(date)
            consolidation = consolidate(chemin, jour)
        except HistoriqueError as exc:
            click.echo(f"pactc consolider : {exc}", err=True)
            return 2
        target = Path(out) if out else Path("build") / consolidation.dossier.slug
        written = ecrire_consolidation(consolidation, target, pdf=not no_pdf)
        etat = consolidation.situation
        click.echo(f"Version consolidée au {date_fr(jour)} : {etat.en_vigueur.intitule} en vigueur.")
        for version in etat.a_venir:
            click.echo(f"À venir : {version.intitule}, en vigueur le {date_fr(version.en_vigueur_le or '')}.")
        for path in written:
            click.echo(f"écrit : {path}")
        return 0

    _guarded(run)


def _iso_date(value: str | None) -> str:
    """``value`` checked as AAAA-MM-JJ, or today."""
    import datetime

    from .avenant.historique import HistoriqueError

    if value is None:
        return datetime.date.today().isoformat()
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise HistoriqueError(f"« {value} » n'est pas une date AAAA-MM-JJ (par exemple 2021-04-01)") from exc


@main.command()
@click.argument("chemin", type=click.Path(), metavar="CHEMIN")
@click.option("--unite", default=None, help="L'identifiant d'une unité (partenaire, engagement, axe, partie…).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def historique(chemin: str, unite: str | None, fmt: str) -> None:
    """Affiche les versions signées du pacte et, pour chaque unité, les avenants qui l'ont changée."""

    def run() -> int:
        from .avenant.consolidation import chronique
        from .avenant.historique import HistoriqueError, historique_json, historique_texte

        try:
            versions, changements = chronique(chemin)
        except HistoriqueError as exc:
            if fmt == "json":
                click.echo(json.dumps({"erreur": str(exc)}, ensure_ascii=False, indent=2))
            click.echo(f"pactc historique : {exc}", err=True)
            return 2
        lignes = historique_json(versions, changements, unite) if fmt == "json" else \
            historique_texte(versions, changements, unite, Path(chemin).resolve().name)
        click.echo(lignes)
        return 0

    _guarded(run)


def _bureautique(html: bytes, odt_file: str | None, docx_file: str | None, titre: str, date: str) -> dict[str, bytes]:
    """The word-processor files asked for, from a rendered HTML page."""
    from .bureautique.export import exporter

    return {fmt: exporter(html.decode("utf-8"), fmt, titre=titre, date=date)
            for fmt, target in (("odt", odt_file), ("docx", docx_file)) if target}


def _dossier_du_suivi(chemin: str) -> tuple[Any, list[Diagnostic]]:
    """The checked dossier at ``chemin`` (one département with a PDI and monitoring data), and its diagnostics."""
    from .dossier import check_source
    from .project import discover

    sources, problems = discover((chemin,))
    if problems or len(sources) != 1:
        raise click.UsageError("donnez le dossier d'un seul département (par exemple pactes/<département>)")
    result = check_source(sources[0])
    return result, list(result.diagnostics)


@main.command()
@click.argument("chemin", type=click.Path(exists=True))
@click.option("--au", "date", default=None, metavar="AAAA-MM-JJ",
              help="La date du bilan (par défaut : bilan_au du suivi, sinon aujourd'hui).")
@click.option("--out", "out", type=click.Path(file_okay=False), default=None,
              help="Dossier de sortie (par défaut : build/<département>).")
@click.option("--no-pdf", is_flag=True, help="N'écrit que le HTML et le CSV.")
def bilan(chemin: str, date: str | None, out: str | None, no_pdf: bool) -> None:
    """Écrit le bilan du suivi d'un programme à une date (HTML, PDF, CSV)."""

    def run() -> int:
        import datetime

        from .files import write_atomic
        from .render.bilan import bilan_outputs

        result, diagnostics = _dossier_du_suivi(chemin)
        dossier = result.dossier
        if dossier is None or has_errors(diagnostics) or dossier.suivi is None or dossier.programme is None:
            if diagnostics:
                click.echo(REPORTERS["text"](diagnostics), err=True)
            if dossier is not None and (dossier.suivi is None or dossier.programme is None):
                click.echo("pactc bilan : ce dossier n'a pas de suivi (suivi/indicateurs.yaml) ou pas de PDI.",
                           err=True)
            return 2
        try:
            jour = datetime.date.fromisoformat(date).isoformat() if date else \
                dossier.suivi.bilan_au or datetime.date.today().isoformat()
        except ValueError:
            click.echo(f"pactc bilan : « {date} » n'est pas une date AAAA-MM-JJ", err=True)
            return 2
        target = Path(out) if out else Path("build") / dossier.slug
        for name, data in bilan_outputs(dossier, jour, pdf=not no_pdf).items():
            write_atomic(target / name, data)
            click.echo(f"écrit : {target / name}")
        return 0

    _guarded(run)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(), metavar="[CHEMINS]...")
@click.option("--out", "out", type=click.Path(file_okay=False), required=True,
              help="Dossier où écrire le paquet (datapackage.json et les CSV).")
@click.option("--noms", is_flag=True,
              help="Publie aussi les noms des signataires (données personnelles : à n'utiliser qu'avec leur accord).")
def opendata(paths: tuple[str, ...], out: str, noms: bool) -> None:
    """Écrit les pactes en données ouvertes : un paquet Frictionless (un département, ou tous ensemble)."""

    def run() -> int:
        from .build import write_failure
        from .dossier import check_source
        from .files import WriteError, write_all_atomic
        from .opendata import csv_des_tables, paquet_du_dossier, paquet_national
        from .project import discover

        sources, problems = discover(paths)
        diagnostics: list[Diagnostic] = list(problems)
        dossiers = []
        for source in sources:
            result = check_source(source)
            diagnostics.extend(result.diagnostics)
            if result.dossier is not None:
                dossiers.append(result.dossier)
        if has_errors(diagnostics) or not dossiers:
            click.echo(REPORTERS["text"]([d for d in diagnostics if d.severity is not Severity.NOTE]) or
                       "pactc opendata : aucun pacte trouvé", err=True)
            click.echo("pactc opendata : corrigez ces erreurs ; aucune donnée n'a été écrite.", err=True)
            return 2
        files = (paquet_du_dossier(dossiers[0], noms=noms) if len(dossiers) == 1
                 else paquet_national(csv_des_tables(dossiers, noms=noms), len(dossiers), noms=noms))
        target = Path(out)
        try:
            write_all_atomic({target / name: data for name, data in files.items()})
        except WriteError as exc:
            click.echo(REPORTERS["text"]([write_failure(exc)]), err=True)
            return 2
        click.echo(f"écrit : {target / 'datapackage.json'} ({len(dossiers)} pacte(s), {len(files) - 1} fichier(s) "
                   "de données et de schémas)")
        return 0

    _guarded(run)


@main.command("importer")
@click.argument("fichier", type=click.Path(exists=True, dir_okay=False), metavar="FICHIER")
@click.option("--departement", required=True, help="Le nom du département (« Corrèze »).")
@click.option("--code", required=True, help="Son code officiel géographique (« 19 »).")
@click.option("--periode", default=None, metavar="AAAA-AAAA",
              help="La période du pacte, si le titre du document ne la donne pas.")
@click.option("--out", "out", type=click.Path(file_okay=False), default=None,
              help="Le dossier du brouillon (par défaut : pactes/<département>).")
@click.option("--remplacer", is_flag=True, help="Remplace un pacte.yaml existant.")
def importer_(fichier: str, departement: str, code: str, periode: str | None, out: str | None,
              remplacer: bool) -> None:
    """Lit un pacte existant (DOCX ou ODT) et en écrit un brouillon pacte.yaml.

    Les titres deviennent des parties, les listes des listes, les tableaux des
    tableaux ; les axes, partenaires, engagements, signatures et le glossaire
    sont reconnus quand le document les structure. Aucune phrase n'est
    réécrite. Ce qui n'a pas pu être placé reste dans sa partie, marquée à
    relire (note PCT056).
    """

    def run() -> int:
        import yaml

        from .bureautique.export import PROPRIETE
        from .bureautique.importer import importer, slug
        from .bureautique.lecture import lire, proprietes
        from .files import write_atomic

        bornes = None
        if periode:
            m = re.fullmatch(r"(\d{4})\s*-\s*(\d{4})", periode)
            if m is None:
                click.echo(f"pactc importer : période « {periode} » illisible (attendu : AAAA-AAAA)", err=True)
                return 2
            bornes = (int(m.group(1)), int(m.group(2)))
        try:
            lus = lire(Path(fichier))
        except Exception as exc:  # a damaged or foreign file is the user's input, not a bug of pactc
            click.echo(f"pactc importer : « {fichier} » ne se lit pas comme un document DOCX ou ODT ({exc}).",
                       err=True)
            return 2
        try:  # the partners a pactc export carries; a foreign document has none
            donnees = json.loads(proprietes(Path(fichier)).get(PROPRIETE, "{}"))
        except ValueError:
            donnees = {}
        brouillon = importer(lus, departement=departement, code=code, periode=bornes,
                             donnees=donnees if isinstance(donnees, dict) else {})
        cible = Path(out) if out else Path("pactes") / slug(departement)
        chemin = cible / "pacte.yaml"
        if chemin.exists() and not remplacer:
            click.echo(f"pactc importer : {chemin} existe déjà (--remplacer pour l'écraser)", err=True)
            return 2
        entete = ("# yaml-language-server: $schema=../../schemas/pacte.schema.json\n"
                  f"# Brouillon importé de {Path(fichier).name} par pactc importer : relisez chaque partie\n"
                  "# marquée a_relire (pactc check --tous), puis retirez la clé.\n")
        texte = yaml.safe_dump(brouillon.donnees, allow_unicode=True, sort_keys=False, width=100)
        write_atomic(chemin, (entete + texte).encode("utf-8"))
        click.echo(f"écrit : {chemin}")
        for remarque in brouillon.remarques:
            click.echo(f"à faire : {remarque}", err=True)
        return 0

    _guarded(run)


@main.group(subcommand_metavar="COMMANDE [ARGUMENTS]...")
def suivi() -> None:
    """Le suivi du programme au tableur : modèle à remplir, import des valeurs."""


@suivi.command("modele")
@click.argument("chemin", type=click.Path(exists=True))
@click.option("--out", "out", type=click.Path(dir_okay=False), required=True, help="Le classeur à écrire (.xlsx).")
def suivi_modele(chemin: str, out: str) -> None:
    """Écrit le classeur de suivi à remplir (XLSX), prérempli avec les valeurs connues."""

    def run() -> int:
        from .classeur import modele
        from .files import write_atomic

        result, diagnostics = _dossier_du_suivi(chemin)
        dossier = result.dossier
        if dossier is None or dossier.suivi is None or dossier.programme is None:
            click.echo(REPORTERS["text"](diagnostics) if diagnostics else
                       "pactc suivi : ce dossier n'a pas de suivi (suivi/indicateurs.yaml) ou pas de PDI.", err=True)
            return 2
        write_atomic(Path(out), modele(dossier))
        click.echo(f"écrit : {out}")
        return 0

    _guarded(run)


@suivi.command("importer")
@click.argument("chemin", type=click.Path(exists=True, file_okay=False))
@click.argument("classeur", type=click.Path(exists=True, dir_okay=False))
def suivi_importer(chemin: str, classeur: str) -> None:
    """Réécrit valeurs.csv et avancement.csv depuis un classeur rempli, puis vérifie le dossier."""

    def run() -> int:
        from .classeur import ClasseurError, ecrire_csv, importer

        dossier_suivi = Path(chemin) / "suivi"
        if not (dossier_suivi / "indicateurs.yaml").is_file():
            click.echo(f"pactc suivi : {dossier_suivi / 'indicateurs.yaml'} n'existe pas : définissez d'abord les "
                       "indicateurs", err=True)
            return 2
        try:
            valeurs, avancement = importer(Path(classeur).read_bytes())
        except ClasseurError as exc:
            click.echo(f"pactc suivi : {exc}", err=True)
            return 2
        for path in ecrire_csv(dossier_suivi, valeurs, avancement):
            click.echo(f"écrit : {path}")
        _, diagnostics = _dossier_du_suivi(chemin)
        click.echo(REPORTERS["text"](diagnostics))
        return 1 if has_errors(diagnostics) else 0

    _guarded(run)


@main.command()
def lsp() -> None:
    """Lance le serveur de langage (LSP) sur l'entrée et la sortie standard, pour l'éditeur.

    Diagnostics de pactc pendant la frappe, complétion et survol des
    identifiants, aller à la définition, références, renommage, plan du
    document et corrections rapides. Voir docs/editeur.md.
    """

    def run() -> int:
        from .lsp import main as serve_lsp

        serve_lsp()
        return 0

    _guarded(run)


@main.command()
@click.argument("nom", type=click.Choice(["pacte", "pdi", "avenants", "suivi"]), default="pacte")
def schema(nom: str) -> None:
    """Affiche le schéma JSON d’un pacte (par défaut), d’un PDI ou des avenants."""

    def run() -> int:
        from .schema import schema_text

        click.echo(schema_text(nom), nl=False)
        return 0

    _guarded(run)


@main.command()
@click.argument("departement")
@click.option("--code", required=True, help="Code INSEE du département, par exemple 03, 2A ou 974.")
@click.option("--debut", type=int, default=None, help="Première année (par défaut : l'an prochain).")
@click.option("--fin", type=int, default=None, help="Dernière année (par défaut : début + 3).")
@click.option("--dans", "root", type=click.Path(file_okay=False), default="pactes", show_default=True,
              help="Dossier des pactes.")
def new(departement: str, code: str, debut: int | None, fin: int | None, root: str) -> None:
    """Crée le squelette du pacte et du PDI d'un département, prêt à vérifier et compiler."""

    def run() -> int:
        from datetime import date

        from .scaffold import ScaffoldError, scaffold

        start = debut if debut is not None else date.today().year + 1
        try:
            made = scaffold(Path(root), departement, code.upper(), start, fin if fin is not None else start + 3)
        except ScaffoldError as exc:
            click.echo(f"pactc new : {exc}", err=True)
            return 2
        for path in made.files:
            click.echo(f"créé : {path}")
        click.echo(f"Vérifiez avec : pactc check {made.folder}")
        return 0

    _guarded(run)


@main.command()
@click.argument("departement", required=False)
@click.option("--code", default=None, help="Code INSEE du département, par exemple 03, 2A ou 974.")
@click.option("--dans", "racine", type=click.Path(file_okay=False), default=".", show_default=True,
              help="Le dossier du dépôt.")
@click.option("--source", default=None,
              help="Comment installer pactc dans le crochet et la CI (par défaut : d'où vient le pactc installé).")
@click.option("--mise-a-jour", "mise_a_jour", is_flag=True,
              help="Met à jour les schémas, le crochet et les recettes d'un dépôt déjà préparé "
                   "(sans toucher aux pactes).")
def init(departement: str | None, code: str | None, racine: str, source: str | None, mise_a_jour: bool) -> None:
    """Prépare le dépôt d'un département : pacte, schémas, éditeur, crochet, CI et README.

    Exemple : pactc init "Haute-Loire" --code 43
    """

    def run() -> int:
        from datetime import date

        from .depot import initialiser, source_installee
        from .scaffold import ScaffoldError

        if not mise_a_jour and (departement is None or code is None):
            click.echo("pactc init : donnez le département et son code, par exemple : pactc init \"Haute-Loire\" "
                       "--code 43 (ou --mise-a-jour dans un dépôt déjà préparé)", err=True)
            return 2
        start = date.today().year + 1
        try:
            fait = initialiser(Path(racine), departement, code.upper() if code else None, start, start + 3,
                               source or source_installee(), mise_a_jour=mise_a_jour)
        except ScaffoldError as exc:
            click.echo(f"pactc init : {exc}", err=True)
            return 2
        for path in [*(fait.pacte.files if fait.pacte else ()), *fait.fichiers]:
            click.echo(f"écrit : {path}")
        click.echo("Ensuite : git init (si ce n'est pas fait), pre-commit install, puis pactc serve pactes")
        return 0

    _guarded(run)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(), metavar="[CHEMINS]...")
@click.option("--out", "out", type=click.Path(file_okay=False), default="build", show_default=True,
              help="Dossier de sortie.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port local.")
@click.option("--pdf", is_flag=True, help="Compile aussi les PDF à chaque enregistrement (plus lent).")
def serve(paths: tuple[str, ...], out: str, port: int, pdf: bool) -> None:
    """Recompile à chaque enregistrement et sert build/ sur http://localhost, avec rechargement automatique."""

    def run() -> int:
        from .serve import Preview

        def built(result: object) -> None:
            diagnostics = [d for d in result.diagnostics if d.severity is not Severity.NOTE]  # type: ignore[attr-defined]
            click.echo(REPORTERS["text"](diagnostics), err=True)

        preview = Preview(paths, Path(out), port=port, pdf=pdf, on_build=built)
        preview.start()
        click.echo(f"Aperçu sur http://localhost:{preview.port}/ — Ctrl+C pour arrêter", err=True)
        try:
            preview.wait()
        finally:
            preview.stop()
        return 0

    _guarded(run)
