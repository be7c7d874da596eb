"""The whole avenant: heading, parties, visas, amending articles, entry into force, signatures.

:func:`rediger_avenant` writes it from the signed and the revised dossier and
the avenant's own data (``avenants.yaml``), and checks itself: its operations,
applied to the signed act, must give the revised act, or it refuses to write.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Avenant, Dossier, Signature, inclusions, walk_sections
from ..render.typography import date_fr
from .acte import Unite, build_acte, index
from .langue import FEMININE, de
from .operations import Operation, appliquer, famille, operations
from .redaction import Article, Phrase, articles, enumeration


class AvenantIncoherent(Exception):
    """The operations found do not turn the signed act into the revised one (a bug: never expected)."""


@dataclass(frozen=True)
class Partie:
    """A party to the avenant, as the heading lists it."""

    nom: str
    representant: str | None


@dataclass(frozen=True)
class TexteAvenant:
    """Everything an avenant prints, in order."""

    titre: str
    numero: int | None
    objet: str | None
    departement: str
    parties: tuple[Partie, ...]
    visas: tuple[str, ...]
    modifications: tuple[Article, ...]
    finales: tuple[Article, ...]
    signatures: tuple[Signature, ...]
    fait_a: str | None
    date_signature: str | None
    exemplaires: int | None
    operations: tuple[Operation, ...]
    unites: int
    #: What the user should know and the act does not say (never printed in the avenant).
    remarques: tuple[str, ...] = ()

    @property
    def articles(self) -> tuple[Article, ...]:
        """Every article, amending ones then final ones."""
        return self.modifications + self.finales

    @property
    def est_un_projet(self) -> bool:
        """True until the avenant is signed (it has no signing date)."""
        return self.date_signature is None


def rediger_avenant(signe: Dossier, revise: Dossier, avenant: Avenant | None) -> TexteAvenant:
    """The avenant that turns the signed pact into the revised one."""
    acte_signe, acte_revise = build_acte(signe), build_acte(revise)
    ops = operations(acte_signe, acte_revise)
    if appliquer(acte_signe, ops) != acte_revise:
        raise AvenantIncoherent("les opérations de l'avenant ne redonnent pas la version révisée")
    meta = signe.pacte.meta
    numero = avenant.numero if avenant else None
    titre = f"Avenant n° {numero}" if numero else "Projet d’avenant"
    return TexteAvenant(
        titre=f"{titre} {_au_pacte(meta.intitule)}", numero=numero, objet=avenant.objet if avenant else None,
        departement=meta.departement, parties=_parties(revise), visas=_visas(signe, avenant),
        modifications=articles(acte_signe, acte_revise, ops, places(signe)),
        finales=_finales(avenant, acte_signe, acte_revise),
        signatures=revise.pacte.signatures,
        fait_a=avenant.lieu_signature if avenant else None,
        date_signature=avenant.date_signature if avenant else None,
        exemplaires=avenant.exemplaires if avenant else None,
        operations=ops, unites=sum(1 for _ in acte_revise.parcours()),
        remarques=remarques(acte_signe, acte_revise, revise))


def remarques(signe: Unite, revise: Unite, dossier: Dossier) -> tuple[str, ...]:
    """Engagements that change family (common ↔ joint) because the parties changed, not their text."""
    avant = index(signe)
    communs_perdus = [avant[u.cle][0].nom for u, _ in revise.parcours()
                      if u.genre == "engagement" and u.cle in avant
                      and famille(avant[u.cle][0]) != famille(u) and "commun" in avant[u.cle][0].nom]
    if not communs_perdus:
        return ()
    nouveaux = [p.nom for p in dossier.pacte.partenaires if f"partenaire:{p.id}" not in avant]
    qui = f" ({', '.join(nouveaux)})" if nouveaux else ""
    return (f"Attention : {len(communs_perdus)} engagement(s) commun(s) ne le sont plus dans la version révisée, "
            f"car une nouvelle partie{qui} ne les prend pas : {', '.join(communs_perdus)}. L'avenant n'en dit rien, "
            "puisque leur texte et leurs partenaires n'ont pas changé ; si la nouvelle partie doit les prendre, "
            "ajoutez-la à leurs partenaires.",)


#: The part name under which the pact prints each container of the act.
_INCLUSIONS = {"axes": "axes", "partenaires": "partenaires", "engagements": "partenaires",
               "instances": "instances", "signatures": "signatures"}


def places(dossier: Dossier) -> dict[str, int]:
    """For each container of the act, the rank of the top-level part that prints it (when one does)."""
    result: dict[str, int] = {}
    for rang, section in enumerate(dossier.pacte.sections):
        names = {inc.partie for s in walk_sections((section,)) for inc in inclusions(s.contenu)}
        for container, part in _INCLUSIONS.items():
            if part in names and container not in result:
                result[container] = rang
    return result


def _au_pacte(intitule: str) -> str:
    first = intitule.split(" ")[0].lower()
    if first in ("pacte", "programme", "plan"):
        return f"au {intitule}"
    return f"à « {intitule} »"


def _parties(dossier: Dossier) -> tuple[Partie, ...]:
    """The parties: the revised pact's signatories (new partners included), else all its partners."""
    pacte = dossier.pacte
    if pacte.signatures:
        seen: list[str] = []
        result = []
        for s in pacte.signatures:
            if s.partenaire in seen:
                continue
            seen.append(s.partenaire)
            qui = ", ".join(x for x in (_minuscule(s.qualite), s.nom) if x).replace("\n", " ")
            result.append(Partie(pacte.partenaires_par_id[s.partenaire].nom, qui or None))
        return tuple(result)
    return tuple(Partie(p.nom, ", ".join(x for x in (_minuscule(p.representant.qualite), p.representant.nom) if x)
                        if p.representant else None) for p in pacte.partenaires)


