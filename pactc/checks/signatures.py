"""Signature checks: the signatories sign, and only they do."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Severity
from ..model import Dossier
from .registry import Finding, check, finding


@check("PCT030", "signataire-sans-signature", Severity.WARNING)
def signatory_without_signature(dossier: Dossier) -> Iterator[Finding]:
    """Un partenaire signataire n'a pas de bloc de signature.

    Les partenaires d'une catégorie marquée ``signataire: true`` s'engagent
    en signant le pacte : chacun doit avoir une entrée dans ``signatures``.

    Correction : ajoutez sa signature, ou rangez le partenaire dans une
    catégorie non signataire s'il ne signe pas.
    """
    pacte = dossier.pacte
    signed = {s.partenaire for s in pacte.signatures}
    for p in pacte.signataires_attendus():
        if p.id not in signed:
            yield finding(pacte, p.chemin + ("id",),
                          f"le partenaire signataire « {p.id} » ne signe pas : ajoutez une entrée "
                          f"« - partenaire: {p.id} » à signatures")


@check("PCT031", "signature-non-signataire", Severity.WARNING)
def signature_by_non_signatory(dossier: Dossier) -> Iterator[Finding]:
    """Une signature est donnée pour un partenaire qui n'est pas signataire.

    Seuls les partenaires d'une catégorie ``signataire: true`` signent le
    pacte. Une signature pour un autre partenaire révèle en général une
    erreur de catégorie.

    Correction : rangez le partenaire dans une catégorie signataire, ou
    retirez la signature.
    """
    pacte = dossier.pacte
    expected = {p.id for p in pacte.signataires_attendus()}
    partners = pacte.partenaires_par_id
    for s in pacte.signatures:
        if s.partenaire in partners and s.partenaire not in expected:
            yield finding(pacte, s.chemin + ("partenaire",),
                          f"« {s.partenaire} » signe mais sa catégorie « {partners[s.partenaire].categorie} » "
                          "n'est pas signataire : mettez « signataire: true » sur la catégorie ou retirez "
                          "la signature")
