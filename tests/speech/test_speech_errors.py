"""What a rep sees when speech cannot work: a bad recording, no voice extra, a tampered model. One line each,
never a traceback; none of these needs the voice extra installed."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from speech_files import write_wav

from trainer.cli import main
from trainer.speech import AudioError, ModelChoice, SpeechError, read_wav, resolve_model
from trainer.speech.models import INSTALL_HINT, MODEL_ENV, packaged_model_dir


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result.exit_code, result.stdout, result.stderr


def test_a_16_bit_wav_is_read_with_its_layout(tmp_path: Path) -> None:
    audio = read_wav(write_wav(tmp_path / "a.wav", 1.5, rate=44_100, channels=2))
    assert (audio.sample_rate, audio.channels) == (44_100, 2)
    assert audio.seconds == pytest.approx(1.5, abs=0.001)


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda p: p.write_text("not audio at all"), "not a 16-bit PCM WAV file"),
        (lambda p: write_wav(p, 0.5, width=1), "8-bit samples; only 16-bit PCM WAV is read"),
        (lambda p: write_wav(p, 0.0), "the recording is empty"),
        (lambda p: None, "no such file"),
    ],
    ids=["text", "8-bit", "empty", "missing"],
)
def test_a_bad_recording_is_one_line_naming_the_file(tmp_path: Path, make, says: str) -> None:
    path = tmp_path / "take.wav"
    make(path)
    with pytest.raises(AudioError, match=says):
        read_wav(path)
    for command in (["transcribe", str(path)], ["score", "--reference", str(path), "--audio", str(path)]):
        if command[0] == "score" and not path.exists():
            command[2] = str(write_reference(tmp_path))
        code, out, err = run(*command)
        assert code == 2
        assert out == ""
        assert err.count("\n") == 1 and says in err and str(path) in err
        assert "Traceback" not in err


def write_reference(tmp_path: Path) -> Path:
    reference = tmp_path / "script.txt"
    reference.write_text("Our valves warn you days before they fail.")
    return reference


def test_a_non_wav_format_names_the_converters(tmp_path: Path) -> None:
    path = tmp_path / "take.mp3"
    path.write_bytes(b"ID3\x03\x00\x00\x00" + bytes(200))
    with pytest.raises(AudioError, match=re.escape("sox IN -r 16000 -c 1 -b 16 OUT.wav, or ffmpeg")):
        read_wav(path)


def test_without_the_voice_extra_transcribing_says_how_to_install_it(tmp_path: Path) -> None:
    """A fresh process in which faster_whisper cannot be imported, as in a base install."""
    wav = write_wav(tmp_path / "take.wav", 0.5)
    code = (
        "import sys; sys.modules['faster_whisper'] = None\n"  # importing it now raises ImportError
        "from trainer.cli import main; main()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "transcribe", str(wav)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2
    assert done.stderr == f"Error: {INSTALL_HINT}\n"


def _fake_model_distribution(root: Path, content: bytes) -> str:
    """A real installed distribution (dist-info with a RECORD) holding a ``model.bin``, on ``root``."""
    package, name = "pt_test_models", "pt-test-models"
    folder = root / package / "model"
    folder.mkdir(parents=True)
    (folder / "model.bin").write_bytes(content)
    info = root / "pt_test_models-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (info / "RECORD").write_text(f"{package}/model/model.bin,,\n{package}/__init__.py,,\n")
    return name


def test_a_packaged_model_is_used_only_when_its_hash_matches(tmp_path: Path, monkeypatch) -> None:
    content = b"pretend weights"
    name = _fake_model_distribution(tmp_path, content)
    monkeypatch.syspath_prepend(str(tmp_path))
    good = hashlib.sha256(content).hexdigest()
    assert packaged_model_dir(name, good) == tmp_path / "pt_test_models" / "model"
    with pytest.raises(SpeechError, match=f"refusing the speech model .*model.bin has sha256 {good}, expected 0+;"):
        packaged_model_dir(name, "0" * 64)
    assert packaged_model_dir("no-such-model-package", good) is None


def test_the_model_comes_from_the_option_then_the_environment(tmp_path: Path) -> None:
    folder = tmp_path / "my-model"
    folder.mkdir()
    (folder / "model.bin").write_bytes(b"x")
    assert resolve_model(str(folder), {MODEL_ENV: "base.en"}).model == str(folder)
    assert resolve_model(None, {MODEL_ENV: "base.en"}) == ModelChoice("base.en", "environment")
    with pytest.raises(SpeechError, match=re.escape("is not a speech model folder: it has no model.bin")):
        resolve_model(str(tmp_path), {})


def test_a_folder_that_is_not_a_model_is_one_line_on_the_command_line(tmp_path: Path) -> None:
    pytest.importorskip("faster_whisper", reason="the model is resolved only once faster-whisper is there")
    code, _, err = run("transcribe", str(write_wav(tmp_path / "take.wav", 0.5)), "--speech-model", str(tmp_path))
    assert code == 2
    assert err == f"Error: {tmp_path} (from option) is not a speech model folder: it has no model.bin\n"


def test_score_refuses_a_typed_file_and_a_recording_together(tmp_path: Path) -> None:
    wav = write_wav(tmp_path / "take.wav", 0.5)
    code, _, err = run("score", "--reference", str(write_reference(tmp_path)), str(wav), "--audio", str(wav))
    assert code == 2 and "not both" in err


def test_a_chinese_pitch_stays_typed_and_says_why(tmp_path: Path) -> None:
    wav = write_wav(tmp_path / "take.wav", 0.5)
    code, out, err = run("score", "--pitch", "yunji-core", "--cut", "30s", "--audio", str(wav))
    assert code == 2 and out == ""
    assert err == (
        "Error: spoken practice is English only for now (this pitch is in 'zh'): no offline recognizer for it "
        "is installed; type the recitation instead\n"
    )


def test_a_named_model_that_cannot_be_downloaded_is_one_line(tmp_path: Path) -> None:
    pytest.importorskip("faster_whisper", reason="needs the voice extra: pip install 'pitch-trainer[voice]'")
    wav = write_wav(tmp_path / "take.wav", 0.5)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")}  # as on a machine with no network
    done = subprocess.run(
        [sys.executable, "-m", "trainer", "transcribe", str(wav), "--speech-model", "tiny.en"],
        capture_output=True, text=True, timeout=120, env=env,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("Error: cannot load the speech model tiny.en (from option): ")
    assert done.stderr.endswith(
        "; pass --speech-model PATH, set $TRAINER_SPEECH_MODEL, or install the model: "
        "pip install 'pitch-trainer[voice]'\n"
    )
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_a_stereo_44k_recording_is_mixed_down_and_resampled_for_the_model(tmp_path: Path) -> None:
    np = pytest.importorskip("numpy", reason="numpy comes with the voice extra")
    from trainer.speech.whisper import to_model_input

    samples = to_model_input(read_wav(write_wav(tmp_path / "a.wav", 1.5, rate=44_100, channels=2)))
    assert samples.dtype == np.float32 and len(samples) == 24_000
    assert 0.2 < float(np.abs(samples).max()) < 0.3  # the 8000/32768 tone, both channels alike
