"""The Textual practice app. Start it with :func:`trainer.tui.app.run_app`."""
