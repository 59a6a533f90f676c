"""The write path under attack: writers killed at every step, a full disk, a file-size limit,
an immutable file, a read-only file system or file, a planted lock link, leftovers.

Each scenario makes one earlier change Z → A (so there is an undo to lose) and then
tries a second change A → B that is killed or refused. Afterwards the file must be
A or B, `explorer undo` must take back exactly the last change that happened (the
second if it landed, else the first), and no temporary file may stay once the next
write has run. Real processes, real signals and real file systems: a scenario that
needs a mount or `chattr` the machine does not allow is skipped, saying why.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from explorer import edit, review, store
from explorer.cli import app

from .conftest import TEST_DATA

ODD = TEST_DATA / "review-odd-style.yaml"
FIRST, SECOND = "bbb-ccc-border_dispute", "bbb-aaa-threat"


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def leftovers(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.tmp"))


def first_change(folder: Path) -> tuple[Path, bytes, bytes]:
    """A data file after one change by the explorer: its path, the bytes before (Z) and
    after (A) that change."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "relations.yaml"
    shutil.copyfile(ODD, path)
    z = path.read_bytes()
    review.accept(store.load(path), FIRST, reviewer="first")
    return path, z, path.read_bytes()


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, bytes, bytes]:
    return first_change(tmp_path)


def is_second(raw: bytes, a: bytes) -> bool:
    """True if `raw` is A with the second change made (only its lines differ: the
    rejection and who and when)."""
    if raw == a:
        return False
    changed = store.load_text(raw.decode()).relation(SECOND)
    old = [line for line in a.decode().splitlines() if "reviewed_" not in line]
    new = [line for line in raw.decode().splitlines() if "reviewed_" not in line]
    return changed.status == "rejected" and len(new) == len(old) and \
        sum(x != y for x, y in zip(old, new, strict=True)) == 1


def check_undo(path: Path, z: bytes, a: bytes) -> None:
    """The file is A or B, the history records exactly the changes that happened, and
    undo takes back the last of them."""
    now = path.read_bytes()
    assert now == a or is_second(now, a), "the data file is neither the old nor the new version"
    recorded = edit.history(path)
    assert recorded.aligned and recorded.position == len(recorded.entries) == \
        (1 if now == a else 2), recorded  # no record of a change that did not happen
    result = run("undo", "--data", str(path))
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == (z if now == a else a)
    assert not leftovers(path.parent), leftovers(path.parent)


# ------------------------------------------------------------------ kills
PAUSING_WRITER = textwrap.dedent("""
    import os, sys, time
    from explorer import edit, review, store
    path, step, when, action = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    real, calls = os.replace, [0]
    def replace(src, dst, *args, **kwargs):
        n = calls[0]
        calls[0] += 1
        if n == step and when == "before":
            print("paused", flush=True); time.sleep(60)
        real(src, dst, *args, **kwargs)
        if n == step and when == "after":
            print("paused", flush=True); time.sleep(60)
    os.replace = replace
    if action == "write":
        review.reject(store.load(path), "bbb-aaa-threat", reviewer="second")
    else:
        edit.undo(path)
    print("done", calls[0], flush=True)
""")


