"""The monitoring bilan: where each fiche stands and what each indicator reached, on a chosen date.

A synthesis (fiches by status per axis, indicators on or off track), then one
section per fiche: its status in words, its calendar against the date, and a
table of baseline, targets, values and gaps with a small chart beside it; then
the missing data. The same figures are exported as CSV. « En retard » is
computed from the calendar, never read from the data.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from markupsafe import Markup

from ..model import Dossier, Fiche
from ..model.suivi import STATUTS, IndicateurSuivi, Suivi, en_retard
from .html import render_template, stylesheet
from .markdown import Abbreviations
from .typography import date_fr

#: How an indicator stands against its target, in words.
ETATS = {"atteint": "cible atteinte", "en_deca": "en deçà de la cible", "sans_cible": "sans cible pour l’année",
         "sans_valeur": "aucune valeur réalisée", "qualitatif": "indicateur qualitatif"}


def nombre_fr(valeur: float | None) -> str:
    """« 1 234,5 », « 12 »: a number as French readers write it (— when absent)."""
    if valeur is None:
        return "—"
    texte = f"{valeur:,.1f}".rstrip("0").rstrip(".") if valeur != int(valeur) else f"{int(valeur):,}"
    return texte.replace(",", "\u202f").replace(".", ",")


@dataclass(frozen=True)
class LigneAnnee:
    """One year of an indicator: its target, what was reached (or estimated), the gap."""

    annee: int
    cible: float | None
    realise: float | None
    estimation: float | None
    ecart: float | None


@dataclass(frozen=True)
class VueIndicateur:
    """An indicator as the bilan shows it."""

    indicateur: IndicateurSuivi
    lignes: tuple[LigneAnnee, ...]
    textes: tuple[tuple[str, str], ...]  # a qualitative indicator's (period, text)
    etat: str
    graphique: Markup


@dataclass(frozen=True)
class VueFiche:
    """A fiche as the bilan shows it."""

    fiche: Fiche
    lieu: str
    statut: str | None
    depuis: str | None
    part: float | None
    retard: bool
    calendrier: str
    motif: str
    commentaire: str
    indicateurs: tuple[VueIndicateur, ...]

    @property
    def statut_en_mots(self) -> str:
        """« en cours, en retard », « non renseigné »…: never a colour alone."""
        mots = STATUTS.get(self.statut or "", "non renseigné")
        return f"{mots}, en retard" if self.retard else mots


@dataclass(frozen=True)
class Bilan:
    """Everything the bilan prints, computed once."""

    date: str
    titre: str
    exemple: bool
    avertissement: str | None
    fiches: tuple[VueFiche, ...]
    synthese: tuple[tuple[str, dict[str, int]], ...]  # (axis, counts by status word)
    indicateurs: dict[str, int]
    manquantes: tuple[str, ...]


def bilan(dossier: Dossier, date: str) -> Bilan:
    """The bilan of ``dossier``'s programme on ``date`` (AAAA-MM-JJ): only data entered by then counts."""
    assert dossier.programme is not None and dossier.suivi is not None
    suivi, programme = dossier.suivi, dossier.programme
    fiches = tuple(_fiche(f, suivi, date, dossier) for f in programme.fiches)
    synthese: dict[str, dict[str, int]] = {}
    for vue in fiches:
        counts = synthese.setdefault(vue.lieu.split(" — ")[0], {})
        counts[vue.statut_en_mots] = counts.get(vue.statut_en_mots, 0) + 1
    etats: dict[str, int] = {}
    for vue in fiches:
        for i in vue.indicateurs:
            etats[ETATS[i.etat]] = etats.get(ETATS[i.etat], 0) + 1
    return Bilan(date, f"Bilan du suivi — {programme.titre}", suivi.exemple, suivi.avertissement, fiches,
                 tuple(synthese.items()), etats, _manquantes(fiches, suivi, date))


