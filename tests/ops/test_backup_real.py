"""Backups that are known to restore: scripts/backup, drop the database, scripts/restore, and every
lead, inquiry, delivery and page is back, identical, with the media files.

The database that is dropped lives in a private PostgreSQL cluster of this test, on a port of its
own: nothing is ever dropped on the shared server."""

import contextlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from leads.models import Inquiry, Lead
from outbox.models import EmailDelivery
from tests.real_stack import current_database_url, free_port, require_service

pytestmark = [
    pytest.mark.real_services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The newest PostgreSQL server binaries Debian installed (initdb and pg_ctl are not on PATH).
POSTGRES_BIN = max(Path("/usr/lib/postgresql").glob("*/bin"), default=Path("/nonexistent"))
COMPARED_TABLES = [
    "leads_lead",
    "leads_inquiry",
    "leads_emaildelivery",
    "leads_leadevent",
    "wagtailcore_page",
    "wagtailcore_revision",
    "leads_contactpage",
    "home_homepage",
    "wagtailimages_image",
]


def as_postgres_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run its server as root: run it as the postgres user then."""
    if os.geteuid() != 0:
        return command
    return ["su", "postgres", "-c", " ".join(command)]


@pytest.fixture
def private_postgres(require_postgres):
    """A PostgreSQL cluster of this test only (initdb, trust auth, a free port); yields its URL
    prefix `postgres://postgres@127.0.0.1:PORT`."""
    require_service((POSTGRES_BIN / "initdb").exists(), f"{POSTGRES_BIN}/initdb is missing")
    directory = Path(tempfile.mkdtemp(prefix="clinic-backup-pg-"))
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres")
    port = free_port()
    subprocess.run(
        as_postgres_user(
            [
                str(POSTGRES_BIN / "initdb"),
                "-D",
                str(directory),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
            ]
        ),
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off"
    # The server's output goes to its own log file: a pipe would be held open by the server and
    # keep this call waiting after pg_ctl returned.
    subprocess.run(
        as_postgres_user(
            [
                str(POSTGRES_BIN / "pg_ctl"),
                "-D",
                str(directory),
                "-l",
                str(directory / "server.log"),
                "-o",
                f"'{options}'",
                "-w",
                "start",
            ]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    yield f"postgres://postgres@127.0.0.1:{port}"
    subprocess.run(
        as_postgres_user(
            [str(POSTGRES_BIN / "pg_ctl"), "-D", str(directory), "-m", "immediate", "stop"]
        ),
        capture_output=True,
    )
    shutil.rmtree(directory, ignore_errors=True)


def run_script(name: str, *arguments: str, database_url: str, media_root: Path):
    environment = {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}
    environment.update(DATABASE_URL=database_url, MEDIA_ROOT=str(media_root))
    result = subprocess.run(
        [str(settings.BASE_DIR / "scripts" / name), *arguments],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def snapshot(database_url: str) -> dict:
    """Every row of the compared tables, as JSON, in primary-key order."""
    with psycopg.connect(database_url) as connection:
        return {
            table: [
                row[0]
                for row in connection.execute(
                    f"SELECT row_to_json(t)::text FROM {table} t ORDER BY 1"  # noqa: S608
                )
            ]
            for table in COMPARED_TABLES
        }


def media_files(root: Path) -> dict:
    return {
        str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


def test_backup_drop_and_restore_gives_back_every_lead_inquiry_delivery_and_page(
    private_postgres, client, contact_page, contact_form_data, tmp_path
):
    for number in range(3):
        response = client.post(
            contact_page.url,
            contact_form_data(
                full_name=f"Visitor {number}",
                email=f"visitor{number}@example.org",
                phone=f"(503) 555-011{number}",
            ),
        )
        assert response.status_code == 303
    client.post(
        contact_page.url, contact_form_data(email="visitor0@example.org", phone="(503) 555-0110")
    )  # asks again
    assert (Lead.objects.count(), Inquiry.objects.count()) == (3, 4)
    assert EmailDelivery.objects.count() >= 6
    media = Path(settings.MEDIA_ROOT)
    (media / "original_images").mkdir(parents=True)
    (media / "original_images" / "clinic.jpg").write_bytes(b"\xff\xd8 a picture \xff\xd9")
    (media / "documents").mkdir()
    (media / "documents" / "intake-form.pdf").write_bytes(b"%PDF-1.7 a document")

    # The site as it runs: copy the test database into the private cluster.
    live_url = f"{private_postgres}/clinic"
    run_script(
        "backup", str(tmp_path / "seed"), database_url=current_database_url(), media_root=media
    )
    run_script("restore", str(tmp_path / "seed"), "--yes", database_url=live_url, media_root=media)
    before = snapshot(live_url)
    files_before = media_files(media)
    assert len(before["leads_lead"]) == 3 and len(before["leads_emaildelivery"]) >= 6

    # The drill: back up, lose the database and the media, restore.
    result = run_script(
        "backup", str(tmp_path / "nightly"), database_url=live_url, media_root=media
    )
    assert "Backup written to" in result.stdout
    assert sorted(path.name for path in (tmp_path / "nightly").iterdir()) == [
        "SHA256SUMS",
        "database.dump",
        "media.tar.gz",
    ]
    with psycopg.connect(f"{private_postgres}/postgres", autocommit=True) as connection:
        connection.execute("DROP DATABASE clinic")
    shutil.rmtree(media)

    run_script(
        "restore", str(tmp_path / "nightly"), "--yes", database_url=live_url, media_root=media
    )
    assert snapshot(live_url) == before
    assert media_files(media) == files_before


def test_restore_refuses_a_damaged_backup_and_touches_nothing(private_postgres, tmp_path):
    backup = tmp_path / "damaged"
    backup.mkdir()
    (backup / "database.dump").write_bytes(b"not what was written")
    (backup / "SHA256SUMS").write_text(f"{'0' * 64}  database.dump\n")
    result = subprocess.run(
        [str(settings.BASE_DIR / "scripts" / "restore"), str(backup), "--yes"],
        env={**os.environ, "DATABASE_URL": f"{private_postgres}/clinic"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "does not match its checksum" in result.stderr
    with psycopg.connect(f"{private_postgres}/postgres") as connection:
        names = [row[0] for row in connection.execute("SELECT datname FROM pg_database")]
    assert "clinic" not in names
    with contextlib.suppress(FileNotFoundError):
        shutil.rmtree(backup)
