"""An existing pact (DOCX or ODT) as a draft dossier: the text kept word for word, the structure read where it is.

- Headings become parts and sub-parts; paragraphs, their text; lists, lists;
  tables, tables.
- Headings « Axe 2 — … », « Orientation 1 : … » (any level word followed by a
  number) become the axis tree, with the headings under them as sub-levels.
- A partner's chapter (pactc's « pactc Partenaire » style) becomes a partner,
  with its presentation, legislative context and engagements; pactc's
  « pactc Engagement » list items outside a chapter are the common engagements.
- A table of « Pour … » boxes (or pactc's « pactc Signatures ») becomes the
  signatures, and the partners who sign; a two-column table headed « Sigle »,
  or named « pactc Glossaire », becomes the glossary.
- What cannot be placed (the cover, text before the first heading, unknown
  tables kept as tables) stays in its part, which is marked ``a_relire``.

The import never rewrites a sentence: each paragraph's text is copied as it is.
Only the computed furniture of a pactc export is recognised and left out (its
table of contents, the « Pour » of a signature box, the numbers it prints
before axis titles), since pactc computes it again.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .lecture import Lu

_AXE = re.compile(r"^(?P<niveau>[A-ZÉ][a-zéèêàç]+(?: [a-zéèêàç]+)?)\s+(?P<numero>\d+(?:\.\d+)*|[IVX]+|[A-Z])"
                  r"\s*(?:—|–|-|:|\.)\s*(?P<titre>.+)$")
_NIVEAUX_AXES = {"Axe", "Orientation", "Objectif", "Priorité", "Enjeu", "Ambition", "Thème", "Volet", "Chantier",
                 "Défi", "Action", "Mesure", "Levier", "Domaine", "Finalité", "Champ"}
_ENGAGEMENTS_DE = re.compile(r"^(?:Les |Ses )?[Ee]ngagements\b")
_CONTEXTE = "Le contexte législatif"
_FAIT_A = re.compile(r"^Fait à (?P<lieu>[^,]+), le (?P<jour>\d{1,2})(?:er)?\s+(?P<mois>\w+)\s+(?P<annee>\d{4})")
_MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
         "décembre"]


def slug(texte: str, longueur: int = 48) -> str:
    """A stable id from words: lower case, no accents, words joined by hyphens."""
    ascii_ = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode()
    mots = re.findall(r"[a-z0-9]+", ascii_.lower())
    resultat = ""
    for mot in mots:
        if len(resultat) + len(mot) + 1 > longueur and resultat:
            break
        resultat = f"{resultat}-{mot}" if resultat else mot
    return resultat or "partie"


@dataclass
class _Ids:
    vus: set[str] = field(default_factory=set)

    def nouveau(self, base: str) -> str:
        ident, n = base, 2
        while ident in self.vus:
            ident, n = f"{base}-{n}", n + 1
        self.vus.add(ident)
        return ident


@dataclass
class _Partie:
    titre: str
    niveau: int
    ident: str
    contenu: list[dict[str, Any]] = field(default_factory=list)
    sous_parties: list[_Partie] = field(default_factory=list)
    a_relire: list[str] = field(default_factory=list)
    inclusions: list[str] = field(default_factory=list)

    def donnees(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.ident, "titre": self.titre}
        if self.contenu:
            data["contenu"] = self.contenu
        if self.sous_parties:
            data["sections"] = [p.donnees() for p in self.sous_parties]
        if self.a_relire:
            data["a_relire"] = " ; ".join(dict.fromkeys(self.a_relire))
        return data


@dataclass
class _Noeud:
    niveau_nom: str
    profondeur: int
    ident: str
    titre: str
    paragraphes: list[str] = field(default_factory=list)
    enfants: list[_Noeud] = field(default_factory=list)

    def donnees(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.ident, "titre": self.titre}
        if self.paragraphes:
            data["texte"] = "\n\n".join(self.paragraphes)
        if self.enfants:
            data["enfants"] = [e.donnees() for e in self.enfants]
        return data


@dataclass
class _Partenaire:
    nom: str
    ident: str
    presentation: list[str] = field(default_factory=list)
    contexte: list[str] = field(default_factory=list)
    titre_engagements: str | None = None
    intro: list[str] = field(default_factory=list)
    conclusion: list[str] = field(default_factory=list)
    chapitre: bool = False
    categorie: str | None = None
    type: str | None = None
    #: The name as the text prints it (a chapter's title), when it is not the partner's name.
    intitule: str | None = None


@dataclass
class Brouillon:
    """The draft read from a document: the pact's data, and what the reader should know."""

    donnees: dict[str, Any]
    remarques: list[str]


