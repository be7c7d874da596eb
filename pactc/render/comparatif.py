"""The « tableau comparatif »: a two-column, print-ready comparison in the parliamentary style.

Left column: the signed version; right column: the revised one. Deletions
are struck through and insertions underlined *and* announced in words, so
the marks survive black-and-white printing and screen readers. Both columns
carry the full wording: a legal annex never shortens the text it compares.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from ..avenant.langue import de_partenaire
from ..diff.changes import KINDS, OP_NAMES, Change, Diff
from ..model import Dossier, Noeud, walk_nodes
from .html import render_template, stylesheet
from .markdown import Abbreviations
from .typography import date_fr, french

if TYPE_CHECKING:
    from ..diff.compare import Comparison

#: Fields shown for an added or removed entity, in this order.
SHOWN = ("titre", "nom", "sigle", "definition", "libelle", "qualite", "pour", "texte", "presentation",
         "contexte_legislatif", "contexte", "items", "partenaires", "missions", "frequence", "annees", "axe",
         "pilote", "partenaires_associes")
LABELS = {"titre": "Titre", "nom": "Nom", "texte": "Texte", "items": "Éléments", "partenaires": "Partenaires",
          "qualite": "Qualité", "pour": "Pour", "definition": "Définition", "sigle": "Sigle",
          "libelle": "Libellé", "presentation": "Présentation", "contexte_legislatif": "Contexte législatif",
          "contexte": "Contexte", "missions": "Missions", "frequence": "Fréquence", "annees": "Années",
          "axe": "Axe", "pilote": "Pilote", "partenaires_associes": "Partenaires associés",
          "categorie": "Catégorie", "statut": "Statut", "contenu": "Contenu", "sigle_": "Sigle",
          "edition": "Édition", "sous_titre": "Sous-titre", "slogan": "Devise", "periode": "Période",
          "signature": "Signature", "references_juridiques": "Références juridiques", "historique": "Historique",
          "representant": "Représentant", "date": "Date", "lieu": "Lieu", "intro": "Introduction",
          "conclusion": "Conclusion", "composition": "Composition", "niveau": "Niveau", "presidence": "Présidence",
          "membres": "Membres", "type": "Type", "departement": "Département", "id": "Identifiant"}


@dataclass(frozen=True)
class Ligne:
    """A row of the table: what changed, and the two versions side by side."""

    entite: Markup
    marque: str
    avant: Markup
    apres: Markup


@dataclass(frozen=True)
class Groupe:
    """A group of rows: general provisions, one axis, one partner…"""

    titre: str
    lignes: tuple[Ligne, ...]


def _redline_side(segments: list[tuple[str, str]], side: str) -> Markup:
    parts: list[Markup] = []
    shown = [(op, text) for op, text in segments if op == "=" or op == side]
    for op, text in shown:
        if op == "=":
            parts.append(escape(french(text)))
        elif op == "-":
            parts.append(Markup('<del><span class="sr">[suppression : </span>{}<span class="sr">]</span></del>')
                         .format(french(text)))
        else:
            parts.append(Markup('<ins><span class="sr">[ajout : </span>{}<span class="sr">]</span></ins>')
                         .format(french(text)))
    return Markup("").join(parts)


def _value(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return " ; ".join(value)
    if isinstance(value, list):
        return " ; ".join(_value(v.get("texte", v)) if isinstance(v, dict) else _value(v) for v in value)
    if isinstance(value, dict) and "texte" in value:
        return _value(value["texte"])
    if isinstance(value, dict) and set(value) == {"debut", "fin"}:
        return f"{value['debut']}–{value['fin']}"
    if isinstance(value, dict):
        # A table of keys (a signature's place and date, a representative): its values in words, never JSON.
        return " ; ".join(f"{LABELS.get(str(k), str(k)).lower()} : {_value(v)}" for k, v in value.items())
    if value is None:
        return "—"
    return str(value)


#: Fields whose values are ids of partners, categories, axes or territories: printed as names.
_PARTNER_REFS = frozenset({"partenaires", "pilote", "partenaires_associes", "presidence", "membres", "partenaire"})
_REFERENCES = _PARTNER_REFS | {"categorie", "axe", "axes", "territoires"}


def _lisible(name: str, value: Any, dossier: Dossier | None) -> Any:
    """A field's value as a reader knows it: the names of the partners, axes… it refers to, never their ids."""
    if dossier is None or name not in _REFERENCES:
        return value
    if isinstance(value, list):
        return [_lisible(name, v, dossier) for v in value]
    if not isinstance(value, str):
        return value
    pacte = dossier.pacte
    if name in _PARTNER_REFS and value in pacte.partenaires_par_id:
        return pacte.partenaires_par_id[value].nom
    if name == "categorie" and value in pacte.categories_par_id:
        return pacte.categories_par_id[value].libelle
    if name == "territoires" and value in pacte.territoires_par_id:
        return pacte.territoires_par_id[value].nom
    if name in ("axe", "axes"):
        node = pacte.noeuds_par_id.get(value) or _programme_node(dossier, value)
        if node is not None:
            return f"{node.libelle} — {node.titre}" if node.libelle else node.titre
    return value


