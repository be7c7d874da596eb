"""Stage 3: turn validated data into a typed, frozen model with computed numbers.

Every entity keeps ``chemin``, its path in the source document, so that
checks can point at the exact line and column. References are kept as ids
here; :class:`Pacte` resolves them (checks report the ones that dangle).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .load import LoadedFile, Path_

if TYPE_CHECKING:
    from .programme import Programme

# ---------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Item:
    """One list item: Markdown text and nested items."""

    texte: str
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Texte:
    """A Markdown passage."""

    texte: str
    chemin: Path_ = ()


@dataclass(frozen=True)
class Liste:
    """A list of items with an optional lead-in and closing sentence."""

    items: tuple[Item, ...]
    intro: str | None = None
    conclusion: str | None = None
    style: str = "puces"
    chemin: Path_ = ()
    titre: str | None = None


@dataclass(frozen=True)
class Tableau:
    """A real data table: column headers, rows, unit, source and date."""

    colonnes: tuple[str, ...]
    lignes: tuple[tuple[str, ...], ...]
    titre: str | None = None
    unite: str | None = None
    source: str | None = None
    date: str | None = None
    note: str | None = None
    chemin: Path_ = ()


@dataclass(frozen=True)
class Chiffre:
    """A figure: value, unit, the words that go with it, date and source."""

    valeur: str
    libelle: str
    unite: str | None = None
    date: str | None = None
    source: str | None = None
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Chiffres:
    """A group of figures."""

    items: tuple[Chiffre, ...]
    titre: str | None = None
    intro: str | None = None
    source: str | None = None
    chemin: Path_ = ()


@dataclass(frozen=True)
class Graphique:
    """A chart of the signed document whose data the conversion lost: only its title is known."""

    titre: str
    source: str | None = None
    chemin: Path_ = ()


@dataclass(frozen=True)
class Rubrique:
    """A passage whose nature the document announces (diagnostic, actions…)."""

    role: str
    contenu: tuple[Bloc, ...]
    titre: str | None = None
    partenaires: tuple[str, ...] = ()
    chemin: Path_ = ()


@dataclass(frozen=True)
class Inclure:
    """A placeholder for a computed part of the pact (axes, signatures…)."""

    partie: str
    chemin: Path_ = ()


Bloc = Texte | Liste | Tableau | Chiffres | Graphique | Rubrique | Inclure

# ---------------------------------------------------------------- entities


@dataclass(frozen=True)
class Section:
    """A narrative part of the pact, with sub-parts."""

    id: str
    titre: str
    texte: str | None
    contenu: tuple[Bloc, ...]
    sections: tuple[Section, ...]
    profondeur: int
    chemin: Path_
    numero: str = ""


@dataclass(frozen=True)
class Categorie:
    """A category of partners; ``signataire`` ones must sign."""

    id: str
    libelle: str
    description: str | None
    signataire: bool
    chemin: Path_


@dataclass(frozen=True)
class Territoire:
    """A named territory of the département."""

    id: str
    nom: str
    nature: str | None
    texte: str | None
    chemin: Path_


@dataclass(frozen=True)
class Representant:
    """Who represents a partner."""

    qualite: str
    nom: str | None


@dataclass(frozen=True)
class Partenaire:
    """An institution party to the pact."""

    id: str
    nom: str
    sigle: str | None
    categorie: str
    representant: Representant | None
    presentation: str | None
    contexte_legislatif: str | None
    titre_engagements: str | None
    engagements_intro: str | None
    engagements_conclusion: str | None
    territoires: tuple[str, ...]
    chemin: Path_
    titre: str | None = None

    @property
    def intitule(self) -> str:
        """The heading of the partner's chapter: the source's own, else the partner's name."""
        return self.titre or self.nom


@dataclass(frozen=True)
class Engagement:
    """A commitment of one or several partners."""

    id: str
    partenaires: tuple[str, ...]
    texte: str
    items: tuple[Item, ...]
    axes: tuple[str, ...]
    chemin: Path_

    @property
    def conjoint(self) -> bool:
        """True when several partners take this engagement together."""
        return len(self.partenaires) > 1


@dataclass(frozen=True)
class Niveau:
    """A level of the axes tree: its name and numbering style."""

    nom: str
    numerotation: str = "1"
    continue_: bool = False
    en_ligne: bool = False


