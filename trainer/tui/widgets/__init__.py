"""Widgets the screens share: the marked script, the masked section, the clock, the rating bar."""
