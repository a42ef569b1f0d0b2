"""One module per kind of item. Each exposes `extract(doc, reply)`, reading the
Document and what earlier extractors put on the Reply (meta before figures,
figures before commitments), and returns its items."""
