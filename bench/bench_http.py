"""HTTP throughput of the site as deployed: gunicorn (2 sync workers) with the production settings
on PostgreSQL and a private redis-server, measured with wrk.

In one run, alternating round by round, it measures:
  static           a static file (the hashed stylesheet, served by whitenoise)
  article cached   an article from the full-page cache
  article uncached the same article from a second gunicorn with the page cache off (PAGE_CACHE=false)
  article index    the article list (page cache on)
  spanish cached   a Spanish article (/es/...) from the full-page cache
  spanish uncached the same Spanish article from the gunicorn with the page cache off
and prints requests/s (median of the rounds), errors, and each figure as a ratio to the static file,
so machines of different speed give comparable numbers. Then, in one process per gunicorn's settings,
it times single requests through Django's WSGI handler with no HTTP server in between (median of
many): the static file, an article from the page cache, an uncached article whose rendering is kept
in the page cache, and the first view of an article after a purge. Targets, for the English and the
Spanish article alike: cached >= 0.5x static, uncached >= 0.03x static (3x the 27 req/s measured
before the page-speed work), 0 errors.

Run: `.venv/bin/python bench/bench_http.py` (also `make bench`). It installs nothing. It needs:
  - wrk:           apt-get install -y wrk
  - redis-server:  apt-get install -y redis-server (a private one is started on a free port)
  - PostgreSQL on 127.0.0.1:5432; BENCH_DATABASE_URL overrides the database (created, migrated and
    filled with the demo content if missing).
Options: BENCH_ROUNDS (default 3), BENCH_SECONDS per measurement (default 5), BENCH_CONNECTIONS
(default 16), BENCH_THREADS (default 2).
Before and after in one run: BENCH_BASELINE=<git revision> also serves the uncached article from
that revision (exported with `git archive` under bench/results/, same database and Redis) and
alternates it with the others, in wrk and in-process. BENCH_PATCHES_OFF=<name>,<name> also times
the uncached article in-process once with each named patch of core/wagtail_patches.py left out
(WAGTAIL_PATCHES_OFF), to show what each gains.
"""

import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

BASE_DIR = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/clinic_speed_http_bench"
)
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
BASELINE = os.environ.get("BENCH_BASELINE", "")
PATCHES_OFF = [name for name in os.environ.get("BENCH_PATCHES_OFF", "").split(",") if name]
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
# What a browser sends; whitenoise then serves the precompressed static file, and pages go out
# compressed as a browser gets them.
ACCEPT_ENCODING = "gzip, deflate, br"
HOST = "127.0.0.1"


def require(program: str, install_hint: str) -> str:
    path = shutil.which(program)
    if path is None:
        sys.exit(f"{program} is not installed; this script installs nothing. Run: {install_hint}")
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), 0.5):
                return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"nothing answered on port {port} after {seconds} s")


def ensure_database(url: str, fresh: bool) -> None:
    """Create the database if missing; `fresh` drops it first (its images live in the media
    directory, so a database without that directory would point at missing files)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as connection:
        if fresh:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if not connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def get(url: str) -> tuple[int, dict, str]:
    request = Request(url, headers={"Host": f"{HOST}:{urlsplit(url).port}"})
    # The first view of a page renders it and makes its image renditions: slow on a busy machine.
    with urlopen(request, timeout=180) as response:
        return response.status, dict(response.headers), response.read().decode()


def export_revision(revision: str, directory: Path) -> Path:
    """The tree of `revision`, exported once under `directory` (git ignores bench/results/)."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", revision],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    tree = directory / f"baseline-{commit}"
    if not tree.is_dir():
        tree.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", commit], cwd=BASE_DIR, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