def _fields(fields: dict[str, Any] | None, dossier: Dossier | None, keys: tuple[str, ...] | None = None) -> Markup:
    if not fields:
        return Markup("—")
    names = keys or tuple(k for k in SHOWN if k in fields) or tuple(fields)
    rows = [Markup('<p><span class="champ">{} :</span> {}</p>').format(
                LABELS.get(k, k), french(_value(_lisible(k, fields[k], dossier))))
            for k in names if k in fields and fields[k] not in (None, "", [])]
    return Markup("").join(rows) or Markup("—")


def _entity_label(change: Change, dossier: Dossier | None) -> Markup:
    """What a reader calls the changed unit (« Engagement n° 2 du Conseil général »), never its id."""
    kind = KINDS[change.kind]
    title = _title(change, dossier)
    return Markup("<strong>{}</strong> {}").format(kind.capitalize(), french(title)) if title else \
        Markup("<strong>{}</strong>").format(kind.capitalize())


def _title(change: Change, dossier: Dossier | None) -> str:  # noqa: C901 — one line per kind of unit
    if change.kind == "pacte":
        return "— métadonnées du pacte"
    if change.kind == "pdi":
        return "— métadonnées du programme"
    if dossier is None:
        return ""
    pacte = dossier.pacte
    if change.kind == "signature":
        partner = pacte.partenaires_par_id.get(change.id.split("#")[0])
        return de_partenaire(partner.nom) if partner else ""
    if change.kind == "engagement":
        return _engagement_title(change.id, dossier)
    if change.kind == "glossaire":
        return change.id
    if change.kind == "instance":
        instance = next((i for i in pacte.instances if i.id == change.id), None)
        return (instance.titre or instance.nom) if instance else ""
    if change.kind == "categorie":
        category = pacte.categories_par_id.get(change.id)
        return category.libelle if category else ""
    if change.kind == "territoire":
        territory = pacte.territoires_par_id.get(change.id)
        return territory.nom if territory else ""
    return _old_title(change, dossier)


def _engagement_title(ident: str, dossier: Dossier) -> str:
    """« n° 2 du Conseil général », « commun n° 1 », « conjoint n° 1 de X et Y »: numbers counted in the act."""
    pacte = dossier.pacte
    engagement = next((e for e in pacte.engagements if e.id == ident), None)
    if engagement is None:
        return ""
    if pacte.est_commun(engagement):
        return f"commun n° {pacte.engagements_communs.index(engagement) + 1}"
    names = pacte.noms_partenaires(engagement.partenaires)
    rank = pacte.engagements_de(engagement.partenaires[0]).index(engagement) + 1
    if engagement.conjoint and len(names) > 3:
        return f"n° {rank} {de_partenaire(names[0])}, conjoint de {len(names)} partenaires"
    if engagement.conjoint:
        return f"n° {rank} de {', '.join(names[:-1])} et {names[-1]} (conjoint)"
    return f"n° {rank} {de_partenaire(names[0])}"