def kill_at(path: Path, step: int, when: str, action: str) -> bool:
    """Run a writer that stops before or after its `step`-th rename and kill it there;
    False when the writer finished first (it has fewer renames)."""
    writer = subprocess.Popen([sys.executable, "-c", PAUSING_WRITER, str(path), str(step),
                               when, action], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    try:
        line = writer.stdout.readline().strip()
        if line == "paused":
            os.kill(writer.pid, signal.SIGKILL)
        writer.wait(30)
    finally:
        writer.kill()
    assert line, writer.stderr.read()
    return line == "paused"


@pytest.mark.slow
def test_a_write_killed_at_any_step_keeps_every_undo(tmp_path: Path) -> None:
    seen = set()
    for step in range(12):
        for when in ("before", "after"):
            path, z, a = first_change(tmp_path / f"{step}-{when}")
            if not kill_at(path, step, when, "write"):
                break
            seen.add("A" if path.read_bytes() == a else "B")
            check_undo(path, z, a)
        else:
            continue
        break
    assert seen == {"A", "B"}  # kills landed both before and after the data file's rename


@pytest.mark.slow
@pytest.mark.parametrize("when", ["before", "after"])
def test_an_undo_killed_at_any_step_loses_neither_version(tmp_path: Path, when: str) -> None:
    killed = 0
    for step in range(12):
        path, z, a = first_change(tmp_path / str(step))
        if not kill_at(path, step, when, "undo"):
            break
        killed += 1
        now = path.read_bytes()
        assert now in (z, a)
        if now == a:  # the undo did not happen: it still can
            assert run("undo", "--data", str(path)).exit_code == 0
            assert path.read_bytes() == z
        # the undone change can be redone: its bytes were not lost
        result = run("redo", "--data", str(path))
        assert result.exit_code == 0, result.output
        assert path.read_bytes() == a
        assert not leftovers(path.parent)
        assert run("undo", "--data", str(path)).exit_code == 0  # and undone once more
        assert path.read_bytes() == z
    assert killed >= 3  # every rename of an undo was a kill point


def test_a_killed_writers_temporaries_are_swept_by_the_next_write(tmp_path: Path) -> None:
    for step in range(6):  # a temporary exists just before each rename
        path, _, _ = first_change(tmp_path / str(step))
        if not kill_at(path, step, "before", "write"):
            break
        assert leftovers(path.parent)  # the killed writer left its temporary
        review.accept(store.load(path), "aaa-ccc-economic_support", reviewer="next")
        assert not leftovers(path.parent), step


def test_no_temporary_stays_when_a_kept_version_is_the_data_file_itself(versions) -> None:
    path, _, a = versions
    import hashlib

    history = path.with_name(f".{path.name}.history")
    history.mkdir(exist_ok=True)
    for link in (path.with_name(path.name + ".bak"),
                 history / hashlib.sha256(a).hexdigest()):
        with contextlib.suppress(FileNotFoundError):
            link.unlink()
        os.link(path, link)  # the same file under another name
    review.reject(store.load(path), SECOND, reviewer="second")
    assert not leftovers(path.parent)


# ------------------------------------------------------------- refusals
def test_a_read_only_data_file_is_not_replaced(versions) -> None:
    path, _, a = versions
    path.chmod(0o444)
    result = run("review", "reject", SECOND, "--data", str(path))
    assert result.exit_code == 1
    assert "refused[read-only-file]" in result.stderr and "nothing was written" in result.stderr
    assert f"chmod u+w {path}" in " ".join(result.stderr.split())
    assert path.read_bytes() == a and path.stat().st_mode & 0o777 == 0o444
    path.chmod(0o644)
    assert run("undo", "--data", str(path)).exit_code == 0  # the earlier undo is intact


def test_a_planted_lock_link_is_refused_and_creates_nothing(versions, tmp_path: Path) -> None:
    path, _, a = versions
    target = tmp_path / "elsewhere" / "created-through-the-link"
    target.parent.mkdir()
    lock = path.with_name(f".{path.name}.lock")
    lock.unlink(missing_ok=True)
    lock.symlink_to(target)
    result = run("review", "reject", SECOND, "--data", str(path))
    assert result.exit_code == 1 and "refused[unsafe-lock]" in result.stderr
    assert not target.exists() and path.read_bytes() == a


def _free_space_writer(path: Path, limit: int | None) -> subprocess.CompletedProcess:
    script = textwrap.dedent("""
        import resource, sys
        limit = int(sys.argv[2])
        if limit:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        from typer.testing import CliRunner
        from explorer.cli import app
        result = CliRunner().invoke(app, ["review", "reject", "bbb-aaa-threat", "--data",
                                          sys.argv[1]])
        sys.stderr.write(result.stderr)
        sys.exit(result.exit_code)
    """)
    return subprocess.run([sys.executable, "-c", script, str(path), str(limit or 0)],
                          capture_output=True, text=True, timeout=60)


def test_over_the_file_size_limit_nothing_is_written(versions) -> None:
    path, z, a = versions
    result = _free_space_writer(path, len(a) + 8)  # the new version is larger
    assert result.returncode == 1, result.stderr
    assert "refused[file-size-limit]" in result.stderr, result.stderr
    assert "OSError" not in result.stderr
    check_undo(path, z, a)


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 256 KiB tmpfs (needs the right to mount)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_at_any_step_refuses_and_keeps_every_undo(small_disk: Path) -> None:
    path = small_disk / "relations.yaml"
    shutil.copyfile(ODD, path)
    z = path.read_bytes()
    review.accept(store.load(path), FIRST, reviewer="first")
    a = path.read_bytes()
    filler = small_disk / "filler"
    outcomes = set()
    for pages in range(6):  # leave 0, 1, 2… free pages, so each step meets the full disk
        info = os.statvfs(small_disk)
        filler.unlink(missing_ok=True)
        info = os.statvfs(small_disk)
        with contextlib.suppress(OSError), filler.open("wb") as handle:
            handle.write(b"\0" * max(0, (info.f_bavail - pages) * info.f_bsize))
        result = _free_space_writer(path, None)
        filler.unlink()
        if result.returncode:
            assert "refused[disk-full]" in result.stderr, result.stderr
            outcomes.add("refused")
        else:
            outcomes.add("written")
        check_undo(path, z, a)
        if path.read_bytes() == z:  # back to A
            assert run("redo", "--data", str(path)).exit_code == 0
        assert path.read_bytes() == a
    assert "refused" in outcomes


def test_a_rename_refused_after_the_backup_step_keeps_every_undo(versions) -> None:
    """EPERM from the system at the data file's rename, after the version was kept and
    the write journaled as pending (the file made immutable at that moment)."""
    from explorer.edit import files

    path, z, a = versions
    done = subprocess.run(["chattr", "-i", str(path)], capture_output=True, text=True)
    if done.returncode:
        pytest.skip(f"cannot make a file immutable here: {done.stderr.strip()}")

    def freeze(stage: str, where: Path) -> None:
        if stage == "pending":
            subprocess.run(["chattr", "+i", str(path)], check=True)

    files.checkpoint = freeze
    try:
        with pytest.raises(edit.EditError) as refused:
            review.reject(store.load(path), SECOND, reviewer="second")
    finally:
        files.checkpoint = None
        subprocess.run(["chattr", "-i", str(path)], check=False)
    assert refused.value.code == "permission-denied"
    assert "nothing was written" in str(refused.value)
    check_undo(path, z, a)


def test_an_immutable_file_is_refused_with_the_reason(versions) -> None:
    path, z, a = versions
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if done.returncode:
        pytest.skip(f"cannot make a file immutable here: {done.stderr.strip()}")
    try:
        result = run("review", "reject", SECOND, "--data", str(path))
        assert result.exit_code == 1
        assert "refused[permission-denied]" in result.stderr, result.stderr
        assert "nothing was written" in result.stderr
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=False)
    check_undo(path, z, a)


def test_a_read_only_file_system_is_refused_with_the_reason(versions) -> None:
    path, _, a = versions
    folder = path.parent
    done = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True,
                          text=True)
    if done.returncode:
        pytest.skip(f"cannot bind-mount here: {done.stderr.strip()}")
    try:
        done = subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)],
                              capture_output=True, text=True)
        if done.returncode:
            pytest.skip(f"cannot remount read-only here: {done.stderr.strip()}")
        result = run("review", "reject", SECOND, "--data", str(path))
        assert result.exit_code == 1
        assert "refused[read-only-filesystem]" in result.stderr, result.stderr
        assert path.read_bytes() == a
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
    assert run("undo", "--data", str(path)).exit_code == 0
