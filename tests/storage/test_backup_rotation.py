"""Rotation: the newest backup of each of the last 14 days and of the last 12 months."""

from datetime import datetime, timedelta

from opsdesk.storage import backup
from opsdesk.storage.rotation import RotationPolicy, to_delete


def moments(start: datetime, days: int, per_day: int = 2) -> list[datetime]:
    return [start + timedelta(days=d, hours=8 + 9 * k) for d in range(days) for k in range(per_day)]


def kept(times, policy):
    doomed = set(to_delete(times, lambda t: t, policy))
    return sorted(t for t in times if t not in doomed)


def test_a_year_and_a_half_of_starts_and_exits_keeps_14_days_and_12_months():
    times = moments(datetime(2025, 6, 1), 540)  # to 22.11.2026, two backups a day
    result = kept(times, RotationPolicy())
    newest = max(times)
    daily = [t for t in result if newest - t < timedelta(days=14)]
    assert len(daily) == 14 and all(t.hour == 17 for t in daily)  # the evening backup
    months = {(t.year, t.month) for t in result}
    assert len(months) == 12
    assert newest in result
    # besides the 14 days, one backup per older month: the newest of that month
    older = [t for t in result if newest - t >= timedelta(days=14)]
    assert all((t + timedelta(days=1)).month != t.month for t in older if t.month != 11)
    assert len(result) == 14 + 11


def test_days_without_backups_do_not_count():
    """A holiday closure of three weeks does not eat the daily backups."""
    before = moments(datetime(2026, 11, 1), 10, per_day=1)
    after = moments(datetime(2026, 12, 1), 3, per_day=1)
    result = kept(before + after, RotationPolicy(daily=14, monthly=0))
    assert len(result) == 13  # all of them: 13 days with backups


def test_configurable_and_the_newest_is_always_kept():
    times = moments(datetime(2026, 1, 1), 60, per_day=1)
    assert kept(times, RotationPolicy(daily=3, monthly=0)) == times[-3:]
    assert kept(times, RotationPolicy(daily=0, monthly=0)) == times[-1:]
    assert to_delete([], lambda t: t, RotationPolicy()) == []


def test_rotation_deletes_only_backup_files(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    for t in moments(datetime(2026, 10, 1), 40, per_day=1):
        (folder / backup.backup_name(t)).write_bytes(b"x")
    (folder / "README.txt").write_text("kopie")
    (folder / "opsdesk-moja-kopia.sqlite3").write_text("own copy")
    deleted = backup.rotate(folder, RotationPolicy(daily=5, monthly=2))
    names = sorted(p.name for p in folder.iterdir())
    assert "README.txt" in names and "opsdesk-moja-kopia.sqlite3" in names
    remaining = [b.taken_at for b in backup.list_backups(folder)]
    assert len(remaining) == 6  # 5 days of November + the last of October
    assert len(deleted) == 40 - 6
    assert datetime(2026, 10, 31, 8) in remaining