def _old_title(change: Change, dossier: Dossier | None) -> str:
    title = ""
    if dossier is not None:
        if change.kind == "axe":
            node = dossier.pacte.noeuds_par_id.get(change.id) or _programme_node(dossier, change.id)
            if node is not None:
                title = f"{node.libelle} — {node.titre}" if node.libelle else node.titre
        elif change.kind == "partenaire" and change.id in dossier.pacte.partenaires_par_id:
            title = dossier.pacte.partenaires_par_id[change.id].nom
        elif change.kind == "section":
            sections = [*dossier.pacte.toutes_les_sections(),
                        *(dossier.programme.toutes_les_sections() if dossier.programme else ())]
            section = next((s for s in sections if s.id == change.id), None)
            if section is not None:
                title = f"{section.numero}. {section.titre}" if section.numero else section.titre
        elif change.kind in ("fiche", "objectif", "action", "piste") and dossier.programme is not None:
            title = _within_fiche(change, dossier)
    return title


def _within_fiche(change: Change, dossier: Dossier) -> str:
    """« Axe 2 — Orientation 1 — objectif 2 — action d »: a unit of a fiche with its parents, never an id."""
    assert dossier.programme is not None
    for fiche in dossier.programme.fiches:
        node = dossier.pacte.noeuds_par_id.get(fiche.axe) or _programme_node(dossier, fiche.axe)
        place = f"{node.libelle} — " if node is not None and node.libelle else ""
        head = f"{place}{fiche.libelle}"
        if change.kind == "fiche" and fiche.id == change.id:
            return f"{head} — {fiche.titre}"
        for objectif in fiche.objectifs:
            if change.kind == "objectif" and objectif.id == change.id:
                return f"{head} — objectif {objectif.numero}"
            for action in objectif.actions:
                if change.kind == "action" and action.id == change.id:
                    return f"{head} — objectif {objectif.numero} — action {action.lettre}"
        for rank, piste in enumerate(fiche.pistes_phares, 1):
            if change.kind == "piste" and piste.id == change.id:
                return f"{head} — piste d’action « phare » {rank}"
    return ""


def _programme_node(dossier: Dossier, ident: str) -> Noeud | None:
    if dossier.programme is None:
        return None
    return next((n for n in walk_nodes(dossier.programme.axes) if n.id == ident), None)


def _row(change: Change, old: Dossier | None, new: Dossier | None) -> Ligne:
    label = _entity_label(change, new if change.op != "removed" else old)
    op = change.op
    if op == "added":
        return Ligne(label, "(nouveau)", Markup('<p class="vide">—</p>'),
                     Markup('<div class="ajoute">{}</div>').format(_fields(change.after, new)))
    if op == "removed":
        return Ligne(label, "(supprimé)", Markup('<div class="supprime"><del>{}</del></div>').format(
            _fields(change.before, old)), Markup('<p class="vide">—</p>'))
    if op in ("modified", "renamed"):
        before: list[Markup] = []
        after: list[Markup] = []
        for name in change.fields:
            title = LABELS.get(name, name)
            if name in change.redlines and name not in _REFERENCES:
                before.append(Markup('<p><span class="champ">{} :</span> {}</p>').format(
                    title, _redline_side(change.redlines[name], "-")))
                after.append(Markup('<p><span class="champ">{} :</span> {}</p>').format(
                    title, _redline_side(change.redlines[name], "+")))
            else:
                was, now = change.before.get(name), change.after.get(name)
                before.append(Markup('<p><span class="champ">{} :</span> <del>{}</del></p>').format(
                    title, french(_value(_lisible(name, was, old))) if was is not None else "—"))
                after.append(Markup('<p><span class="champ">{} :</span> <ins>{}</ins></p>').format(
                    title, french(_value(_lisible(name, now, new))) if now is not None else "—"))
        return Ligne(label, f"({OP_NAMES[op]})", Markup("").join(before), Markup("").join(after))
    if op == "moved":
        # The signed column shows the signed place and number; the revised one, the new ones.
        numbers = change.numeros or ("", "")
        was = Markup(", <del>{}</del>").format(numbers[0]) if numbers[0] else ""
        now = Markup(", <ins>{}</ins>").format(numbers[1]) if numbers[1] else ""
        return Ligne(_entity_label(change, old), "(déplacé)" + (" (renuméroté)" if change.numeros else ""),
                     Markup("<p>Rattaché à <del>{}</del>{}</p>").format(_parent(change.before, old), was),
                     Markup("<p>Rattaché à <ins>{}</ins>{}</p>").format(_parent(change.after, new), now))
    if op == "renumbered":
        return Ligne(label, "(renuméroté)", Markup("<p><del>{}</del></p>").format(change.before),
                     Markup("<p><ins>{}</ins></p>").format(change.after))
    return Ligne(label, "(renommage probable)", Markup("<p>Identifiant <del>{}</del></p>").format(change.old_id),
                 Markup("<p>Identifiant <ins>{}</ins>, contenu inchangé</p>").format(change.id))


