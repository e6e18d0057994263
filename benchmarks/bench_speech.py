"""How fast speech is transcribed and scored, and how much memory it takes: prints JSON.

For a 30-second and a 5-minute clip (the sample library's Ledgerly cuts, synthesized by flite and converted to
16 kHz mono by sox), each in a fresh process so its peak memory is its own:

- ``load_seconds``: loading the model (the packaged Whisper tiny.en, hash-checked first).
- ``transcribe_seconds`` and ``real_time_factor`` (transcription time / audio length). Goal: RTF ≤ 0.1.
- ``first_result_seconds``: load + transcribe + score, what a rep waits after a recording stops when the model
  is not loaded yet. Goal for the 30-second clip: ≤ 3 s.
- ``peak_rss_mb``: the process's peak resident memory. Goal: ≤ 600 MB.

Measured with voice activity detection off (the default) and on. The baseline is the clip's own length
(real time). On a shared, loaded machine the times are upper bounds: ``load_average`` is reported with them.

Run: ``python benchmarks/bench_speech.py`` (needs the voice extra, flite and sox).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

RTF_GOAL, MEMORY_GOAL_MB, FIRST_RESULT_GOAL = 0.1, 600, 3.0


def synthesize(text: str, path: Path, minimum_seconds: float = 0.0) -> Path:
    raw = path.with_suffix(".raw.wav")
    subprocess.run(["flite", "-voice", "slt", "-t", text, "-o", str(raw)], check=True)
    parts = [str(raw)]
    seconds = float(subprocess.run(["soxi", "-D", str(raw)], capture_output=True, text=True, check=True).stdout)
    while seconds * len(parts) < minimum_seconds:
        parts.append(str(raw))
    trim = ["trim", "0", str(minimum_seconds)] if minimum_seconds else []
    subprocess.run(["sox", *parts, "-r", "16000", "-c", "1", "-b", "16", str(path), *trim], check=True)
    return path


def child(wav: str, cut: str, vad: bool) -> None:
    """Runs in its own process: load, transcribe, score; print the timings and the peak memory."""
    from trainer.library import find_library, load_library
    from trainer.library.speaking import speaking_target
    from trainer.scoring import ReferenceSection
    from trainer.speech import read_wav, score_speech
    from trainer.speech.whisper import WhisperTranscriber

    selected = load_library(find_library(None)).pitch("ledgerly-core").practice_version.cuts.get(cut)
    assert selected is not None
    sections = [ReferenceSection(s.name, s.text, tuple(s.key_phrases)) for s in selected.sections]
    started = time.perf_counter()
    transcriber = WhisperTranscriber(vad=vad)
    transcriber._load()
    loaded = time.perf_counter()
    audio = read_wav(wav)
    transcript = transcriber.transcribe(audio)
    transcribed = time.perf_counter()
    result = score_speech(sections, transcript, target_seconds=speaking_target(cut, selected.target_seconds, ""))
    scored = time.perf_counter()
    print(json.dumps({
        "audio_seconds": round(audio.seconds, 1),
        "load_seconds": round(loaded - started, 2),
        "transcribe_seconds": round(transcribed - loaded, 2),
        "real_time_factor": round((transcribed - loaded) / audio.seconds, 3),
        "first_result_seconds": round(scored - started, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "score": result.score,
        "words_heard": len(transcript.words),
    }))


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], sys.argv[4] == "vad")
        return
    if not (shutil.which("flite") and shutil.which("sox")):
        sys.exit("bench_speech needs flite and sox (apt-get install flite sox)")
    from trainer.library import find_library, load_library

    cuts = load_library(find_library(None)).pitch("ledgerly-core").practice_version.cuts
    short, long = cuts.get("30s"), cuts.get("5min")
    assert short is not None and long is not None
    report: dict[str, object] = {"cpu_count": os.cpu_count(), "load_average_before": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory() as folder:
        clips = {
            "30s": synthesize(short.text, Path(folder) / "30s.wav"),
            "5min": synthesize(long.text, Path(folder) / "5min.wav", minimum_seconds=300),
        }
        for vad in ("no-vad", "vad"):
            for cut, wav in clips.items():
                done = subprocess.run(
                    [sys.executable, __file__, "--child", str(wav), cut, vad], capture_output=True, text=True
                )
                if done.returncode:
                    sys.exit(done.stderr.strip().splitlines()[-1])
                report[f"{cut}_{vad}"] = json.loads(done.stdout)
    report["load_average_after"] = os.getloadavg()[0]
    report["goals"] = {
        "real_time_factor": RTF_GOAL, "peak_rss_mb": MEMORY_GOAL_MB, "first_result_seconds_30s": FIRST_RESULT_GOAL
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
