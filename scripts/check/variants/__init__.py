"""Generators of checker-corpus variants, one module per rule group
(see ../make_invalid_models.py)."""