def _parent(ident: Any, dossier: Dossier | None) -> str:
    if not isinstance(ident, str) or dossier is None:
        return str(ident) if ident else "—"
    node = dossier.pacte.noeuds_par_id.get(ident) or _programme_node(dossier, ident)
    if node is not None:
        return f"{node.libelle} — {node.titre}" if node.libelle else node.titre
    if dossier.programme is not None:
        for fiche in dossier.programme.fiches:
            if fiche.id == ident:
                return f"{fiche.libelle} — {fiche.titre}"
            for objectif in fiche.objectifs:
                if objectif.id == ident:
                    return f"{fiche.libelle}, objectif {objectif.numero}"
    return ident


def _root_of(ident: str | None, dossier: Dossier | None) -> Noeud | None:
    if dossier is None or ident is None:
        return None
    trees = [dossier.pacte.axes] + ([dossier.programme.axes] if dossier.programme else [])
    for tree in trees:
        for root in tree:
            if any(node.id == ident for node in walk_nodes((root,))):
                return root
    return None


def _group_of(change: Change, old: Dossier | None, new: Dossier | None) -> str:  # noqa: C901 — a lookup table in code form: one branch per kind of entity
    dossier = new if change.op != "removed" else old
    if dossier is None:
        return "Dispositions générales"
    kind = change.kind
    axis: str | None = None
    if kind == "axe":
        axis = change.id
    elif kind == "planning":
        axis = change.id
    elif kind in ("fiche", "objectif", "action", "piste") and dossier.programme is not None:
        for fiche in dossier.programme.fiches:
            ids = {fiche.id} | {o.id for o in fiche.objectifs} | {a.id for o in fiche.objectifs for a in o.actions}
            ids |= {p.id for p in fiche.pistes_phares}
            if change.id in ids:
                axis = fiche.axe
    if axis is not None:
        root = _root_of(axis, dossier) or _root_of(axis, old)
        if root is not None:
            return f"Axe : {root.libelle + ' — ' if root.libelle else ''}{root.titre}"
    if kind in ("partenaire", "signature"):
        partner = change.id.split("#")[0]
        name = (dossier.pacte.partenaires_par_id.get(partner)
                or (old.pacte.partenaires_par_id.get(partner) if old else None))
        return f"Partenaire : {name.nom if name else partner}"
    if kind == "engagement":
        source = change.after if change.op == "added" else change.before
        owners = (source or {}).get("partenaires") if isinstance(source, dict) else None
        engagement = next((e for e in dossier.pacte.engagements if e.id == change.id), None)
        owners = list(engagement.partenaires) if engagement else owners
        if owners and len(owners) == 1:
            p = dossier.pacte.partenaires_par_id.get(owners[0])
            return f"Partenaire : {p.nom if p else owners[0]}"
        return "Engagements communs"
    if kind == "instance":
        return "Gouvernance"
    if kind == "glossaire":
        return "Glossaire"
    return "Dispositions générales"


