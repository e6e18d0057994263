"""Recording through the microphone recorder, on a fake sound card that "hears" a real WAV file."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from fake_audio_device import FakeAudioDevice, can_synthesize, synthesize
from speech_files import write_wav

from trainer.speech import read_wav
from trainer.speech.recorder import (
    MicrophoneRecorder,
    RecorderError,
    has_output_device,
    load_sounddevice,
    peak_level,
    play_wav,
)
from trainer.speech.recorder import (
    write_wav as save_wav,
)


def record(device: FakeAudioDevice, **options: object) -> MicrophoneRecorder:
    recorder = MicrophoneRecorder(device, **options)  # type: ignore[arg-type]
    recorder.start()
    assert device.fed.wait(5), "the fake device never finished feeding"
    return recorder


@pytest.mark.skipif(not can_synthesize(), reason="needs flite or espeak-ng, and sox (apt-get install flite sox)")
def test_recording_returns_the_samples_the_microphone_heard(tmp_path: Path) -> None:
    wav = synthesize("Can we run a two-week trial on your worst line?", tmp_path / "said.wav")
    device = FakeAudioDevice(wav)
    recorder = record(device)
    assert recorder.seconds == pytest.approx(read_wav(wav).seconds, abs=0.01)
    assert 0 <= recorder.level <= 1
    audio = recorder.stop()
    assert (audio.sample_rate, audio.channels) == (16_000, 1)
    assert audio.samples == device.samples
    kept = save_wav(audio, tmp_path / "kept.wav")
    assert read_wav(kept).samples == device.samples  # what is kept is what was heard, byte for byte


def test_the_level_follows_the_loudness(tmp_path: Path) -> None:
    loud = write_wav(tmp_path / "tone.wav", 0.5)  # a tone at a quarter of full scale
    recorder = record(FakeAudioDevice(loud))
    assert recorder.level == pytest.approx(8000 / 32768, abs=0.01)
    assert peak_level(bytes(3200)) == 0.0
    recorder.stop()


def test_a_device_that_refuses_16_khz_records_at_its_own_rate(tmp_path: Path) -> None:
    wav = write_wav(tmp_path / "tone44.wav", 0.5, rate=44_100)
    device = FakeAudioDevice(wav, refuse_rates=(16_000,))
    audio = record(device).stop()
    assert device.opened_at == [44_100]
    assert audio.sample_rate == 44_100


def test_no_microphone_is_one_clear_message(tmp_path: Path) -> None:
    with pytest.raises(RecorderError, match="no microphone found"):
        MicrophoneRecorder(FakeAudioDevice(microphone=False)).start()


def test_a_microphone_that_will_not_start_is_one_clear_message(tmp_path: Path) -> None:
    device = FakeAudioDevice(write_wav(tmp_path / "t.wav", 0.2), fail_on_start=True)
    with pytest.raises(RecorderError, match=r"could not start recording: .*Device unavailable"):
        MicrophoneRecorder(device).start()


def test_a_microphone_that_goes_away_mid_recording_is_reported_not_scored(tmp_path: Path) -> None:
    device = FakeAudioDevice(write_wav(tmp_path / "t.wav", 2.0), vanish_after_blocks=5)
    recorder = MicrophoneRecorder(device)
    recorder.start()
    deadline = time.monotonic() + 5
    while recorder.failure is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert recorder.failure and "stopped during the recording" in recorder.failure
    assert recorder.seconds == pytest.approx(0.5)
    with pytest.raises(RecorderError, match="unplugged"):
        recorder.stop()


def test_a_device_error_when_stopping_is_one_clear_message(tmp_path: Path) -> None:
    device = FakeAudioDevice(write_wav(tmp_path / "t.wav", 0.3), fail_on_stop=True)
    recorder = record(device)
    with pytest.raises(RecorderError, match="the microphone failed: Error stopping stream"):
        recorder.stop()


def test_silence_from_a_muted_device_is_nothing_recorded(tmp_path: Path) -> None:
    device = FakeAudioDevice(None)  # a microphone that delivers no samples at all
    recorder = record(device)
    with pytest.raises(RecorderError, match="nothing was recorded"):
        recorder.stop()


def test_without_sounddevice_recording_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", None)  # what an install without the voice extra has
    with pytest.raises(RecorderError, match=r"pitch-trainer\[voice\]"):
        load_sounddevice()
    with pytest.raises(RecorderError, match=r"pitch-trainer\[voice\]"):
        MicrophoneRecorder().start()
    assert has_output_device() is False


def test_without_the_portaudio_library_recording_names_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # sounddevice itself raises OSError at import when the PortAudio shared library is missing.
    (tmp_path / "sounddevice.py").write_text("raise OSError('PortAudio library not found')\n")
    monkeypatch.delitem(sys.modules, "sounddevice", raising=False)
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(RecorderError, match="apt-get install libportaudio2"):
        load_sounddevice()


def test_playback_goes_to_the_output_device(tmp_path: Path) -> None:
    wav = write_wav(tmp_path / "t.wav", 0.3)
    speaker = FakeAudioDevice(speaker=True)
    assert has_output_device(speaker)
    assert not has_output_device(FakeAudioDevice(speaker=False))
    play_wav(wav, speaker)
    assert speaker.played == [(read_wav(wav).samples, 16_000)]
