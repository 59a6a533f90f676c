"""The constructions `explorer.extract.relations.find_links` reads, one module per kind:
`link` and `sentence` are the core (the Link record, role lookups over a sentence),
`pairs` turns found ends into links, `cue_lookup` finds cues and `cue_roles` reads a cue
by its roles; `transfers`, `force`, `ceasing`, `reactions`, `acts_told` (which act told
earlier a reaction is about), `judgements`, `alignment`, `agreements` and `ties` hold the
constructions that go beyond a cue's own roles."""
