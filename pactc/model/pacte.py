"""Stage 3: a pact, validated and numbered, its references kept as ids (checks report those that dangle)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from ..load import LoadedFile, Path_
from .document import (
    Bloc,
    Document,
    Item,
    Niveau,
    Noeud,
    Section,
    Signature,
    build_blocs,
    build_items,
    build_niveaux,
    build_signatures,
    number_sections,
    number_tree,
)
from .frozen import Champs, empty, freeze


@dataclass(frozen=True)
class Categorie:
    """A category of partners; ``signataire`` ones must sign."""

    id: str
    libelle: str
    description: str | None
    signataire: bool
    chemin: Path_
    champs: Champs = field(default_factory=empty, repr=False, compare=False)


@dataclass(frozen=True)
class Territoire:
    """A named territory of the département."""

    id: str
    nom: str
    nature: str | None
    texte: str | None
    chemin: Path_
    champs: Champs = field(default_factory=empty, repr=False, compare=False)


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
    champs: Champs = field(default_factory=empty, repr=False, compare=False)

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
    champs: Champs = field(default_factory=empty, repr=False, compare=False)
    #: Insertion themes (data, never printed): see :mod:`pactc.themes`.
    themes: tuple[str, ...] = ()

    @property
    def conjoint(self) -> bool:
        """True when several partners take this engagement together."""
        return len(self.partenaires) > 1


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
    champs: Champs = field(default_factory=empty, repr=False, compare=False)

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
    champs: Champs = field(default_factory=empty, repr=False, compare=False)


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
class EntreeGlossaire:
    """An acronym and its definition."""

    sigle: str
    definition: str
    chemin: Path_
    champs: Champs = field(default_factory=empty, repr=False, compare=False)


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
    champs: Champs = field(default_factory=empty, repr=False, compare=False)


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
    champs: Champs = field(default_factory=empty, repr=False, compare=False)
    #: Warnings the signed text justifies: (code, reason).
    avertissements_acceptes: tuple[tuple[str, str], ...] = ()

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
class Pacte(Document):
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
    champs: Champs

    # Lookups are built once, on first use (the model is frozen: they never go stale).
    @cached_property
    def partenaires_par_id(self) -> dict[str, Partenaire]:
        """Partners by id."""
        return {p.id: p for p in self.partenaires}

    @cached_property
    def categories_par_id(self) -> dict[str, Categorie]:
        """Categories by id."""
        return {c.id: c for c in self.categories}

    @cached_property
    def territoires_par_id(self) -> dict[str, Territoire]:
        """Territories by id."""
        return {t.id: t for t in self.territoires}

    @cached_property
    def noeuds_par_id(self) -> dict[str, Noeud]:
        """Every node of the axes tree by id."""
        return {n.id: n for n in self.tous_les_noeuds()}

    def sequences_de_blocs(self) -> Iterator[tuple[Bloc, ...]]:
        """Every sequence of blocks of the pact: its parts, axes and governance bodies."""
        yield from super().sequences_de_blocs()
        for i in self.instances:
            yield i.contenu

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

    def numero_engagement(self, engagement: Engagement) -> tuple[int, str | None]:
        """How the pact numbers an engagement: (n, None) for « commun n° n », else (n, its first partner's id)."""
        if self.est_commun(engagement):
            return self.engagements_communs.index(engagement) + 1, None
        titulaire = engagement.partenaires[0]
        return self.engagements_de(titulaire).index(engagement) + 1, titulaire

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


def build_model(loaded: LoadedFile, slug: str) -> Pacte:
    """Build the model of a schema-valid document."""
    assert loaded.data is not None, "build_model needs a loaded, schema-valid document"
    data: Champs = freeze(loaded.data)
    niveaux = build_niveaux(data)
    return Pacte(
        slug=slug,
        source=loaded,
        meta=_meta(data["pacte"]),
        categories=tuple(
            Categorie(c["id"], c["libelle"], c.get("description"), c.get("signataire", False),
                      ("categories", i), c)
            for i, c in enumerate(data.get("categories", []))),
        territoires=tuple(
            Territoire(t["id"], t["nom"], t.get("nature"), t.get("texte"), ("territoires", i), t)
            for i, t in enumerate(data.get("territoires", []))),
        sections=number_sections(data.get("sections", []), data["pacte"].get("numerotation_parties")),
        partenaires=tuple(_partenaire(p, ("partenaires", i)) for i, p in enumerate(data["partenaires"])),
        engagements=tuple(
            Engagement(e["id"], tuple(e["partenaires"]), e["texte"], build_items(e.get("items", [])),
                       tuple(e.get("axes", [])), ("engagements", i), e, tuple(e.get("themes", ())))
            for i, e in enumerate(data.get("engagements", []))),
        niveaux=niveaux,
        axes=number_tree(data.get("axes", []), niveaux),
        instances=tuple(_instance(x, ("instances", i)) for i, x in enumerate(data.get("instances", []))),
        planning=_planning(data["planning"]) if "planning" in data else None,
        signatures=build_signatures(data),
        glossaire=tuple(EntreeGlossaire(g["sigle"], g["definition"], ("glossaire", i), g)
                        for i, g in enumerate(data.get("glossaire", []))),
        champs=data,
    )


def _meta(m: Champs) -> Meta:
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
                  ("pacte", "historique", i), j)
            for i, j in enumerate(m.get("historique", []))),
        contact=None if contact is None else Contact(
            contact["organisme"], contact.get("titre"), contact.get("service"),
            tuple(contact.get("adresse", [])), contact.get("telephone"), contact.get("site"),
            contact.get("courriel"), contact.get("mention")),
        numerotation_parties=m.get("numerotation_parties"),
        champs=m,
        avertissements_acceptes=tuple((a["code"], a["motif"]) for a in m.get("avertissements_acceptes", ())),
    )


def _partenaire(raw: Champs, chemin: Path_) -> Partenaire:
    rep = raw.get("representant")
    return Partenaire(
        raw["id"], raw["nom"], raw.get("sigle"), raw["categorie"],
        None if rep is None else Representant(rep["qualite"], rep.get("nom")),
        raw.get("presentation"), raw.get("contexte_legislatif"), raw.get("titre_engagements"),
        raw.get("engagements_intro"), raw.get("engagements_conclusion"),
        tuple(raw.get("territoires", [])), chemin, raw.get("titre"), raw)


def _instance(raw: Champs, chemin: Path_) -> Instance:
    return Instance(
        raw["id"], raw["nom"], raw["niveau"], tuple(raw.get("presidence", [])),
        raw.get("presidence_qualite"), tuple(raw.get("membres", [])), raw.get("composition"),
        raw.get("frequence"), tuple(raw.get("territoires", [])), raw.get("texte"),
        raw.get("missions_intro"), build_items(raw.get("missions", [])),
        build_blocs(raw.get("contenu", []), chemin + ("contenu",)), chemin, raw.get("titre"), raw)


def _planning(raw: Champs) -> Planning:
    return Planning(
        raw.get("titre"), raw["debut"], raw["fin"],
        tuple(LignePlanning(l["axe"], tuple(sorted(l["annees"])), l.get("note"), ("planning", "lignes", i), l)
              for i, l in enumerate(raw["lignes"])),
        raw.get("note"), ("planning",))
