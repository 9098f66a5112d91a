"""The waiting-room display's chime on a new call.

PySide6-Essentials has no QtMultimedia (docs/machine-facts.md), so the chime is a short WAV
made here (two soft tones, a "ding-dong") and played by the platform's own player: on Windows
``winsound`` (in the standard library), on a thread so the display never waits for it;
elsewhere the system's beep. Spoken calls would need QtTextToSpeech, which is in the much
larger PySide6-Addons: not shipped, so the display does not speak.
"""

from __future__ import annotations

import io
import math
import struct
import sys
import threading
import wave
from functools import cache

from PySide6.QtWidgets import QApplication

RATE = 22_050
TONES = ((659.25, 0.35), (523.25, 0.55))  # E5 then C5, seconds each


@cache
def chime_wav() -> bytes:
    """The chime as a 16-bit mono WAV (about 0.9 s), each tone fading out."""
    frames = bytearray()
    for frequency, seconds in TONES:
        count = int(RATE * seconds)
        for i in range(count):
            fade = math.exp(-4.0 * i / count)
            sample = 0.45 * fade * math.sin(2 * math.pi * frequency * i / RATE)
            frames += struct.pack("<h", int(sample * 32767))
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(bytes(frames))
    return out.getvalue()


def play_chime() -> None:
    if sys.platform == "win32":
        import winsound

        threading.Thread(
            target=winsound.PlaySound, args=(chime_wav(), winsound.SND_MEMORY), daemon=True
        ).start()
    else:
        QApplication.beep()