@dataclass(frozen=True)
class Noeud:
    """A node of the axes tree, with its computed number and label."""

    id: str
    titre: str
    texte: str | None
    contenu: tuple[Bloc, ...]
    statut: str | None
    partenaires: tuple[str, ...]
    territoires: tuple[str, ...]
    enfants: tuple[Noeud, ...]
    profondeur: int
    niveau: Niveau
    numero: int
    marque: str
    chemin: Path_

    @property
    def libelle(self) -> str:
        """The full computed label, e.g. « Axe 3 » or « Orientation b »."""
        if not self.marque:
            return ""
        return f"{self.niveau.nom} {self.marque}"

    @property
    def vide(self) -> bool:
        """True when the node carries no text, no content and no children."""
        return not (self.texte or self.contenu or self.enfants)


@dataclass(frozen=True)
class Instance:
    """A governance body."""

    id: str
    nom: str
    niveau: str
    presidence: tuple[str, ...]
    presidence_qualite: str | None
    membres: tuple[str, ...]
    composition: str | None
    frequence: str | None
    territoires: tuple[str, ...]
    texte: str | None
    missions_intro: str | None
    missions: tuple[Item, ...]
    contenu: tuple[Bloc, ...]
    chemin: Path_
    titre: str | None = None

    @property
    def imprimee(self) -> bool:
        """True when the signed text says something of this body (else it is data only, never a bare heading)."""
        return bool(self.composition or self.texte or self.missions_intro or self.missions or self.contenu)


@dataclass(frozen=True)
class LignePlanning:
    """When one axis runs, in the indicative planning."""

    axe: str
    annees: tuple[int, ...]
    note: str | None
    chemin: Path_


@dataclass(frozen=True)
class Planning:
    """The indicative planning: years × axes."""

    titre: str | None
    debut: int
    fin: int
    lignes: tuple[LignePlanning, ...]
    note: str | None
    chemin: Path_

    @property
    def annees(self) -> tuple[int, ...]:
        """Every year of the planning, in order."""
        return tuple(range(self.debut, self.fin + 1))


@dataclass(frozen=True)
class Signature:
    """One signature block."""

    partenaire: str
    pour: str | None
    qualite: str
    nom: str | None
    date: str | None
    lieu: str | None
    chemin: Path_


@dataclass(frozen=True)
class EntreeGlossaire:
    """An acronym and its definition."""

    sigle: str
    definition: str
    chemin: Path_


@dataclass(frozen=True)
class Jalon:
    """A dated act in the life of the pact."""

    id: str
    libelle: str
    nature: str | None
    date: str | None
    annee: int | None
    texte: str | None
    chemin: Path_


@dataclass(frozen=True)
class Contact:
    """The « où s'adresser » block."""

    organisme: str
    titre: str | None
    service: str | None
    adresse: tuple[str, ...]
    telephone: str | None
    site: str | None
    courriel: str | None
    mention: str | None


@dataclass(frozen=True)
class Meta:
    """The pact's metadata."""

    id: str
    type: str
    code_departement: str
    departement: str
    titre: str
    sous_titre: str | None
    slogan: str | None
    debut: int
    fin: int
    date_signature: str | None
    lieu_signature: str | None
    exemplaires: int | None
    mention_signature: str | None
    edition: str | None
    references_juridiques: tuple[str, ...]
    historique: tuple[Jalon, ...]
    contact: Contact | None
    numerotation_parties: str | None = None

    @property
    def periode_au_titre(self) -> bool:
        """True when the title or subtitle already states the period (« PTI 2017 - 2020 »): print it once."""
        words = f"{self.titre} {self.sous_titre or ''}"
        return str(self.debut) in words and str(self.fin) in words

    @property
    def intitule(self) -> str:
        """The title as the source has it, with the period when the title does not state it (PDF title)."""
        sous_titre = f" — {self.sous_titre}" if self.sous_titre else ""
        periode = "" if self.periode_au_titre else f" {self.debut}-{self.fin}"
        return f"{self.titre}{sous_titre}{periode}"


