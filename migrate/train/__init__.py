"""Training TransCoder-style models: corpora, objectives, the training loop.

`corpus` builds deduplicated, benchmark-free function corpora as binary shards;
`trainer` runs the objectives (mlm, dae, bt, st, supervised) on one CPU process or
under torchrun. Everything heavy (torch, tree-sitter, sentencepiece) is imported
inside the functions that need it.
"""
