"""The one error the speech core raises: a single line for the user, never a traceback."""


class SpeechError(Exception):
    """Speech cannot be read, transcribed or scored; the message says why and what to do."""