def importer(lus: list[Lu], *, departement: str, code: str, periode: tuple[int, int] | None,
             donnees: dict[str, Any] | None = None) -> Brouillon:
    """A draft pact from what a document holds; ``donnees``, the partners a pactc export carries as a
    document property (ids, names, categories, types), give their ids and the partners the text does not
    name one by one."""
    return _Import(departement, code, periode, donnees or {}).lire(lus)


class _Import:
    def __init__(self, departement: str, code: str, periode: tuple[int, int] | None,
                 donnees: dict[str, Any]) -> None:
        self.departement, self.code, self.periode = departement, code, periode
        self.connus: list[dict[str, Any]] = [p for p in donnees.get("partenaires", []) if isinstance(p, dict)
                                             and isinstance(p.get("id"), str) and isinstance(p.get("nom"), str)]
        self.categories_connues: list[dict[str, Any]] = [c for c in donnees.get("categories", [])
                                                         if isinstance(c, dict) and isinstance(c.get("id"), str)]
        self.ids = _Ids()
        self.parties: list[_Partie] = []
        self.pile: list[_Partie] = []
        self.partenaires: dict[str, _Partenaire] = {}
        self.engagements: list[dict[str, Any]] = []
        self.communs: list[dict[str, Any]] = []
        self.axes: list[_Noeud] = []
        self.pile_axes: list[_Noeud] = []
        self.niveaux: list[str] = []
        self.signatures: list[dict[str, Any]] = []
        self.glossaire: list[dict[str, str]] = []
        self.titre = ""
        self.remarques: list[str] = []
        self.partenaire: _Partenaire | None = None
        self.zone = "presentation"  # where a partner chapter's paragraphs go
        self.liste: list[tuple[int, dict[str, Any]]] = []  # the list being read: (level, item)
        self.liste_style = ""
        self.signature_texte: dict[str, Any] = {}
        self.categories: list[dict[str, Any]] = []
        self.porteurs: set[int] = set()
        self.en_ligne = False
        self.rang = 0
        self.couverture: list[str] = []

    # ------------------------------------------------------------ reading

    def lire(self, lus: list[Lu]) -> Brouillon:  # noqa: C901 — one branch per kind of thing read
        couverture = _Partie("Page de couverture", 1, self.ids.nouveau("couverture"))
        courante: _Partie | None = couverture
        premier = next((lu for lu in lus if lu.genre in ("titre", "paragraphe")), None)
        if premier is not None and premier.genre == "titre" and premier.devine and premier.niveau == 1 \
                and not any(lu.style == "Title" for lu in lus):
            # A document formatted by hand opens with its title in large bold type: the pact's title.
            self.titre = premier.texte
            lus = [lu for lu in lus if lu is not premier]
        self.porteurs = _porteurs_d_axes(lus)
        for rang, lu in enumerate(lus):
            self.rang = rang
            if lu.genre == "sommaire":
                continue
            if lu.genre != "element":
                self._fermer_liste()
            if lu.genre == "titre":
                courante = self._titre(lu)
            elif lu.genre == "paragraphe" and lu.style == "pactc Axe en ligne" and lu.gras_initial:
                self._axe_en_ligne(lu.gras_initial, lu.texte[len(lu.gras_initial):].strip())
            elif lu.genre == "paragraphe":
                if lu.style == "Title" and not self.titre:
                    self.titre = lu.texte
                    continue
                if courante is couverture:
                    self.couverture.append(lu.texte)
                self._paragraphe(lu.texte, courante or couverture)
            elif lu.genre == "element":
                self._element(lu)
            elif lu.genre == "tableau":
                self._tableau(lu, courante or couverture)
        self._fermer_liste()
        if couverture.contenu:
            couverture.a_relire.append("texte placé avant la première partie (page de couverture, présentation) : "
                                       "à répartir entre les métadonnées du pacte et ses parties")
            self.parties.insert(0, couverture)
        return Brouillon(self._donnees(), self.remarques)

    def _partie_courante(self) -> _Partie | None:
        return self.pile[-1] if self.pile else None

    def _titre(self, lu: Lu) -> _Partie | None:  # noqa: C901 — one branch per kind of heading
        texte = lu.texte.strip()
        if lu.style == "pactc Rubrique":
            # a rubric's title (« Rappel de quelques éléments de diagnostic »): a bold line where it stands
            self._paragraphe(f"**{texte}**", self._partie_courante() or self._partie_libre())
            return self._partie_courante()
        m = _axe(texte)
        if m and not self.partenaire:
            self._axe(m.group("niveau"), m.group("titre"), lu.niveau)
            return self._partie_courante()
        if self.rang in self.porteurs and not self.partenaire:
            # an unnumbered heading whose sub-headings are numbered axes: the first level of the tree
            self._axe("", texte, lu.niveau)
            return self._partie_courante()
        if self.pile_axes and lu.niveau > self.pile_axes[0].profondeur:
            # a heading under an axis: a sub-level of the tree
            self._sous_axe(texte, lu.niveau)
            return self._partie_courante()
        self.pile_axes = []
        if lu.style in ("pactc Partenaire",):
            self._chapitre(texte, lu.niveau)
            return self._partie_courante()
        if self.partenaire is not None and lu.niveau > self._niveau_partenaire:
            if texte == _CONTEXTE:
                self.zone = "contexte"
            elif _ENGAGEMENTS_DE.match(texte) or texte.startswith("Engagements"):
                self.zone = "intro"
                self.partenaire.titre_engagements = texte
            else:
                self.zone = "presentation"
                self.partenaire.presentation.append(f"**{texte}**")
            return self._partie_courante()
        self.partenaire = None
        while self.pile and self.pile[-1].niveau >= lu.niveau:
            self.pile.pop()
        partie = _Partie(texte, lu.niveau, self.ids.nouveau(slug(texte)))
        if lu.devine:
            partie.a_relire.append("titre reconnu à sa mise en forme (gras, taille), sans style de titre")
        (self.pile[-1].sous_parties if self.pile else self.parties).append(partie)
        self.pile.append(partie)
        return partie

    _niveau_partenaire = 0

    def _chapitre(self, nom: str, niveau: int) -> None:
        partenaire = self._partenaire(nom)
        partenaire.chapitre = True
        self.partenaire, self.zone, self._niveau_partenaire = partenaire, "presentation", niveau
        partie = self._partie_courante()
        if partie is not None and "partenaires" not in partie.inclusions:
            partie.inclusions.append("partenaires")
            partie.contenu.append({"inclure": "partenaires"})

    def _partenaire(self, nom: str, *, approche: bool = False) -> _Partenaire:
        """The partner called ``nom``, created if new; with ``approche``, a name that begins another's
        (a box « Pour le Conseil départemental » for the chapter « Le Conseil départemental de la Corrèze »)."""
        cle = _cle(nom)
        if cle not in self.partenaires and approche:
            mots = _mots(nom)
            proches = [k for k, p in self.partenaires.items()
                       if mots and (mots <= _mots(p.nom) or _mots(p.nom) <= mots)]
            if len(proches) == 1:
                return self.partenaires[proches[0]]
        if cle not in self.partenaires:
            propre = nom.strip().rstrip(",;").strip()
            connu = self._connu(propre)
            if connu is not None and any(p.ident == connu["id"] for p in self.partenaires.values()):
                return next(p for p in self.partenaires.values() if p.ident == connu["id"])
            if connu is not None:
                self.ids.vus.add(connu["id"])
                partenaire = _Partenaire(connu["nom"], connu["id"], categorie=connu.get("categorie"),
                                         type=connu.get("type"), intitule=propre if propre != connu["nom"] else None)
            else:
                partenaire = _Partenaire(propre, self.ids.nouveau(slug(propre, 32)))
            self.partenaires[cle] = partenaire
        return self.partenaires[cle]

    def _connu(self, nom: str) -> dict[str, Any] | None:
        """The partner of the document's pactc property that this printed name designates, if one does."""
        cle, mots = _cle(nom), _mots(nom)
        exacts = [p for p in self.connus if _cle(p["nom"]) == cle]
        if exacts:
            return exacts[0]
        proches = [p for p in self.connus if mots and (mots <= _mots(p["nom"]) or _mots(p["nom"]) <= mots)]
        return proches[0] if len(proches) == 1 else None

    def _axe(self, niveau_nom: str, titre: str, profondeur: int) -> None:
        while self.pile_axes and self.pile_axes[-1].profondeur >= profondeur:
            self.pile_axes.pop()
        noeud = _Noeud(niveau_nom, profondeur, self.ids.nouveau(slug(f"{niveau_nom} {titre}")), titre)
        rang = len(self.pile_axes)
        if len(self.niveaux) <= rang:
            self.niveaux.append(niveau_nom or "Sous-niveau")
        (self.pile_axes[-1].enfants if self.pile_axes else self.axes).append(noeud)
        self.pile_axes.append(noeud)
        partie = self._partie_courante()
        if partie is not None and "axes" not in partie.inclusions:
            partie.inclusions.append("axes")
            partie.contenu.append({"inclure": "axes"})

    def _axe_en_ligne(self, titre: str, texte: str) -> None:
        """An axis printed in line (its title in bold, then its text): a node of a level printed in line."""
        noeud = _Noeud("Axe", 0, self.ids.nouveau(slug(titre)), titre, [texte] if texte else [])
        self.axes.append(noeud)
        self.en_ligne = True
        if not self.niveaux:
            self.niveaux.append("Axe")
        partie = self._partie_courante()
        if partie is not None and "axes" not in partie.inclusions:
            partie.inclusions.append("axes")
            partie.contenu.append({"inclure": "axes"})

    def _sous_axe(self, titre: str, profondeur: int) -> None:
        while len(self.pile_axes) > 1 and self.pile_axes[-1].profondeur >= profondeur:
            self.pile_axes.pop()
        if len(self.pile_axes) >= 3:  # deeper headings stay in the text of the node, as bold lines
            self.pile_axes[-1].paragraphes.append(f"**{titre}**")
            return
        noeud = _Noeud("", profondeur, self.ids.nouveau(slug(titre)), titre)
        rang = len(self.pile_axes)
        if len(self.niveaux) <= rang:
            self.niveaux.append("Sous-niveau")
        self.pile_axes[-1].enfants.append(noeud)
        self.pile_axes.append(noeud)

    def _paragraphe(self, texte: str, partie: _Partie) -> None:
        if self.pile_axes:
            self.pile_axes[-1].paragraphes.append(texte)
        elif self.partenaire is not None:
            zone = {"presentation": self.partenaire.presentation, "contexte": self.partenaire.contexte,
                    "intro": self.partenaire.intro, "conclusion": self.partenaire.conclusion}[self.zone]
            zone.append(texte)
        elif _FAIT_A.match(texte) and not self.signature_texte:
            self.signature_texte = {"texte": texte}
            partie.contenu.append({"texte": texte})
        else:
            if partie.contenu and "texte" in partie.contenu[-1] and "inclure" not in partie.contenu[-1]:
                partie.contenu[-1]["texte"] += "\n\n" + texte
            else:
                partie.contenu.append({"texte": texte})

    def _element(self, lu: Lu) -> None:
        if self.liste and lu.style != self.liste_style and lu.niveau == 0:
            self._fermer_liste()
        self.liste_style = self.liste_style or lu.style
        self.liste.append((lu.niveau, {"texte": lu.texte, "numerote": lu.numerote}))

    def _fermer_liste(self) -> None:
        if not self.liste:
            return
        elements, style = self.liste, self.liste_style
        self.liste, self.liste_style = [], ""
        if style == "pactc Engagement":
            self._engagements(elements)
            return
        if style == "pactc Catégorie":
            self._categories([item["texte"] for _, item in elements])
            return
        items = _arbre(elements)
        numerote = elements[0][1]["numerote"]
        bloc = {"liste": {"style": "numeros" if numerote else "puces", "items": items}}
        if self.pile_axes:
            self.pile_axes[-1].paragraphes.append(_markdown_liste(items, numerote))
        elif self.partenaire is not None:
            zone = {"presentation": self.partenaire.presentation, "contexte": self.partenaire.contexte,
                    "intro": self.partenaire.intro, "conclusion": self.partenaire.conclusion}[self.zone]
            zone.append(_markdown_liste(items, numerote))
        else:
            partie = self._partie_courante()
            if partie is None:
                partie = self._partie_libre()
            partie.contenu.append(bloc)

    def _partie_libre(self) -> _Partie:
        partie = _Partie("Texte hors partie", 1, self.ids.nouveau("texte-hors-partie"))
        partie.a_relire.append("liste placée avant la première partie")
        self.parties.append(partie)
        self.pile.append(partie)
        return partie

    def _engagements(self, elements: list[tuple[int, dict[str, Any]]]) -> None:
        for niveau, item in elements:
            if niveau > 0 and (self.engagements or self.communs):
                cible = (self.communs or self.engagements)[-1] if self.partenaire is None else self.engagements[-1]
                cible.setdefault("items", []).append(item["texte"])
                continue
            texte = item["texte"]
            if self.partenaire is not None:
                m = re.match(r"^Engagement conjoint de (?P<qui>.+?)\s*: (?P<texte>.+)$", texte, re.S)
                if texte.startswith("Engagement conjoint de") and m is None:
                    continue  # a cross-reference pactc prints in the other partners' chapters
                partenaires = [self.partenaire.ident]
                if m:
                    texte = m.group("texte")
                    noms = re.split(r", | et ", m.group("qui"))
                    partenaires = [self._partenaire(n).ident for n in noms]
                self.engagements.append({"id": self.ids.nouveau(slug(texte, 40)), "partenaires": partenaires,
                                         "texte": texte})
                self.zone = "conclusion"
            else:
                engagement = {"id": self.ids.nouveau(slug(texte, 40)), "partenaires": [], "texte": texte}
                self.communs.append(engagement)
                self.engagements.append(engagement)
                partie = self._partie_courante()
                if partie is not None and "engagements_communs" not in partie.inclusions:
                    partie.inclusions.append("engagements_communs")
                    partie.contenu.append({"inclure": "engagements_communs"})

    def _categories(self, textes: list[str]) -> None:
        """« Libellé : description » items: the pact's categories. A description that is a list of names
        (« Etat, Région, Pôle Emploi, … ») names partners, which are read from it, to review."""
        for texte in textes:
            libelle, _, description = texte.partition(" : ")
            categorie: dict[str, Any] = {"id": self.ids.nouveau(slug(libelle, 32)), "libelle": libelle.strip()}
            if description.strip():
                categorie["description"] = description.strip()
            self.categories.append(categorie)
            noms = [n.strip() for n in re.split(r",\s+", description.strip().rstrip("."))]
            if len(noms) >= 3 and all(0 < len(n) <= 120 for n in noms):
                for nom in noms:
                    self._partenaire(nom).categorie = categorie["id"]
                self.remarques.append(f"partenaires lus dans la liste de la catégorie « {libelle.strip()} » : "
                                      "vérifiez leurs noms")
        partie = self._partie_courante()
        if partie is not None and "partenaires" not in partie.inclusions:
            partie.inclusions.append("partenaires")
            partie.contenu.append({"inclure": "partenaires"})

    def _tableau(self, lu: Lu, partie: _Partie) -> None:
        lignes = [list(r) for r in lu.lignes if any(c.strip() for c in r)]
        if not lignes:
            return
        if lu.legende.startswith("pactc Signatures") or all(c.startswith("Pour ") for r in lignes for c in r if c):
            self._signatures(lignes, partie)
        elif lu.legende.startswith("pactc Glossaire") or (len(lignes[0]) == 2 and lignes[0][0].lower() == "sigle"):
            for sigle, definition in (r[:2] for r in lignes[1:] if len(r) >= 2):
                if sigle and definition:
                    self.glossaire.append({"sigle": sigle, "definition": definition})
            if "glossaire" not in partie.inclusions:
                partie.inclusions.append("glossaire")
                partie.contenu.append({"inclure": "glossaire"})
        else:
            colonnes, corps = lignes[0], lignes[1:]
            largeur = len(colonnes)
            partie.contenu.append({"tableau": {"colonnes": [c or " " for c in colonnes],
                                               "lignes": [(r + [""] * largeur)[:largeur] for r in corps]}})
            partie.a_relire.append("tableau repris tel quel : vérifiez sa ligne d'en-tête")

    def _signatures(self, lignes: list[list[str]], partie: _Partie) -> None:
        for ligne in lignes:
            for cellule in ligne:
                morceaux = [m.strip() for m in cellule.split("\n") if m.strip() and m.strip() != "\u00a0"]
                if not morceaux:
                    continue
                pour = morceaux[0]
                nom_partenaire = pour[5:] if pour.startswith("Pour ") else pour
                partenaire = self._partenaire(nom_partenaire, approche=True)
                signature: dict[str, Any] = {"partenaire": partenaire.ident}
                if pour != f"Pour {partenaire.nom}":
                    signature["pour"] = pour  # the box's own words, kept
                signature["qualite"] = morceaux[1] if len(morceaux) > 1 else "À compléter"
                if len(morceaux) > 2:
                    signature["nom"] = " ".join(morceaux[2:])
                self.signatures.append(signature)
        if "signatures" not in partie.inclusions:
            partie.inclusions.append("signatures")
            partie.contenu.append({"inclure": "signatures"})

    # ------------------------------------------------------------ the pact's data

    def _donnees(self) -> dict[str, Any]:
        titre = self.titre or (self.parties[0].titre if self.parties else "Pacte territorial d'insertion")
        periode = self.periode or next((p for p in map(_periode, [titre, *self.couverture]) if p), None)
        if periode is None:
            self.remarques.append("période introuvable dans le titre : donnez --periode AAAA-AAAA")
            periode = (0, 0)
        self._partenaires_non_nommes()
        signataires = [s["partenaire"] for s in self.signatures]
        tous = signataires or [p.ident for p in self.partenaires.values()]
        for e in self.communs:
            e["partenaires"] = list(dict.fromkeys(tous))
        self.engagements = [e for e in self.engagements if e["partenaires"]]
        meta: dict[str, Any] = {"id": f"pti-{slug(self.departement, 24)}-{periode[0]}-{periode[1]}", "type": "PTI",
                                "departement": {"code": self.code, "nom": self.departement}, "titre": titre,
                                "periode": {"debut": periode[0], "fin": periode[1]}}
        fait_a = _FAIT_A.match(self.signature_texte.get("texte", ""))
        if fait_a and fait_a.group("mois").lower() in _MOIS:
            mois = _MOIS.index(fait_a.group("mois").lower()) + 1
            meta["signature"] = {"date": f"{fait_a.group('annee')}-{mois:02d}-{int(fait_a.group('jour')):02d}",
                                 "lieu": fait_a.group("lieu").strip()}
        data: dict[str, Any] = {"pacte": meta}
        signe = set(signataires)
        self._categories_connues()
        data["categories"] = self.categories + [c for c in (
            {"id": "signataires", "libelle": "Signataires", "signataire": True}
            if any(p.ident in signe and p.categorie is None for p in self.partenaires.values()) else None,
            {"id": "partenaires", "libelle": "Partenaires", "signataire": False}
            if any(p.ident not in signe and p.categorie is None for p in self.partenaires.values()) else None) if c]
        if self.parties:
            data["sections"] = [p.donnees() for p in self.parties]
        data["partenaires"] = [self._donnees_partenaire(p, signe) for p in self.partenaires.values()]
        if self.engagements:
            data["engagements"] = self.engagements
        if self.axes:
            data["niveaux_axes"] = [{"nom": n, **({"numerotation": "aucune"} if n == "Sous-niveau" else {}),
                                     **({"en_ligne": True} if self.en_ligne and rang == 0 else {})}
                                    for rang, n in enumerate(self.niveaux)]
            data["axes"] = [n.donnees() for n in self.axes]
        if self.signatures:
            data["signatures"] = self.signatures
        if self.glossaire:
            data["glossaire"] = self.glossaire
        return data

    def _partenaires_non_nommes(self) -> None:
        """The partners the document's pactc property lists and the text does not name one by one."""
        manquants = [p for p in self.connus if not any(x.ident == p["id"] for x in self.partenaires.values())]
        for p in manquants:
            self.ids.vus.add(p["id"])
            self.partenaires[_cle(p["nom"])] = _Partenaire(p["nom"], p["id"], categorie=p.get("categorie"),
                                                            type=p.get("type"))
        if manquants:
            self.remarques.append("partenaires que le texte ne nomme pas un à un, repris des propriétés du "
                                  f"document écrites par pactc : {', '.join(p['nom'] for p in manquants)}")

    def _categories_connues(self) -> None:
        """The categories of the partners taken from the pactc property, under their ids."""
        utilisees = {p.categorie for p in self.partenaires.values() if p.categorie}
        for c in self.categories_connues:
            if c["id"] in utilisees and not any(x["id"] == c["id"] for x in self.categories):
                lue = next((x for x in self.categories if x["libelle"] == c.get("libelle")), None)
                if lue is not None:  # the category the text lists, under its pactc id
                    self._renommer_categorie(lue["id"], c["id"])
                    lue["id"] = c["id"]
                else:
                    self.categories.append({"id": c["id"], "libelle": c.get("libelle") or c["id"],
                                            **({"signataire": True} if c.get("signataire") else {})})

    def _renommer_categorie(self, ancien: str, nouveau: str) -> None:
        for p in self.partenaires.values():
            if p.categorie == ancien:
                p.categorie = nouveau

    @staticmethod
    def _donnees_partenaire(p: _Partenaire, signe: set[str]) -> dict[str, Any]:
        data: dict[str, Any] = {"id": p.ident, "nom": p.nom}
        if p.intitule:
            data["titre"] = p.intitule
        data["categorie"] = p.categorie or ("signataires" if p.ident in signe else "partenaires")
        if p.type:
            data["type"] = p.type
        if p.presentation:
            data["presentation"] = "\n\n".join(p.presentation)
        if p.contexte:
            data["contexte_legislatif"] = "\n\n".join(p.contexte)
        if p.titre_engagements:
            data["titre_engagements"] = p.titre_engagements
        if p.intro:
            data["engagements_intro"] = "\n\n".join(p.intro)
        if p.conclusion:
            data["engagements_conclusion"] = "\n\n".join(p.conclusion)
        return data


