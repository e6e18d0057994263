"""Practice logic without a user interface: what to practise, memorize steps, objection decks, scenario runs.

Everything here is pure and synchronous so it can be tested without Textual; the app in :mod:`trainer.tui`
only renders it.
"""