def _fiche(fiche: Fiche, suivi: Suivi, date: str, dossier: Dossier) -> VueFiche:
    etat = suivi.etat(fiche.id, date)
    annees = fiche.annees or suivi.calendrier(fiche.id)
    noeud = dossier.pacte.noeuds_par_id.get(fiche.axe) or next(
        (n for n in dossier.programme.tous_les_noeuds() if n.id == fiche.axe), None) if dossier.programme else None
    lieu = f"{noeud.libelle} — {fiche.libelle}" if noeud is not None and noeud.libelle else fiche.libelle
    calendrier = (f"{min(annees)}" if min(annees) == max(annees) else f"{min(annees)}–{max(annees)}") if annees \
        else "non renseigné"
    return VueFiche(fiche, lieu, etat.statut if etat else None, etat.date if etat else None,
                    etat.part if etat else None, en_retard(annees, etat.statut if etat else None, date),
                    calendrier, etat.motif if etat else "", etat.commentaire if etat else "",
                    tuple(_indicateur(i, suivi, date) for i in suivi.indicateurs if i.fiche == fiche.id))


def _indicateur(indicateur: IndicateurSuivi, suivi: Suivi, date: str) -> VueIndicateur:
    annee_du_bilan = int(date[:4])
    connues = [o for o in suivi.observations_de(indicateur.id)
               if o.annee is not None and o.annee <= annee_du_bilan and (not o.saisi_le or o.saisi_le <= date)]
    if not indicateur.numerique:
        textes = tuple((o.periode, o.valeur) for o in connues if o.nature == "realise")
        return VueIndicateur(indicateur, (), textes, "qualitatif", Markup(""))
    annees = sorted({a for a, _ in indicateur.cibles if a <= annee_du_bilan} | {o.annee for o in connues if o.annee})
    lignes = []
    for annee in annees:
        realise = next((o.nombre for o in reversed(connues) if o.annee == annee and o.nature == "realise"), None)
        estimation = next((o.nombre for o in reversed(connues) if o.annee == annee and o.nature == "estimation"), None)
        cible = indicateur.cible(annee)
        saisie = next((o.nombre for o in reversed(connues) if o.annee == annee and o.nature == "cible"), None)
        cible = cible if cible is not None else saisie
        ecart = realise - cible if realise is not None and cible is not None else None
        lignes.append(LigneAnnee(annee, cible, realise, estimation, ecart))
    return VueIndicateur(indicateur, tuple(lignes), (), _etat(indicateur, lignes), _graphique(indicateur, lignes))


def _etat(indicateur: IndicateurSuivi, lignes: list[LigneAnnee]) -> str:
    dernier = next((ligne for ligne in reversed(lignes) if ligne.realise is not None), None)
    if dernier is None:
        return "sans_valeur"
    if dernier.cible is None or dernier.ecart is None:
        return "sans_cible"
    bon = dernier.ecart <= 0 if indicateur.sens == "baisse" else dernier.ecart >= 0
    return "atteint" if bon else "en_deca"


