"""Speech on the command line: `trainer transcribe`, and the helpers `trainer score --audio` shares with it."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from .common import EXIT_PROBLEMS, fail, format_option

F = TypeVar("F", bound=Callable[..., Any])


def speech_model_option(func: F) -> F:
    return click.option(
        "--speech-model",
        default=None,
        metavar="PATH|NAME",
        help="Speech model folder or faster-whisper name. Default: $TRAINER_SPEECH_MODEL, else the installed "
        "model package, else tiny.en.",
    )(func)


def transcribe_or_fail(audio_file: Path, speech_model: str | None) -> Any:
    """The transcript of ``audio_file``, or one line saying why there is none (exit 2)."""
    from ..speech import SpeechError, read_wav
    from ..speech.whisper import WhisperTranscriber

    try:
        audio = read_wav(audio_file)
        return WhisperTranscriber(speech_model).transcribe(audio)
    except SpeechError as exc:
        fail(str(exc))


def keep_or_fail(audio_file: Path, database: Path, label: str, when: dt.datetime) -> Path:
    """Copy the recording beside the practice database, or fail before any attempt is stored."""
    from ..store.recordings import keep_recording

    try:
        return keep_recording(audio_file, database, label, when)
    except OSError as exc:
        fail(f"cannot keep the recording {audio_file}: {exc.strerror or exc}", EXIT_PROBLEMS)


@click.command()
@click.argument("audio_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.wav")
@speech_model_option
@format_option("text", "json")
def transcribe(audio_file: Path, speech_model: str | None, output_format: str) -> None:
    """Print what was said in a recording (16-bit PCM WAV), transcribed offline without any script.

    \b
    Examples:
      trainer transcribe take1.wav
      trainer transcribe take1.wav --format json    # every word with its start and end in seconds
    """
    transcript = transcribe_or_fail(audio_file, speech_model)
    if output_format == "json":
        click.echo(json.dumps(transcript.to_dict(), indent=2, ensure_ascii=False))
        return
    click.echo(transcript.text)