@dataclass(frozen=True)
class Pacte:
    """A whole pact, validated and numbered, ready for checks and rendering."""

    slug: str
    source: LoadedFile
    meta: Meta
    categories: tuple[Categorie, ...]
    territoires: tuple[Territoire, ...]
    sections: tuple[Section, ...]
    partenaires: tuple[Partenaire, ...]
    engagements: tuple[Engagement, ...]
    niveaux: tuple[Niveau, ...]
    axes: tuple[Noeud, ...]
    instances: tuple[Instance, ...]
    planning: Planning | None
    signatures: tuple[Signature, ...]
    glossaire: tuple[EntreeGlossaire, ...]
    data: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)
    #: The PDI of the same folder, attached once both files are valid.
    programme: Programme | None = field(default=None, repr=False, compare=False)

    # Lookups are cheap and read-only, so they are computed on demand.
    @property
    def partenaires_par_id(self) -> dict[str, Partenaire]:
        """Partners by id."""
        return {p.id: p for p in self.partenaires}

    @property
    def categories_par_id(self) -> dict[str, Categorie]:
        """Categories by id."""
        return {c.id: c for c in self.categories}

    @property
    def territoires_par_id(self) -> dict[str, Territoire]:
        """Territories by id."""
        return {t.id: t for t in self.territoires}

    @property
    def noeuds_par_id(self) -> dict[str, Noeud]:
        """Every node of the axes tree by id."""
        return {n.id: n for n in self.tous_les_noeuds()}

    def tous_les_noeuds(self) -> Iterator[Noeud]:
        """Every node of the axes tree, depth first."""
        return walk_nodes(self.axes)

    def toutes_les_sections(self) -> Iterator[Section]:
        """Every section and sub-section, in document order."""
        return walk_sections(self.sections)

    def engagements_de(self, partenaire_id: str) -> tuple[Engagement, ...]:
        """The engagements this partner takes, alone or jointly with some others, in file order."""
        return tuple(e for e in self.engagements if partenaire_id in e.partenaires and not self.est_commun(e))

    def noms_partenaires(self, ids: tuple[str, ...]) -> list[str]:
        """The names of the partners ``ids`` (checked references: none dangles when rendering)."""
        par_id = self.partenaires_par_id
        return [par_id[i].nom for i in ids]

    def est_commun(self, engagement: Engagement) -> bool:
        """True when the engagement names every party: every signatory, or every partner of an unsigned pact.

        An engagement of several partners but not all is joint (« conjoint »), never « commun »:
        printing it as common would commit partners who did not take it.
        """
        parties = {s.partenaire for s in self.signatures} or {p.id for p in self.partenaires}
        return engagement.conjoint and parties <= set(engagement.partenaires)

    @property
    def engagements_communs(self) -> tuple[Engagement, ...]:
        """The engagements taken by every party."""
        return tuple(e for e in self.engagements if self.est_commun(e))

    def a_un_chapitre(self, partenaire: Partenaire) -> bool:
        """True when the partner has something to say: a presentation, a context or engagements.

        A partner known only by its name and representative is listed, not given a chapter.
        """
        return bool(partenaire.presentation or partenaire.contexte_legislatif or partenaire.engagements_intro
                    or self.engagements_de(partenaire.id))

    @property
    def partenaires_avec_chapitre(self) -> tuple[Partenaire, ...]:
        """Partners that get their own chapter."""
        return tuple(p for p in self.partenaires if self.a_un_chapitre(p))

    @property
    def partenaires_sans_chapitre(self) -> tuple[Partenaire, ...]:
        """Partners only named in the list of parties."""
        return tuple(p for p in self.partenaires if not self.a_un_chapitre(p))

    def signataires_attendus(self) -> tuple[Partenaire, ...]:
        """Partners whose category says they must sign."""
        categories = self.categories_par_id
        return tuple(p for p in self.partenaires
                     if p.categorie in categories and categories[p.categorie].signataire)


# ---------------------------------------------------------------- walking and building


def walk_nodes(roots: tuple[Noeud, ...]) -> Iterator[Noeud]:
    """Every node of an axes tree, depth first, in document order."""
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.enfants))


def walk_sections(roots: tuple[Section, ...]) -> Iterator[Section]:
    """Every section and sub-section, in document order."""
    stack = list(reversed(roots))
    while stack:
        section = stack.pop()
        yield section
        stack.extend(reversed(section.sections))



