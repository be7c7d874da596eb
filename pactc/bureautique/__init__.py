"""Word processors in and out: a pact as ODT and DOCX for circulation, and an existing document imported as a draft.

Export reads the printable HTML that every registered document already
renders (:mod:`.blocs` turns it into blocks: headings, paragraphs, lists,
tables, the signature page), so each document exports the same way and the
text is the one the PDF prints. :mod:`.docx` and :mod:`.odt` write those
blocks with the word processor's own structures: heading styles (and a table
of contents built on them), real lists and tables, French as the document
language. The semantic styles (« pactc Partenaire », « pactc Engagement »…)
let :mod:`.importer` read a pactc export back exactly; a foreign document is
read from its headings, lists and tables.
"""
