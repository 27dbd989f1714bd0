"""Failures never break the site (issue 13): one build at a time, interruptions
and kills leave nothing stale, incremental equals clean, an output folder that
cannot be written or fills up ends in one message, a release archive builds
with its own date, bad settings are refused.

Every test runs ``textbook-build`` as a real process on a copy of the project
(test_publish.py) and sends real signals.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import tarfile
import time
import uuid
from pathlib import Path

import pytest

from helpers.commands import command, copy_env, run
from helpers.publish import EPOCH, built_copy, copy_built, run_build, tree_digest

ROOT = Path(__file__).resolve().parent.parent
NO_REPORT = re.compile(r"Traceback|report this|Exception occurred")


def state(folder: Path) -> tuple:
    return tuple(sorted(tree_digest(folder).items()))


def start_build(project: Path, *args: str, mark: str = "", **env: str) -> subprocess.Popen:
    """``textbook-build ARGS`` started in its own session (as a terminal would run it)."""
    environ = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, BUILD_TEST_MARK=mark, **env)
    return subprocess.Popen(
        command("textbook_build", *args),
        cwd=project,
        env=copy_env(project, environ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def marked_processes(mark: str) -> list[int]:
    """Processes whose environment carries ``BUILD_TEST_MARK=mark`` (children included)."""
    found = []
    needle = f"BUILD_TEST_MARK={mark}".encode()
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if needle in (proc / "environ").read_bytes().split(b"\0"):
                    found.append(int(proc.name))
            except OSError:
                pass
    return found


def wait_for_line(proc: subprocess.Popen, text: str, timeout: float = 120) -> str:
    """Read the build's stdout until a line contains ``text``."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        seen.append(line)
        if text in line:
            return "".join(seen)
    raise AssertionError(f"{text!r} not printed; output: {''.join(seen)}")


def no_orphans(mark: str, timeout: float = 10) -> list[int]:
    deadline = time.monotonic() + timeout
    while marked_processes(mark) and time.monotonic() < deadline:
        time.sleep(0.1)
    return marked_processes(mark)


def add_sentence(project: Path, text: str) -> Path:
    chapter = project / "source" / "index.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")
    return chapter


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return built_copy(tmp_path_factory.mktemp("safety"), "html")


@pytest.fixture
def project(built, tmp_path):
    dest = copy_built(built, tmp_path)
    assert run_build(dest, "html").returncode == 0  # the copy moved: paths changed
    return dest