def build_model(loaded: LoadedFile, slug: str) -> Pacte:
    """Build the model of a schema-valid document."""
    data = loaded.data
    assert data is not None, "build_model needs a loaded, schema-valid document"
    niveaux = _niveaux(data)
    return Pacte(
        slug=slug,
        source=loaded,
        meta=_meta(data["pacte"]),
        categories=tuple(
            Categorie(c["id"], c["libelle"], c.get("description"), c.get("signataire", False),
                      ("categories", i))
            for i, c in enumerate(data.get("categories", []))),
        territoires=tuple(
            Territoire(t["id"], t["nom"], t.get("nature"), t.get("texte"), ("territoires", i))
            for i, t in enumerate(data.get("territoires", []))),
        sections=_number_sections(data.get("sections", []), data["pacte"].get("numerotation_parties")),
        partenaires=tuple(_partenaire(p, ("partenaires", i)) for i, p in enumerate(data["partenaires"])),
        engagements=tuple(
            Engagement(e["id"], tuple(e["partenaires"]), e["texte"], _items(e.get("items", [])),
                       tuple(e.get("axes", [])), ("engagements", i))
            for i, e in enumerate(data.get("engagements", []))),
        niveaux=niveaux,
        axes=_number_tree(data.get("axes", []), niveaux),
        instances=tuple(_instance(x, ("instances", i)) for i, x in enumerate(data.get("instances", []))),
        planning=_planning(data["planning"]) if "planning" in data else None,
        signatures=_signatures(data),
        glossaire=tuple(EntreeGlossaire(g["sigle"], g["definition"], ("glossaire", i))
                        for i, g in enumerate(data.get("glossaire", []))),
        data=data,
    )


def _niveaux(data: dict[str, Any]) -> tuple[Niveau, ...]:
    """The levels of a document's axes tree (a pact's or a PDI's)."""
    return tuple(Niveau(n["nom"], n.get("numerotation", "1"), n.get("continue", False), n.get("en_ligne", False))
                 for n in data.get("niveaux_axes", [{"nom": "Axe"}]))


def _signatures(data: dict[str, Any]) -> tuple[Signature, ...]:
    """The signature blocks of a document (a pact's or a PDI's)."""
    return tuple(Signature(s["partenaire"], s.get("pour"), s["qualite"], s.get("nom"), s.get("date"), s.get("lieu"),
                           ("signatures", i)) for i, s in enumerate(data.get("signatures", [])))


def _meta(m: dict[str, Any]) -> Meta:
    signature = m.get("signature", {})
    contact = m.get("contact")
    return Meta(
        id=m["id"], type=m["type"], code_departement=m["departement"]["code"],
        departement=m["departement"]["nom"], titre=m["titre"], sous_titre=m.get("sous_titre"),
        slogan=m.get("slogan"), debut=m["periode"]["debut"], fin=m["periode"]["fin"],
        date_signature=signature.get("date"), lieu_signature=signature.get("lieu"),
        exemplaires=signature.get("exemplaires"), mention_signature=signature.get("mention"),
        edition=m.get("edition"), references_juridiques=tuple(m.get("references_juridiques", [])),
        historique=tuple(
            Jalon(j["id"], j["libelle"], j.get("nature"), j.get("date"), j.get("annee"), j.get("texte"),
                  ("pacte", "historique", i))
            for i, j in enumerate(m.get("historique", []))),
        contact=None if contact is None else Contact(
            contact["organisme"], contact.get("titre"), contact.get("service"),
            tuple(contact.get("adresse", [])), contact.get("telephone"), contact.get("site"),
            contact.get("courriel"), contact.get("mention")),
        numerotation_parties=m.get("numerotation_parties"),
    )


def _items(raw: list[Any]) -> tuple[Item, ...]:
    return tuple(Item(r) if isinstance(r, str) else Item(r["texte"], _items(r.get("items", [])))
                 for r in raw)


def _blocs(raw: list[dict[str, Any]], chemin: Path_) -> tuple[Bloc, ...]:
    return tuple(_bloc(b, chemin + (i,)) for i, b in enumerate(raw))


def _bloc(raw: dict[str, Any], chemin: Path_) -> Bloc:
    (kind, value), = raw.items()
    here = chemin + (kind,)
    if kind == "texte":
        return Texte(value, here)
    if kind == "liste":
        return Liste(_items(value["items"]), value.get("intro"), value.get("conclusion"),
                     value.get("style", "puces"), here, value.get("titre"))
    if kind == "tableau":
        return Tableau(tuple(value["colonnes"]), tuple(tuple(r) for r in value["lignes"]),
                       value.get("titre"), value.get("unite"), value.get("source"), value.get("date"),
                       value.get("note"), here)
    if kind == "chiffres":
        return Chiffres(
            tuple(Chiffre(c["valeur"], c["libelle"], c.get("unite"), c.get("date"), c.get("source"),
                          _items(c.get("items", []))) for c in value["items"]),
            value.get("titre"), value.get("intro"), value.get("source"), here)
    if kind == "graphique":
        return Graphique(value["titre"], value.get("source"), here)
    if kind == "rubrique":
        return Rubrique(value["role"], _blocs(value["contenu"], here + ("contenu",)), value.get("titre"),
                        tuple(value.get("partenaires", [])), here)
    return Inclure(value, here)