def run_wrk(wrk: str, url: str) -> dict:
    output = subprocess.run(
        [
            wrk,
            f"-t{THREADS}",
            f"-c{CONNECTIONS}",
            f"-d{SECONDS}s",
            "-H",
            f"Accept-Encoding: {ACCEPT_ENCODING}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(non_2xx.group(1)) if non_2xx else 0
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return {"rate": rate, "errors": errors}


IN_PROCESS_FLAG = "--in-process"
IN_PROCESS_REPEATS = {"static": 3000, "article cached": 3000, "article uncached": 300}
PURGED_REPEATS = 60


SPANISH_INDEX = "/es/articulos/"


def first_article(index_url: str) -> str:
    """The address of the first article an article list links to."""
    _, _, html = get(index_url)
    return re.search(r'class="article-card__title"><a href="([^"]+)"', html).group(1)


def in_process_timings(article_path: str, static_path: str) -> None:
    """Run in a child process with the gunicorn's environment: print one JSON line of median
    milliseconds per request, timed through Django's WSGI handler."""
    import io

    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    from core.page_cache import purge_now

    handler = WSGIHandler()

    def request(path: str) -> float:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": HOST,
            "SERVER_PORT": "80",
            "HTTP_HOST": HOST,
            "HTTP_ACCEPT_ENCODING": ACCEPT_ENCODING,
            "wsgi.input": io.BytesIO(),
            "wsgi.url_scheme": "http",
        }
        started = time.perf_counter()
        body = b"".join(handler(environ, lambda status, headers: None))
        elapsed = time.perf_counter() - started
        assert body, path
        return elapsed

    def median_ms(path: str, repeats: int, before=None) -> float:
        for _ in range(20):
            request(path)
        timings = []
        for _ in range(repeats):
            if before:
                before()
            timings.append(request(path))
        return round(statistics.median(timings) * 1000, 3)

    cached = os.environ.get("PAGE_CACHE", "true") != "false"
    if cached:
        figures = {
            "static": median_ms(static_path, IN_PROCESS_REPEATS["static"]),
            "article cached": median_ms(article_path, IN_PROCESS_REPEATS["article cached"]),
        }
    else:
        figures = {
            "article uncached": median_ms(article_path, IN_PROCESS_REPEATS["article uncached"]),
            "article after a purge": median_ms(article_path, PURGED_REPEATS, before=purge_now),
        }
    print(json.dumps(figures))


def main() -> None:
    if sys.argv[1:2] == [IN_PROCESS_FLAG]:
        in_process_timings(*sys.argv[2:4])
        return
    wrk = require("wrk", "apt-get install -y wrk")
    redis_server = require("redis-server", "apt-get install -y redis-server")
    # Kept between runs (git ignores bench/results/): collectstatic and renditions are done once.
    directory = BASE_DIR / "bench" / "results" / "http"
    ensure_database(DATABASE_URL, fresh=not (directory / "media").is_dir())
    directory.mkdir(parents=True, exist_ok=True)
    redis_port, cached_port, uncached_port = free_port(), free_port(), free_port()
    baseline_port = free_port()
    baseline_tree = export_revision(BASELINE, directory) if BASELINE else None
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))},
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": f"redis://{HOST}:{redis_port}/0",
        "EMAIL_URL": "smtp://127.0.0.1:1",
        "DEFAULT_FROM_EMAIL": "Clinic <care@clinic.example>",
        "WAGTAILADMIN_BASE_URL": f"http://{HOST}:{cached_port}",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(directory / "static"),
        "MEDIA_ROOT": str(directory / "media"),
        "LOG_LEVEL": "WARNING",
    }
    processes = []

    def start(command: list[str], cwd: Path = BASE_DIR, **extra) -> None:
        log = open(directory / f"{len(processes)}.log", "wb")  # noqa: SIM115 - lives with the process
        processes.append(
            subprocess.Popen(command, cwd=cwd, env={**environment, **extra}, stdout=log, stderr=log)
        )

    def manage(*args: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=environment, check=True
        )

    try:
        start(
            [
                redis_server,
                "--bind",
                HOST,
                "--port",
                str(redis_port),
                "--save",
                "",
                "--appendonly",
                "no",
            ]
        )
        wait_for_port(redis_port)
        print("Preparing: migrate, demo content, collectstatic ...", flush=True)
        manage("migrate", "--no-input", "-v", "0")
        manage("seed_demo")
        manage("collectstatic", "--no-input", "-v", "0")
        gunicorn = [
            sys.executable,
            "-m",
            "gunicorn",
            "cms.wsgi",
            "--workers",
            "2",
            "--no-control-socket",
        ]
        start([*gunicorn, "--bind", f"{HOST}:{cached_port}"])
        start([*gunicorn, "--bind", f"{HOST}:{uncached_port}"], PAGE_CACHE="false")
        if baseline_tree:
            start(
                [*gunicorn, "--bind", f"{HOST}:{baseline_port}"],
                cwd=baseline_tree,
                PAGE_CACHE="false",
            )
            wait_for_port(baseline_port)
        wait_for_port(cached_port)
        wait_for_port(uncached_port)

        base = f"http://{HOST}:{cached_port}"
        manifest = json.loads((directory / "static" / "staticfiles.json").read_text())
        static_path = "/static/" + manifest["paths"]["css/site.css"]
        article_path = first_article(base + "/articles/")
        spanish_path = first_article(base + SPANISH_INDEX)
        targets = {
            "static": base + static_path,
            "article cached": base + article_path,
            "article uncached": f"http://{HOST}:{uncached_port}{article_path}",
            "article index": base + "/articles/",
            "spanish cached": base + spanish_path,
            "spanish uncached": f"http://{HOST}:{uncached_port}{spanish_path}",
        }
        if baseline_tree:
            targets["uncached baseline"] = f"http://{HOST}:{baseline_port}{article_path}"
        for name, url in targets.items():
            status, headers, _ = get(url)
            print(f"  {name:17} {url}  {status}  X-Page-Cache={headers.get('X-Page-Cache', '-')}")
        for name in ("article cached", "spanish cached"):
            _, headers, _ = get(targets[name])
            assert headers.get("X-Page-Cache") == "hit", f"the {name} is not served from the cache"
        for name in ("article uncached", "spanish uncached", "uncached baseline"):
            if name in targets:
                _, headers, _ = get(targets[name])
                assert headers.get("X-Page-Cache") is None, f"the {name} server is caching"

        print(
            f"wrk -t{THREADS} -c{CONNECTIONS} -d{SECONDS}s -H 'Accept-Encoding: {ACCEPT_ENCODING}',"
            f" {ROUNDS} rounds, alternating",
            flush=True,
        )
        results: dict[str, list[dict]] = {name: [] for name in targets}
        for round_number in range(1, ROUNDS + 1):
            for name, url in targets.items():
                figure = run_wrk(wrk, url)
                results[name].append(figure)
                print(
                    f"  round {round_number} {name:17} {figure['rate']:9.1f} req/s  errors {figure['errors']}",
                    flush=True,
                )

        static_rate = statistics.median(r["rate"] for r in results["static"])
        print("\nmedian of rounds (ratio to the static file):")
        for name, figures in results.items():
            rate = statistics.median(r["rate"] for r in figures)
            errors = sum(r["errors"] for r in figures)
            print(
                f"  {name:17} {rate:9.1f} req/s   ratio {rate / static_rate:6.3f}   errors {errors}"
            )
        errors = sum(r["errors"] for figures in results.values() for r in figures)
        for language in ("article", "spanish"):
            cached = statistics.median(r["rate"] for r in results[f"{language} cached"])
            uncached = statistics.median(r["rate"] for r in results[f"{language} uncached"])
            cached, uncached = cached / static_rate, uncached / static_rate
            print(
                f"targets ({'English' if language == 'article' else 'Spanish'} article): cached "
                f">= 0.5x static: {cached:.3f} ({'met' if cached >= 0.5 else 'NOT met'}); "
                f"uncached >= 0.03x static: {uncached:.3f} "
                f"({'met' if uncached >= 0.03 else 'NOT met'})"
            )
        print(f"errors: {errors}")

        print(
            "\nin-process, through Django's WSGI handler (median ms per request, ratio to static):"
        )
        timings = {}
        runs = [("", BASE_DIR, {}), ("", BASE_DIR, {"PAGE_CACHE": "false"})]
        if baseline_tree:
            runs.append((" (baseline)", baseline_tree, {"PAGE_CACHE": "false"}))
        for name in PATCHES_OFF:
            off = {"PAGE_CACHE": "false", "WAGTAIL_PATCHES_OFF": name}
            runs.append((f" ({name} off)", BASE_DIR, off))
        for label, tree, extra in runs:
            output = subprocess.run(
                [sys.executable, str(tree / "bench" / "bench_http.py"), IN_PROCESS_FLAG]
                + [article_path, static_path],
                cwd=tree,
                env={**environment, "LOG_LEVEL": "ERROR", **extra},
                capture_output=True,
                text=True,
            )
            if output.returncode:
                sys.exit(f"the in-process timing failed:\n{output.stderr[-3000:]}")
            figures = json.loads(output.stdout.strip().splitlines()[-1])
            timings.update({name + label: value for name, value in figures.items()})
        for name, milliseconds in timings.items():
            print(f"  {name:45} {milliseconds:8.3f} ms   x{milliseconds / timings['static']:6.1f}")
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    main()
