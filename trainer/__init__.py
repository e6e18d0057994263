"""Pitch Trainer: learn a company's sales story word for word, offline, in the terminal."""

__version__ = "0.1.0"