@pytest.mark.slow
def test_two_builds_at_once_run_one_after_the_other(project):
    add_sentence(project, "Kalimat baru untuk dua build sekaligus.")
    first, second = start_build(project, "html"), start_build(project, "html")
    outs = [p.communicate(timeout=600) for p in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outs
    assert any(
        "another build of this checkout is running" in err and "waiting" in err for _, err in outs
    ), outs
    site = project / "_build" / "html"
    for lang in ("id", "en"):
        assert "Kalimat baru untuk dua build sekaligus." in (site / lang / "index.html").read_text(
            encoding="utf-8"
        )
        assert (site / lang / "searchindex.js").is_file() and (
            site / lang / "search.html"
        ).is_file()
    again = run_build(project, "html")
    assert "[html:id] up to date" in again.stdout, again.stdout


@pytest.mark.slow
def test_a_second_build_with_no_wait_refuses(project):
    add_sentence(project, "Kalimat untuk build yang menolak.")
    first = start_build(project, "html")
    wait_for_line(first, "building")
    second = start_build(project, "html", "--no-wait")
    _, err = second.communicate(timeout=60)
    assert second.returncode == 2
    assert "error: another build of this checkout is running" in err, err
    first.communicate(timeout=600)
    assert first.returncode == 0


@pytest.mark.slow
def test_kill_9_leaves_no_orphan_and_a_whole_site(project):
    """kill -9 at several moments: the published site is always the old one or
    the new one, complete; no child outlives the build; the next build succeeds."""
    old = state(project / "_build" / "html")
    add_sentence(project, "Kalimat baru setelah kill.")
    seen = []
    for delay in (0.3, 1.0, 2.0, 3.0, 4.0):
        mark = uuid.uuid4().hex
        proc = start_build(project, "html", mark=mark)
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert no_orphans(mark) == [], f"children of the killed build still run (delay {delay})"
        seen.append(state(project / "_build" / "html"))
    proc = run_build(project, "html")
    assert proc.returncode == 0, proc.stderr
    new = state(project / "_build" / "html")
    assert new != old
    assert set(seen) <= {old, new}, "a kill left a site that is neither the old nor the new one"
    generations = sorted((project / "_build" / ".generations").iterdir())
    assert [g.name for g in generations] == [(project / "_build" / "html").resolve().name]


@pytest.mark.slow
def test_sigint_ends_the_children_and_the_next_build_succeeds(project):
    add_sentence(project, "Kalimat baru setelah dihentikan.")
    mark = uuid.uuid4().hex
    proc = start_build(project, "html", mark=mark)
    wait_for_line(proc, "[html:en] building")
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGINT, err
    assert "interrupted" in err and not NO_REPORT.search(err), err
    assert no_orphans(mark) == []
    again = run_build(project, "html")
    assert again.returncode == 0, again.stderr
    assert "Kalimat baru setelah dihentikan." in (
        project / "_build" / "html" / "en" / "index.html"
    ).read_text(encoding="utf-8")


@pytest.mark.slow
def test_edit_and_revert_equals_a_clean_build(project, tmp_path):
    """A word added, built, removed, built: the published site equals a clean
    build of the same inputs byte for byte (the search index forgets the word)."""
    chapter = project / "source" / "pemberdayaan.md"
    original = chapter.read_bytes()
    add_sentence(project, "Kata kelelawar hanya sebentar di sini.")
    assert run_build(project, "html").returncode == 0
    index = project / "_build" / "html" / "id" / "searchindex.js"
    assert "lelawar" in index.read_text(encoding="utf-8")  # stemmed: ke- stripped
    # add_sentence edits index.md; revert both files to their original bytes
    (project / "source" / "index.md").write_bytes((ROOT / "source" / "index.md").read_bytes())
    chapter.write_bytes(original)
    proc = run_build(project, "html")
    assert proc.returncode == 0, proc.stderr
    assert "lelawar" not in index.read_text(encoding="utf-8")
    clean = copy_built(project, tmp_path / "clean")
    import shutil

    shutil.rmtree(clean / "_build")
    assert run_build(clean, "html").returncode == 0
    incremental, fresh = (
        tree_digest(project / "_build" / "html"),
        tree_digest(clean / "_build" / "html"),
    )
    assert (
        sorted(k for k in incremental.keys() | fresh.keys() if incremental.get(k) != fresh.get(k))
        == []
    )


@pytest.mark.slow
def test_a_changed_stage_is_not_up_to_date(project):
    """'Up to date' means the stage is exactly what the last good build wrote."""
    page = project / "_build" / "stage" / "html" / "en" / "index.html"
    page.write_text("<p>partial</p>", encoding="utf-8")
    proc = run_build(project, "html")
    assert proc.returncode == 0, proc.stderr
    assert "[html:en] building" in proc.stdout and "[html:id] up to date" in proc.stdout
    assert "partial" not in (project / "_build" / "html" / "en" / "index.html").read_text()


def mount(*args: str) -> None:
    proc = subprocess.run(["mount", *args], capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.fail(
            f"mount {' '.join(args)} failed (these tests need root and mount): {proc.stderr}",
            pytrace=False,
        )


@pytest.fixture
def mounted():
    points = []
    yield points
    for point in reversed(points):
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


@pytest.mark.slow
def test_a_read_only_build_folder_is_one_message(project, mounted):
    build = project / "_build"
    before = tree_digest(build / "html")
    add_sentence(project, "Kalimat untuk folder hanya-baca.")
    mount("--bind", str(build), str(build))
    mounted.append(build)
    mount("-o", "remount,ro,bind", str(build))
    proc = run_build(project, "html")
    assert proc.returncode == 1
    assert re.search(
        r"^error: cannot write \S*_build\S*: read-only file system", proc.stderr, re.M
    ), proc.stderr
    assert not NO_REPORT.search(proc.stderr), proc.stderr
    assert tree_digest(build / "html") == before


@pytest.mark.slow
def test_a_full_disk_is_one_message_and_leaves_no_staging_copy(built, tmp_path, mounted):
    project = copy_built(built, tmp_path)
    import shutil

    shutil.rmtree(project / "_build")
    build = project / "_build"
    build.mkdir()
    mount("-t", "tmpfs", "-o", "size=8m", "tmpfs", str(build))
    mounted.append(build)
    assert run_build(project, "html").returncode == 0
    before = tree_digest(build / "html")
    free = os.statvfs(build).f_bavail * os.statvfs(build).f_frsize
    (build / "filler").write_bytes(b"\0" * max(0, free - 200_000))  # a site is ~1.2 MB
    add_sentence(project, "Kalimat untuk disk penuh.")
    proc = run_build(project, "html")
    assert proc.returncode != 0
    assert "no space left on the device" in proc.stderr, proc.stderr
    assert not NO_REPORT.search(proc.stderr), proc.stderr
    assert tree_digest(build / "html") == before
    live = (build / "html").resolve().name
    assert [g.name for g in (build / ".generations").iterdir()] == [live]
    (build / "filler").unlink()
    proc = run_build(project, "html")
    assert proc.returncode == 0, proc.stderr


@pytest.mark.slow
def test_a_git_archive_export_builds_with_the_commit_date(tmp_path):
    export = tmp_path / "export"
    export.mkdir()
    archive = tmp_path / "book.tar"
    subprocess.run(["git", "archive", "-o", str(archive), "HEAD"], cwd=ROOT, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(export, filter="data")
    commit = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    assert (export / "tools/textbook_build/source-date-epoch").read_text().strip() == commit
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    proc = run(export, "textbook_build", "html", "--langs", "id", env=env)
    assert proc.returncode == 0, proc.stderr
    year = time.gmtime(int(commit)).tm_year
    page = (export / "_build" / "html" / "id" / "index.html").read_text(encoding="utf-8")
    assert f"{year}, Tim Buku Ajar Terbuka" in page and "1970" not in page


def test_a_copy_without_git_or_date_is_refused(tmp_path):
    from textbook_build import copy_project

    project = copy_project(tmp_path / "book")
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    proc = run(project, "textbook_build", "html", env=env)
    assert proc.returncode == 2
    assert "error: no date for the book" in proc.stderr and "SOURCE_DATE_EPOCH" in proc.stderr
    assert not (project / "_build" / "html").exists()


@pytest.mark.parametrize(
    "name, value",
    [
        ("TEXTBOOK_SITE_URL", "https://example.org/\nDisallow: /"),
        ("TEXTBOOK_SITE_URL", "ftp://example.org/"),
        ("TEXTBOOK_SITE_URL", "/buku/"),
        ("TEXTBOOK_SITE_URL", "https://example.org/a b/"),
        ("SOURCE_DATE_EPOCH", "kemarin"),
        ("SOURCE_DATE_EPOCH", "0"),
        ("TEXTBOOK_SITEURL", "https://example.org/"),
    ],
)
def test_bad_settings_are_refused_with_their_name(tmp_path, name, value):
    from textbook_build import copy_project

    project = copy_project(tmp_path / "book")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, name: value}
    proc = run(project, "textbook_build", "html", env=env)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith(f"error: {name}"), proc.stderr
    assert not NO_REPORT.search(proc.stderr)
    assert not (project / "_build" / "html").exists()


def test_tex_errors_are_found_anywhere_in_a_line():
    from textbook_build.latexmk import tex_errors

    log = (
        "(./book.tex" + "x" * 5000 + " ! Undefined control sequence.\n"
        "l.12 \\tidakada\nLatexmk: noise\n./book.tex:40: LaTeX Error: File `a.sty' not found.\n"
    )
    assert tex_errors(log) == [
        "! Undefined control sequence.",
        "./book.tex:40: LaTeX Error: File `a.sty' not found.",
    ]


def test_sphinx_still_keeps_a_pruned_word():
    """Sphinx 9.0.4 keeps a pruned word with no document, so html/search_langs.py drops
    such words from searchindex.js; when upstream drops them itself, this fails: re-check,
    then drop that step."""
    from types import SimpleNamespace

    from sphinx.search import IndexBuilder

    upstream = SimpleNamespace(
        _titles={"a": "A", "b": "B"},
        _all_titles={"a": [], "b": []},
        _filenames={"a": "a.md", "b": "b.md"},
        _mapping={"kept": {"a"}, "gone": {"b"}},
        _title_mapping={"judul": {"b"}},
    )
    IndexBuilder.prune(upstream, ["a"])
    assert upstream._mapping == {"kept": {"a"}, "gone": set()}  # the bug


@pytest.mark.print
@pytest.mark.slow
def test_ctrl_c_or_kill_during_latexmk_then_the_next_pdf_build_succeeds(tmp_path, print_toolchain):
    """Ctrl-C, then kill -9, while xelatex runs: no TeX process outlives the build,
    nothing is published, and the next `make pdf` succeeds without any cleanup."""
    from textbook_build import copy_project

    project = copy_project(tmp_path / "book")
    for sig, send in ((signal.SIGINT, os.killpg), (signal.SIGKILL, os.kill)):
        mark = uuid.uuid4().hex
        proc = start_build(project, "pdf", "--langs", "id", mark=mark)
        wait_for_line(proc, "latexmk", timeout=300)
        time.sleep(1.5)  # xelatex is running
        assert any(
            "tex" in Path(f"/proc/{pid}/comm").read_text()
            for pid in marked_processes(mark)
            if Path(f"/proc/{pid}").exists()
        )
        send(proc.pid, sig)
        proc.communicate(timeout=60)
        assert proc.returncode in (128 + sig, -sig), (sig, proc.returncode)
        assert no_orphans(mark) == [], f"TeX still runs after {signal.Signals(sig).name}"
        assert not (project / "_build" / "pdf").exists()
    proc = run_build(project, "pdf", "id")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (project / "_build" / "pdf" / "pemberdayaan-masyarakat-id.pdf").is_file()


def test_recovery_at_the_next_start(tmp_path):
    """What a kill can leave (a generation cut short, a temporary link, and from
    older versions a site left only in html.old) is set right before building."""
    from textbook_build.publish import GENERATIONS, publish, recover

    build = tmp_path / "_build"
    (build / "html.old").mkdir(parents=True)
    (build / "html.old" / "index.html").write_text("old good site")
    cut = build / GENERATIONS / "html-cut"
    cut.mkdir(parents=True)
    (cut / "index.html").write_text("half")
    (build / ".html.link").symlink_to(cut.relative_to(build))
    recover(build, ["html", "pdf", "epub"])
    assert (build / "html").is_symlink()
    assert (build / "html" / "index.html").read_text() == "old good site"
    assert sorted(p.name for p in build.iterdir()) == [GENERATIONS, "html"]
    assert list((build / GENERATIONS).iterdir()) == [(build / "html").resolve()]
    stage = tmp_path / "stage"
    stage.mkdir()
    (stage / "index.html").write_text("new site")
    first = (build / "html").resolve()
    publish(stage, build / "html")
    assert (build / "html" / "index.html").read_text() == "new site"
    assert not first.exists() and len(list((build / GENERATIONS).iterdir())) == 1
