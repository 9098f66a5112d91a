"""GUI tests wait for what a screen runs off the GUI thread (``ui/operation.py``), as the
person waits for the answer on the screen."""

from opsdesk.ui.operation import operations


def operations_done(qtbot, timeout: int = 10_000) -> None:
    qtbot.waitUntil(lambda: operations().running == 0, timeout=timeout)


class SlowServer:
    """A service method that waits for ``answer`` before it answers, as over a busy or
    distant server; ``calls`` counts the calls that reached it.

        with slow_server(monkeypatch, type(services.hours), "record") as slow:
            dialog.save()
            ...  # the window goes on meanwhile (``slow.ticks`` counts its event loop)
        operations_done(qtbot)  # after the ``with``: the server has answered
    """

    def __init__(self, monkeypatch, owner, name: str) -> None:
        import threading

        from PySide6.QtCore import QTimer

        self.answer = threading.Event()
        self.calls: list[tuple] = []
        self._ticks: list[int] = []
        self._timer = QTimer()
        self._timer.timeout.connect(lambda: self._ticks.append(1))
        real = getattr(owner, name)

        def slow(*args, **kwargs):
            self.calls.append(args[1:] if args else ())
            assert self.answer.wait(10), "the test never let the slow server answer"
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, slow)

    @property
    def ticks(self) -> int:
        """How often the GUI thread's event loop ran a 20 ms timer meanwhile (≥ 5: the
        window never froze)."""
        return len(self._ticks)

    def __enter__(self) -> "SlowServer":
        self._timer.start(20)
        return self

    def __exit__(self, *exc) -> None:
        self.answer.set()
        self._timer.stop()


def slow_server(monkeypatch, owner, name: str) -> SlowServer:
    return SlowServer(monkeypatch, owner, name)


class ServerAway:
    """A service method that is refused as by a server out of reach (``ServerUnavailable``)
    until the test says ``back()``; ``tries`` counts the calls that reached it. Screens'
    first reads are asked again shortly (``ui.operation.run_first_read``: made 100 ms here).

        away = server_away(monkeypatch, type(services.boards), "teams")
        ...  # the screen says the refusal and asks again
        away.back()
    """

    def __init__(self, monkeypatch, owner, name: str) -> None:
        from opsdesk.errors import ServerUnavailable
        from opsdesk.ui import operation

        monkeypatch.setattr(operation, "RETRY_AFTER_MS", 100)
        self.tries: list[int] = []
        self._away = True
        real = getattr(owner, name)

        def refused_while_away(*args, **kwargs):
            self.tries.append(1)
            if self._away:
                raise ServerUnavailable("Brak połączenia z serwerem bazy danych.")
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, refused_while_away)

    def back(self) -> None:
        self._away = False


def server_away(monkeypatch, owner, name: str) -> ServerAway:
    return ServerAway(monkeypatch, owner, name)


def others_commit_seen(qtbot, watcher, timeout: int = 3000) -> None:
    """What a screen's change watcher (``ui/change_watcher.py``) does on its timer after
    another workstation's commit, until it has seen that commit: on a file at the first
    poll, on a server once PostgreSQL's notice has come (``LISTEN``: a moment later)."""
    seen: list[int] = []

    def note() -> None:
        seen.append(1)

    watcher.changed.connect(note)
    try:
        qtbot.waitUntil(lambda: watcher.poll() or bool(seen), timeout=timeout)
    finally:
        watcher.changed.disconnect(note)