def _graphique(indicateur: IndicateurSuivi, lignes: list[LigneAnnee]) -> Markup:
    """Bars for what was reached, a tick for each target: small, in black and white, with a text alternative."""
    points = [ligne for ligne in lignes if ligne.realise is not None or ligne.cible is not None]
    if not points:
        return Markup("")
    haut = max(max(x.realise or 0, x.cible or 0) for x in points) or 1
    largeur, hauteur, pas = 240, 90, 240 // max(len(points), 1)
    alt = " ; ".join(f"{x.annee} : réalisé {nombre_fr(x.realise)}, cible {nombre_fr(x.cible)}" for x in points)
    ident = f"g-{indicateur.id}"
    parts = [Markup('<svg xmlns="http://www.w3.org/2000/svg" role="img" class="graphique-suivi" width="{w}" '
                    'height="{h}" viewBox="0 0 {w} {h}" aria-labelledby="{i}-t"><title id="{i}-t">{t}</title>')
             .format(w=largeur, h=hauteur, i=ident, t=f"{indicateur.libelle} — {alt}")]
    for k, x in enumerate(points):
        gauche = k * pas + pas // 4
        if x.realise is not None:
            h = max(1, round(60 * max(x.realise, 0) / haut))
            parts.append(Markup('<rect x="{}" y="{}" width="{}" height="{}" fill="#1d2733"/>')
                         .format(gauche, 70 - h, pas // 2, h))
        if x.cible is not None:
            y = 70 - round(60 * max(x.cible, 0) / haut)
            parts.append(Markup('<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#8a3a2a" stroke-width="2" '
                                'stroke-dasharray="3 2"/>').format(gauche - 3, gauche + pas // 2 + 3, y, y))
        parts.append(Markup('<text x="{}" y="84" font-family="Lato" font-size="9" text-anchor="middle">{}</text>')
                     .format(gauche + pas // 4, x.annee))
    parts.append(Markup('<line x1="0" x2="{}" y1="70" y2="70" stroke="#b9a79f"/></svg>').format(largeur))
    return Markup("").join(parts)


def _manquantes(fiches: tuple[VueFiche, ...], suivi: Suivi, date: str) -> tuple[str, ...]:
    manque = []
    for vue in fiches:
        if vue.statut is None:
            manque.append(f"{vue.lieu} : aucun avancement saisi au {date_fr(date)}")
        if not vue.indicateurs:
            manque.append(f"{vue.lieu} : aucun indicateur suivi")
        for i in vue.indicateurs:
            if i.etat == "sans_valeur":
                manque.append(f"{vue.lieu} — {i.indicateur.libelle} : aucune valeur réalisée")
            elif i.etat == "sans_cible":
                manque.append(f"{vue.lieu} — {i.indicateur.libelle} : pas de cible pour la dernière année renseignée")
    return tuple(manque)


def render_bilan(dossier: Dossier, date: str, *, font_base: str) -> str:
    """The bilan as one HTML page."""
    vue = bilan(dossier, date)
    return render_template("bilan.html.j2", Abbreviations({g.sigle: g.definition for g in dossier.pacte.glossaire}),
                           b=vue, ETATS=ETATS, STATUTS=STATUTS, nombre_fr=nombre_fr,
                           css=Markup(stylesheet(font_base)), departement=dossier.pacte.meta.departement)


def bilan_csv(dossier: Dossier, date: str) -> bytes:
    """The bilan's figures, one row per fiche, indicator and year, as French spreadsheets read CSV."""
    vue = bilan(dossier, date)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["fiche", "libelle", "statut", "en_retard", "indicateur", "annee", "cible", "realise",
                     "estimation", "ecart", "etat"])
    for f in vue.fiches:
        base = [f.fiche.id, f.lieu, STATUTS.get(f.statut or "", ""), "oui" if f.retard else "non"]
        if not f.indicateurs:
            writer.writerow([*base, "", "", "", "", "", "", ""])
        for i in f.indicateurs:
            for ligne in i.lignes or (LigneAnnee(0, None, None, None, None),):
                writer.writerow([*base, i.indicateur.id, ligne.annee or "", _csv(ligne.cible), _csv(ligne.realise),
                                 _csv(ligne.estimation), _csv(ligne.ecart), ETATS[i.etat]])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv(valeur: float | None) -> str:
    return "" if valeur is None else f"{valeur:g}".replace(".", ",")


def bilan_outputs(dossier: Dossier, date: str, *, pdf: bool) -> dict[str, bytes]:
    """The bilan on ``date`` as files: ``bilan-AAAA-MM-JJ.html``, ``.csv`` and, with ``pdf``, ``.pdf``."""
    files = {f"bilan-{date}.html": render_bilan(dossier, date, font_base="../_assets/fonts").encode("utf-8"),
             f"bilan-{date}.csv": bilan_csv(dossier, date)}
    if pdf:
        from pathlib import Path

        from ..resources import fonts_uri, shipped_path
        from .pdf import render_pdf

        fonts = fonts_uri()
        printable = render_bilan(dossier, date, font_base=fonts)
        files[f"bilan-{date}.pdf"] = render_pdf(printable, base=Path.cwd(), roots=[shipped_path("assets")],
                                                date=date).octets
    return files