def build_groups(diff: Diff, old: Dossier | None, new: Dossier | None) -> tuple[Groupe, ...]:
    """The rows of one département's diff, grouped by axis and by partner."""
    groups: dict[str, list[Ligne]] = {}
    for change in diff.changes:
        groups.setdefault(_group_of(change, old, new), []).append(_row(change, old, new))

    def order(title: str) -> tuple[int, str]:
        for rank, prefix in enumerate(("Dispositions", "Axe", "Partenaire", "Engagements", "Gouvernance", "Glossaire")):
            if title.startswith(prefix):
                return rank, ""
        return 9, title

    # Python's sort is stable: groups of the same rank keep the order of the changes.
    return tuple(Groupe(title, tuple(rows)) for title, rows in sorted(groups.items(), key=lambda kv: order(kv[0])))


def render_comparatif(diffs: list[Diff], models: dict[tuple[str, str], Dossier], *, for_print: bool,
                      font_base: str = "") -> str:
    """The tableau comparatif of ``diffs`` as one HTML page: one table for the pact, one for its programme."""
    sections = []
    for d in diffs:
        old, new = (next((m for (_, s), m in models.items() if s == side and m.pacte.meta.departement == d.departement),
                         None) for side in ("old", "new"))
        if old is None:
            old = next((p for (slug, side), p in models.items() if side == "old"), None) if len(diffs) == 1 else None
        known = new or old
        for document in ("pacte", "programme"):
            part = replace(d, changes=tuple(c for c in d.changes if c.document == document))
            if document == "programme" and not part.changes:
                continue
            sections.append({"diff": part, "document": document, "titre": _document_title(known, document, d),
                             "departement": known.pacte.meta.departement if known else "",
                             "signee": _act(old), "revisee": _act(new, since=old),
                             "groupes": build_groups(part, old, new),
                             "compteurs": sorted(part.counts().items(), key=lambda kv: list(KINDS).index(kv[0]))})
    return render_template("comparatif.html.j2", Abbreviations({}),
        sections=sections, KINDS=KINDS, OP_NAMES=OP_NAMES, old=diffs[0].old if diffs else "",
        new=diffs[0].new if diffs else "", css=Markup(stylesheet(font_base or "_assets/fonts")),
        total=sum(len(d.changes) for d in diffs))


def _document_title(dossier: Dossier | None, document: str, diff: Diff) -> str:
    if dossier is None:
        return diff.departement
    if document == "programme" and dossier.programme is not None:
        return dossier.programme.titre
    return dossier.pacte.meta.titre


def _act(dossier: Dossier | None, since: Dossier | None = None) -> str:
    """How the cover names a version: the act, its edition and its signing date (never a path).

    A revised version keeps the signed act's date in its metadata: it is named by its edition,
    and by a date only when that date is its own.
    """
    if dossier is None:
        return "—"
    meta = dossier.pacte.meta
    parts = [meta.intitule]
    if meta.edition:
        parts.append(f"édition {meta.edition}")
    signed = since.pacte.meta.date_signature if since is not None else None
    if meta.date_signature and meta.date_signature != signed:
        parts.append(f"signé le {date_fr(meta.date_signature)}")
    avenant = dossier.avenants.numero(None) if since is not None and dossier.avenants else None
    if avenant is not None:
        # The revision is named by the avenant that makes it, as avenants.yaml states it.
        quand = f" signé le {date_fr(avenant.date_signature)}" if avenant.date_signature else " (projet)"
        parts.append(f"modifié par l’avenant n° {avenant.numero}{quand}")
    return ", ".join(parts)


def comparatif_outputs(comparison: Comparison, *, html: bool, pdf: bool) -> dict[str, bytes]:
    """The tableau comparatif as files: ``{"html": …, "pdf": …}``, for the ones asked."""
    files: dict[str, bytes] = {}
    if html:
        files["html"] = render_comparatif(comparison.diffs, comparison.models, for_print=False).encode("utf-8")
    if pdf:
        from ..resources import fonts_uri, shipped_path
        from .pdf import render_pdf

        fonts = fonts_uri()
        printable = render_comparatif(comparison.diffs, comparison.models, for_print=True, font_base=fonts)
        files["pdf"] = render_pdf(printable, base=Path.cwd(), roots=[shipped_path("assets")],
                                  date=comparison.date).octets
    return files
