"""The waiting-room display's optional spoken call, with Windows' own speech.

PySide6-Essentials has no QtTextToSpeech (docs/machine-facts.md), so a call is spoken by
Windows itself: PowerShell loads .NET's ``System.Speech`` (present on every Windows 10 and
11) and speaks with an installed voice of the language — Polish first ("Microsoft Paulina"
where installed), then the called person's ticket language when it is another and a voice
for it is installed. A language without a voice is skipped, never read by a voice of
another language; elsewhere (Linux, macOS) nothing happens. The text goes to PowerShell in
an environment variable, never inside the command, so nothing typed (a room's name) can
change the command. The process is started and left to finish on its own: the display never
waits for it.

``spoken_lines`` builds what is said (pure, tested); ``speak`` starts the process through a
runner the tests replace.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from opsdesk.domain.ticket_words import ticket_words

if TYPE_CHECKING:
    from opsdesk.services.reception.records import DisplayCall

log = logging.getLogger("opsdesk.ui")

VOICE_CULTURES = {"pl": "pl-PL", "uk": "uk-UA", "en": "en-US"}
ENVIRONMENT_KEY = "OPSDESK_SPEECH"  # one line per sentence: culture, a tab, the text

# Speaks each line of $env:OPSDESK_SPEECH with the first enabled voice of its culture (en-*
# for English); lines without a voice are skipped.
SCRIPT = (
    "Add-Type -AssemblyName System.Speech; "
    "$s = New-Object System.Speech.Synthesis.SpeechSynthesizer; "
    "$voices = @($s.GetInstalledVoices() | Where-Object { $_.Enabled }); "
    f'foreach ($line in ($env:{ENVIRONMENT_KEY} -split "`n")) {{ '
    '$culture, $text = $line -split "`t", 2; '
    "$v = $voices | Where-Object { $_.VoiceInfo.Culture.Name -eq $culture } "
    "| Select-Object -First 1; "
    "if (-not $v -and $culture -like 'en-*') { "
    "$v = $voices | Where-Object { $_.VoiceInfo.Culture.Name -like 'en-*' } "
    "| Select-Object -First 1 }; "
    "if ($v -and $text) { $s.SelectVoice($v.VoiceInfo.Name); $s.Speak($text) } }"
)

Runner = Callable[..., Any]


def spoken_ticket(ticket: str) -> str:
    """A ticket as it is said: "Ś-012" -> "Ś 12" (no "minus", no leading zeros)."""
    letter, _dash, number = ticket.partition("-")
    if number.isdigit():
        return f"{letter} {int(number)}"
    return ticket


def _clean(text: str) -> str:
    return " ".join(text.split())  # no tab or new line can split a sentence


def spoken_lines(call: DisplayCall) -> list[tuple[str, str]]:
    """What is said for a call, as (voice culture, sentence): in Polish, then in the called
    person's ticket language when it is another. A repeated call says which call it is."""
    languages = ["pl"] + ([call.language] if call.language in VOICE_CULTURES else [])
    lines = []
    for language in dict.fromkeys(languages):
        words = ticket_words(language)
        text = words.spoken.format(ticket=spoken_ticket(call.ticket), place=call.place)
        if call.recalls:
            text += " " + words.nth_call.format(n=call.recalls + 1).capitalize() + "."
        lines.append((VOICE_CULTURES[language], _clean(text)))
    return lines


def powershell() -> str:
    """Windows PowerShell 5.1, present on every Windows 10 and 11."""
    root = os.environ.get("SystemRoot", r"C:\Windows")
    path = Path(root) / "System32" / "WindowsPowerShell" / "v1.0" / "powershell.exe"
    return str(path) if path.exists() else "powershell.exe"


def speech_command() -> list[str]:
    return [powershell(), "-NoProfile", "-NonInteractive", "-Command", SCRIPT]


def speech_environment(
    lines: Sequence[tuple[str, str]], base: Mapping[str, str] | None = None
) -> dict[str, str]:
    environment = dict(os.environ if base is None else base)
    environment[ENVIRONMENT_KEY] = "\n".join(f"{culture}\t{text}" for culture, text in lines)
    return environment


def speak(
    call: DisplayCall, runner: Runner = subprocess.Popen, platform: str = sys.platform
) -> bool:
    """Say ``call`` with Windows' speech; False (and nothing happens) elsewhere or when
    PowerShell cannot be started. Never waits for the speech to end."""
    if platform != "win32":
        return False
    options: dict[str, Any] = {
        "env": speech_environment(spoken_lines(call)),
        "stdin": subprocess.DEVNULL,
        "stdout": subprocess.DEVNULL,
        "stderr": subprocess.DEVNULL,
        "creationflags": getattr(subprocess, "CREATE_NO_WINDOW", 0),
    }
    try:
        runner(speech_command(), **options)
    except OSError:
        log.warning("the call could not be spoken (PowerShell did not start)", exc_info=True)
        return False
    return True
