"""Damaging database files on purpose, as a failing disk or a killed copy would."""

import os
import random
from pathlib import Path

PAGE = 4096


def overwrite_page(path: Path, page_number: int, seed: int = 1) -> None:
    """Fill one page (1-based) with random bytes; the file keeps its size."""
    data = bytearray(Path(path).read_bytes())
    start = (page_number - 1) * PAGE
    assert start + PAGE <= len(data), f"{path} has fewer than {page_number} pages"
    data[start : start + PAGE] = random.Random(seed).randbytes(PAGE)
    Path(path).write_bytes(bytes(data))


def damage_middle(path: Path, seed: int = 1) -> None:
    """Overwrite a page in the middle of the file (a table or index page)."""
    pages = Path(path).stat().st_size // PAGE
    overwrite_page(path, max(2, pages // 2), seed)


def damage_header(path: Path) -> None:
    """Destroy the file header and schema page: SQLite no longer sees a database."""
    data = bytearray(Path(path).read_bytes())
    data[0:PAGE] = os.urandom(PAGE)
    Path(path).write_bytes(bytes(data))


def truncate(path: Path, keep: float = 0.5) -> None:
    size = Path(path).stat().st_size
    with open(path, "r+b") as fh:
        fh.truncate(int(size * keep) // PAGE * PAGE)