def _axe(texte: str) -> re.Match[str] | None:
    m = _AXE.match(texte)
    return m if m and m.group("niveau") in _NIVEAUX_AXES else None


def _porteurs_d_axes(lus: list[Lu]) -> set[int]:
    """Headings without a number whose next heading, one level down, is a numbered axis, when several
    headings of a level are (« Orientation » headings each over their « Axe 1 », « Axe 2 »…): a single
    one is the part the tree is placed in."""
    titres = [(i, lu) for i, lu in enumerate(lus) if lu.genre == "titre"]
    candidats: dict[int, set[int]] = {}
    for (i, lu), (_, suivant) in zip(titres, titres[1:], strict=False):
        if not _axe(lu.texte) and _axe(suivant.texte) and suivant.niveau == lu.niveau + 1:
            candidats.setdefault(lu.niveau, set()).add(i)
    return {i for groupe in candidats.values() if len(groupe) >= 2 for i in groupe}


_VIDES = {"le", "la", "les", "l", "de", "du", "des", "d", "et", "pour", "en"}


def _mots(nom: str) -> frozenset[str]:
    """The words that name a partner, without articles and prepositions."""
    mots = re.findall(r"\w+", nom.replace("’", "'").lower())
    return frozenset(m for m in mots if m not in _VIDES)


