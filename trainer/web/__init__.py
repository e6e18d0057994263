"""Serving the practice app to web browsers (``trainer serve``): the HTTP server and the rules it enforces.

A served app is reachable by every web page a rep's browser opens, not only by the rep, so the server checks
who is asking (``Host``, ``Origin``), bounds what a tab may ask for (terminal size, message size), and sends
every asset and header itself; see :mod:`trainer.web.guard` for the rules and :mod:`trainer.web.server` for
where they are applied.
"""
