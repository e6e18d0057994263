"""Rich renderings of content and results for the command line (the app has its own widgets)."""
