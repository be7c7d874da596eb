"""Content checks: empty axes, computed parts placed twice."""

from __future__ import annotations

from typing import Iterator

from ..diagnostic import Diagnostic, Severity
from ..model import Bloc, Inclure, Pacte, Rubrique
from .references import all_blocs
from .registry import at, check


@check("PCT051", "axe-sans-contenu", Severity.WARNING)
def axis_without_content(pacte: Pacte) -> Iterator[Diagnostic]:
    """Un axe annoncé « à développer » n'a encore aucun contenu.

    Un nœud de l'arbre des axes qui porte ``statut: a_developper`` et n'a ni
    texte, ni contenu, ni sous-niveau s'imprime « À développer ». Le
    contrôle le signale pour qu'il soit complété avant la prochaine
    révision. (Un axe réduit à son titre, sans ce statut, est admis.)

    Correction : rédigez son texte, ou gardez ``statut: a_developper`` en
    connaissance de cause.
    """
    for node in pacte.tous_les_noeuds():
        if node.vide and node.statut == "a_developper":
            yield at(pacte, node.chemin + ("id",), "PCT051",
                     f"{node.libelle or 'le nœud'} « {node.id} » n'a aucun contenu : il s'imprime "
                     "« À développer »", severity=Severity.WARNING)


def inclusions(blocs: tuple[Bloc, ...]) -> Iterator[Inclure]:
    """Every ``inclure`` block in ``blocs``, nested ones included."""
    for bloc in blocs:
        if isinstance(bloc, Inclure):
            yield bloc
        elif isinstance(bloc, Rubrique):
            yield from inclusions(bloc.contenu)


@check("PCT053", "inclusion-en-double")
def duplicate_inclusion(pacte: Pacte) -> Iterator[Diagnostic]:
    """Une partie calculée est incluse deux fois.

    Le bloc ``inclure`` place une partie calculée (axes, partenaires,
    signatures…) à un endroit du document ; chacune ne peut y figurer
    qu'une fois.

    Correction : retirez l'un des deux blocs ``inclure``.
    """
    seen: dict[str, int] = {}
    for blocs in all_blocs(pacte):
        for inc in inclusions(blocs):
            if inc.partie in seen:
                yield at(pacte, inc.chemin, "PCT053",
                         f"« inclure: {inc.partie} » apparaît déjà ligne {seen[inc.partie]} : retirez ce doublon")
            else:
                seen[inc.partie] = pacte.source.position(inc.chemin).line
