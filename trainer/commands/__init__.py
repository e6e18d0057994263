"""The `trainer` subcommands, grouped by who uses them."""