def _cle(nom: str) -> str:
    """A partner's name as a key: spacing, apostrophes and a leading article do not tell partners apart
    (a chapter titled « Le Conseil départemental » is the box « Pour Conseil départemental »)."""
    cle = re.sub(r"\s+", " ", nom.replace("\u00a0", " ").replace("’", "'")).strip().lower().rstrip(",;. ")
    return re.sub(r"^(?:le |la |les |l')", "", cle)


def _periode(titre: str) -> tuple[int, int] | None:
    m = re.search(r"((?:19|20)\d\d)\s*[-–/à]+\s*((?:19|20)\d\d)", titre)
    return (int(m.group(1)), int(m.group(2))) if m else None


def _arbre(elements: list[tuple[int, dict[str, Any]]]) -> list[Any]:
    """List items with their levels as nested items."""
    racine: list[Any] = []
    pile: list[tuple[int, list[Any]]] = [(-1, racine)]
    for niveau, item in elements:
        while len(pile) > 1 and pile[-1][0] >= niveau:
            pile.pop()
        parent = pile[-1][1]
        if niveau > pile[-1][0] + 1 and parent:
            niveau = pile[-1][0] + 1
        noeud: dict[str, Any] = {"texte": item["texte"]}
        parent.append(noeud)
        noeud_items: list[Any] = []
        noeud["items"] = noeud_items
        pile.append((niveau, noeud_items))
    return [_simplifier(n) for n in racine]


def _simplifier(noeud: dict[str, Any]) -> Any:
    if not noeud["items"]:
        return noeud["texte"]
    return {"texte": noeud["texte"], "items": [_simplifier(n) for n in noeud["items"]]}


def _markdown_liste(items: list[Any], numerote: bool, retrait: str = "") -> str:
    lignes = []
    for rang, item in enumerate(items, 1):
        marque = f"{rang}." if numerote else "-"
        texte = item if isinstance(item, str) else item["texte"]
        lignes.append(f"{retrait}{marque} {texte}")
        if not isinstance(item, str):
            lignes.append(_markdown_liste(item["items"], numerote, retrait + "   "))
    return "\n".join(lignes)
