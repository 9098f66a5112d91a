"""The named mutex that tells the Windows installer opsdesk is running.

Every opsdesk process on Windows (the window, the waiting-room display, the console companion)
holds a mutex named ``opsdesk-running`` in its session's namespace and, where Windows allows it,
in the global one (another account logged in on the same PC). The installer
(installer/opsdesk.nsi) refuses to upgrade or uninstall while either exists; Windows closes
the mutex when the process ends, however it ends. Elsewhere this does nothing.
"""

from __future__ import annotations

import logging
import sys

log = logging.getLogger("opsdesk")

MUTEX_NAME = "opsdesk-running"
_handles: list[int] = []


def mutex_names() -> tuple[str, str]:
    return f"Local\\{MUTEX_NAME}", f"Global\\{MUTEX_NAME}"


def hold_running_mark() -> bool:
    """Create the mutexes (once per process); True when at least one is held."""
    if sys.platform != "win32":
        return False
    if _handles:
        return True
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.CreateMutexW.restype = ctypes.c_void_p
    kernel32.CreateMutexW.argtypes = (ctypes.c_void_p, ctypes.c_int, ctypes.c_wchar_p)
    for name in mutex_names():
        handle = kernel32.CreateMutexW(None, 0, name)
        if handle:
            _handles.append(handle)  # kept open until the process ends
        else:
            log.debug("mutex %s not created (error %s)", name, ctypes.get_last_error())
    return bool(_handles)
