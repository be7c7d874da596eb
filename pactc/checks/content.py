"""Content checks: empty axes, computed parts placed twice."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostics import Severity
from ..model import Dossier, inclusions
from .references import textes
from .registry import Finding, check, finding


@check("PCT051", "axe-sans-contenu", Severity.WARNING)
def axis_without_content(dossier: Dossier) -> Iterator[Finding]:
    """Un axe annoncé « à développer » n'a encore aucun contenu.

    Un nœud de l'arbre des axes qui porte ``statut: a_developper`` et n'a ni
    texte, ni contenu, ni sous-niveau s'imprime « À développer ». Le
    contrôle le signale pour qu'il soit complété avant la prochaine
    révision. (Un axe réduit à son titre, sans ce statut, est admis.)

    Correction : rédigez son texte, ou gardez ``statut: a_developper`` en
    connaissance de cause.
    """
    for doc in dossier.documents():
        for node in doc.tous_les_noeuds():
            if node.vide and node.statut == "a_developper":
                yield finding(doc.source, node.chemin + ("id",),
                              f"{node.libelle or 'le nœud'} « {node.id} » n'a aucun contenu : il s'imprime "
                              "« À développer »")


@check("PCT053", "inclusion-en-double")
def duplicate_inclusion(dossier: Dossier) -> Iterator[Finding]:
    """Une partie calculée est incluse deux fois.

    Le bloc ``inclure`` place une partie calculée (axes, partenaires,
    signatures…) à un endroit du document ; chacune ne peut y figurer
    qu'une fois.

    Correction : retirez l'un des deux blocs ``inclure``.
    """
    for doc in dossier.documents():
        seen: dict[str, int] = {}
        for blocs in doc.sequences_de_blocs():
            for inc in inclusions(blocs):
                if inc.partie in seen:
                    yield finding(doc.source, inc.chemin,
                                  f"« inclure: {inc.partie} » apparaît déjà ligne {seen[inc.partie]} : "
                                  "retirez ce doublon")
                else:
                    seen[inc.partie] = doc.source.position(inc.chemin).line


#: Longer than this, a word cannot be hyphenated nicely and overflows its column.
LONGEST_WORD = 60
#: Only a run of non-spaces longer than the limit can be too long once a link's target is taken out.
_LONG_WORD = re.compile(rf"\S{{{LONGEST_WORD + 1},}}")


@check("PCT054", "mot-trop-long")
def word_too_long(dossier: Dossier) -> Iterator[Finding]:
    """Un mot est trop long pour tenir dans la page.

    Une suite de plus de 60 caractères sans espace (hors adresse web) ne
    peut pas être coupée proprement et déborde de la colonne ou du tableau.
    C'est presque toujours un copier-coller abîmé ou des mots collés.

    Correction : rétablissez les espaces, ou écrivez l'adresse sous forme de
    lien Markdown ``[texte](https://…)``.
    """
    for text, chemin, source in textes(dossier):
        for word in _LONG_WORD.findall(text):
            bare = re.sub(r"\]\([^)]*\)", "]", word)  # a Markdown link's target is not printed
            if len(bare) > LONGEST_WORD and not re.match(r"^<?(https?://|mailto:)", bare):
                yield finding(source, chemin,
                              f"mot de {len(bare)} caractères sans espace (« {bare[:30]}… ») : il déborderait de la "
                              f"page ; au plus {LONGEST_WORD}")
                break


#: Bidirectional controls: they reorder what a reader sees (« Trojan Source »).
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@check("PCT055", "controle-bidirectionnel", Severity.WARNING)
def bidi_control(dossier: Dossier) -> Iterator[Finding]:
    """Un texte contient un caractère de contrôle bidirectionnel (U+202E…).

    Ces caractères inversent l'ordre d'affichage du texte qui les suit : ce
    qu'un relecteur voit n'est plus ce qui est écrit. Un pacte en français
    n'en a pas besoin.

    Correction : retirez le caractère (copiez le texte depuis sa source
    sans mise en forme).
    """
    for text, chemin, source in textes(dossier):
        found = _BIDI.search(text)
        if found:
            yield finding(source, chemin, f"caractère de contrôle bidirectionnel U+{ord(found.group()):04X} : "
                                          "retirez-le")


@check("PCT056", "partie-a-relire", Severity.NOTE)
def section_to_review(dossier: Dossier) -> Iterator[Finding]:
    """Une partie importée d'un traitement de texte reste à relire.

    `pactc importer` place le texte qu'il n'a pas su structurer (une couverture,
    un tableau inconnu, des paragraphes hors de toute partie) dans une partie
    marquée ``a_relire``, sans en changer un mot. Tant que la clé est là, le
    pacte n'est qu'un brouillon.

    Correction : relisez la partie contre le document d'origine, structurez ce
    qui doit l'être (partenaires, engagements, axes…), puis retirez la clé
    ``a_relire``.
    """
    pacte = dossier.pacte
    for section in pacte.toutes_les_sections():
        motif = section.champs.get("a_relire")
        if isinstance(motif, str):
            yield finding(pacte, section.chemin + ("a_relire",), f"partie « {section.titre} » à relire : {motif}",
                          "relisez-la contre le document d'origine, puis retirez la clé a_relire")