def _minuscule(qualite: str) -> str:
    """« le Préfet » after « représenté par »: only a leading article loses its capital."""
    for article in ("Le ", "La ", "Les ", "L'", "L’"):
        if qualite.startswith(article):
            return article.lower() + qualite[len(article):]
    return qualite


def _ident(cle: str) -> str:
    """The id an editor writes for a unit: its entity id, or ``signature:<partenaire>``."""
    return cle if cle.startswith("signature:") or ":" not in cle else cle.split(":", 1)[1]


def represente(nom: str) -> str:
    """« représenté », « représentée », « représentés »: agreed with the body's name."""
    first = nom.split(" ")[0].lower()
    plural = first.endswith("s") and first not in ("pays", "fonds", "ccas", "groupements")
    singular = first[:-1] if plural else first
    feminine = singular in FEMININE or singular in (
        "agence", "association", "caisse", "chambre", "mission", "mutualité", "région", "union", "direction",
        "préfecture", "fédération", "intercommunalité", "collectivité")
    return "représenté" + ("e" if feminine else "") + ("s" if plural else "")


def _visas(signe: Dossier, avenant: Avenant | None) -> tuple[str, ...]:
    meta = signe.pacte.meta
    visas = [f"Vu le {meta.intitule}" + (f", signé le {date_fr(meta.date_signature)}" if meta.date_signature else "")
             if meta.intitule.split(" ")[0].lower() == "pacte" else f"Vu « {meta.intitule} »"]
    for d in avenant.deliberations if avenant else ():
        numero = f" n° {d.numero}" if d.numero else ""
        visas.append(f"Vu la délibération{numero} {_de_instance(d.instance)} du {date_fr(d.date)}")
    return tuple(visas)


def _de_instance(instance: str) -> str:
    if instance.startswith(("la ", "le ", "l’", "l'", "les ")):
        return de(instance)
    return f"de {instance}"


def _finales(avenant: Avenant | None, signe: Unite, revise: Unite) -> tuple[Article, ...]:
    if avenant is not None and avenant.entree_en_vigueur:
        vigueur = f"Le présent avenant entre en vigueur le {date_fr(avenant.entree_en_vigueur)}."
    else:
        vigueur = "Le présent avenant entre en vigueur à la date de sa signature par l’ensemble des parties."
    phrases = [Phrase(vigueur, fin="")]
    # Units are named as the signed version numbers them; new ones as the revised version does.
    noms = {_ident(u.cle): u.nom for u, _ in revise.parcours()}
    noms.update((_ident(u.cle), u.nom) for u, _ in signe.parcours())
    for ids, quand in avenant.particulieres if avenant else ():
        quoi = enumeration([noms.get(i, f"« {i} »") for i in ids])
        verbe = "entre" if len(ids) == 1 else "entrent"
        sujet = "la modification" if len(ids) == 1 else "les modifications"
        phrases.append(Phrase(f"Toutefois, {sujet} {de(quoi)} {verbe} en vigueur le {date_fr(quand)}.", fin=""))
    return (Article(tuple(phrases), "Entrée en vigueur"),
            Article((Phrase("Les autres stipulations du pacte demeurent inchangées.", fin=""),),
                    "Autres stipulations"))