def _section(raw: dict[str, Any], chemin: Path_, profondeur: int, numero: str = "") -> Section:
    return Section(
        raw["id"], raw["titre"], raw.get("texte"), _blocs(raw.get("contenu", []), chemin + ("contenu",)),
        tuple(_section(s, chemin + ("sections", i), profondeur + 1)
              for i, s in enumerate(raw.get("sections", []))),
        profondeur, chemin, numero)


def _number_sections(raw: list[dict[str, Any]], style: str | None) -> tuple[Section, ...]:
    """The top-level parts, numbered in ``style`` when the source numbers them (I, II…)."""
    sections = []
    count = 0
    for i, s in enumerate(raw):
        numero = ""
        if style and not s.get("hors_numerotation", False):
            count += 1
            numero = format_number(count, style)
        sections.append(_section(s, ("sections", i), 1, numero))
    return tuple(sections)


def _partenaire(raw: dict[str, Any], chemin: Path_) -> Partenaire:
    rep = raw.get("representant")
    return Partenaire(
        raw["id"], raw["nom"], raw.get("sigle"), raw["categorie"],
        None if rep is None else Representant(rep["qualite"], rep.get("nom")),
        raw.get("presentation"), raw.get("contexte_legislatif"), raw.get("titre_engagements"),
        raw.get("engagements_intro"), raw.get("engagements_conclusion"),
        tuple(raw.get("territoires", [])), chemin, raw.get("titre"))


def _instance(raw: dict[str, Any], chemin: Path_) -> Instance:
    return Instance(
        raw["id"], raw["nom"], raw["niveau"], tuple(raw.get("presidence", [])),
        raw.get("presidence_qualite"), tuple(raw.get("membres", [])), raw.get("composition"),
        raw.get("frequence"), tuple(raw.get("territoires", [])), raw.get("texte"),
        raw.get("missions_intro"), _items(raw.get("missions", [])),
        _blocs(raw.get("contenu", []), chemin + ("contenu",)), chemin, raw.get("titre"))


def _planning(raw: dict[str, Any]) -> Planning:
    return Planning(
        raw.get("titre"), raw["debut"], raw["fin"],
        tuple(LignePlanning(l["axe"], tuple(sorted(l["annees"])), l.get("note"), ("planning", "lignes", i))
              for i, l in enumerate(raw["lignes"])),
        raw.get("note"), ("planning",))


def _number_tree(raw: list[dict[str, Any]], niveaux: tuple[Niveau, ...]) -> tuple[Noeud, ...]:
    # One counter per depth; a level that does not "continue" restarts at each parent.
    counters: dict[int, int] = {}

    def build(nodes: list[dict[str, Any]], chemin: Path_, depth: int) -> tuple[Noeud, ...]:
        niveau = niveaux[min(depth, len(niveaux) - 1)]
        if not niveau.continue_:
            counters[depth] = 0
        result = []
        for i, node in enumerate(nodes):
            counters[depth] = counters.get(depth, 0) + 1
            here = chemin + (i,)
            number = counters[depth]
            result.append(Noeud(
                id=node["id"], titre=node["titre"], texte=node.get("texte"),
                contenu=_blocs(node.get("contenu", []), here + ("contenu",)), statut=node.get("statut"),
                partenaires=tuple(node.get("partenaires", [])), territoires=tuple(node.get("territoires", [])),
                enfants=build(node.get("enfants", []), here + ("enfants",), depth + 1),
                profondeur=depth + 1, niveau=niveau, numero=number,
                marque=format_number(number, niveau.numerotation), chemin=here))
        return tuple(result)

    return build(raw, ("axes",), 0)


def format_number(number: int, style: str) -> str:
    """``number`` in numbering ``style``: 1, a, A, I, i or aucune."""
    if style == "aucune":
        return ""
    if style in ("a", "A"):
        letters = ""
        n = number
        while n:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters if style == "a" else letters.upper()
    if style in ("I", "i"):
        roman = _roman(number)
        return roman if style == "I" else roman.lower()
    return str(number)


def _roman(number: int) -> str:
    parts = []
    for value, symbol in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, number = divmod(number, value)
        parts.append(symbol * count)
    return "".join(parts)
