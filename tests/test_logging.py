"""The log file: where opsdesk writes what happened, kept to a few megabytes."""

import logging

import pytest

from opsdesk.logging_setup import LOG_FILE, setup_logging


@pytest.fixture
def opsdesk_logger():
    logger = logging.getLogger("opsdesk")
    saved = logger.handlers[:], logger.level
    logger.handlers = []
    yield logger
    for handler in logger.handlers:
        handler.close()
    logger.handlers, level = saved
    logger.setLevel(level)


def test_records_of_every_opsdesk_logger_reach_the_file(tmp_path, opsdesk_logger):
    path = setup_logging(tmp_path / "logs")
    assert path == tmp_path / "logs" / LOG_FILE
    assert not path.exists()  # nothing logged yet, nothing opened
    logging.getLogger("opsdesk.reception").info("ticket A-001 called")
    logging.getLogger("opsdesk.ui").error("Zażółć gęślą jaźń")
    for handler in opsdesk_logger.handlers:
        handler.flush()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "INFO opsdesk.reception" in lines[0] and lines[0].endswith("ticket A-001 called")
    assert "ERROR opsdesk.ui" in lines[1] and lines[1].endswith("Zażółć gęślą jaźń")


def test_setting_up_twice_writes_each_record_once(tmp_path, opsdesk_logger):
    setup_logging(tmp_path)
    path = setup_logging(tmp_path)
    logging.getLogger("opsdesk.cli").warning("once")
    for handler in opsdesk_logger.handlers:
        handler.flush()
    assert path.read_text(encoding="utf-8").count("once") == 1


def test_the_file_rotates_and_keeps_five_old_ones(tmp_path, opsdesk_logger):
    setup_logging(tmp_path)
    line = "x" * 1000
    for _ in range(2_000 * 7):  # ~14 MB through a 2 MB file
        logging.getLogger("opsdesk.bench").info(line)
    for handler in opsdesk_logger.handlers:
        handler.close()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == [LOG_FILE] + [f"{LOG_FILE}.{n}" for n in range(1, 6)]
    assert all(p.stat().st_size <= 2_000_000 for p in tmp_path.iterdir())
