"""Saving a document is all or nothing: a failure leaves no file and no half file."""

from __future__ import annotations

import os

import pytest

from opsdesk.printing import output
from opsdesk.printing.hour_sheet import write_hour_sheet
from opsdesk.printing.output import write_atomically


def test_hour_sheet_is_written_as_a_complete_pdf(tmp_path, make_hour_sheet, pdf_pages):
    target = write_hour_sheet(make_hour_sheet(), tmp_path / "ewidencja-2025-03.pdf")
    data = target.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert "Ewidencja godzin" in pdf_pages(data)[0]
    assert [p.name for p in tmp_path.iterdir()] == ["ewidencja-2025-03.pdf"]


def test_replacing_an_existing_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "raport.pdf"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_new_file_is_readable_by_others(tmp_path):
    target = write_atomically(tmp_path / "raport.pdf", b"%PDF-")
    assert target.stat().st_mode & 0o777 == 0o644


def test_failure_while_replacing_leaves_no_file(tmp_path, monkeypatch):
    def refuse(_source, _target):
        raise OSError("disk full")

    monkeypatch.setattr(output.os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        write_atomically(tmp_path / "raport.pdf", b"%PDF-")
    assert list(tmp_path.iterdir()) == []


def test_failure_keeps_the_old_file_untouched(tmp_path, monkeypatch):
    target = tmp_path / "raport.pdf"
    target.write_bytes(b"old version")

    def fail_fsync(_fd):
        raise OSError("I/O error")

    monkeypatch.setattr(output.os, "fsync", fail_fsync)
    with pytest.raises(OSError):
        write_atomically(target, b"new version")
    assert target.read_bytes() == b"old version"
    assert [p.name for p in tmp_path.iterdir()] == ["raport.pdf"]


def test_a_folder_that_does_not_exist_is_an_error_and_creates_nothing(tmp_path):
    with pytest.raises(OSError):
        write_atomically(tmp_path / "brak" / "raport.pdf", b"%PDF-")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0,
    reason="needs a non-root POSIX user for folder permissions",
)
def test_an_unwritable_folder_is_an_error_and_leaves_nothing(tmp_path):
    folder = tmp_path / "tylko-do-odczytu"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(PermissionError):
            write_atomically(folder / "raport.pdf", b"%PDF-")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_a_document_that_fails_to_build_writes_nothing(tmp_path, make_hour_sheet):
    from opsdesk.services.office.records import OfficeRecord

    data = make_hour_sheet(office=OfficeRecord("OPS", "", "", "", "", "", "", "", b"broken"))
    with pytest.raises(ValueError):
        write_hour_sheet(data, tmp_path / "ewidencja.pdf")
    assert list(tmp_path.iterdir()) == []
