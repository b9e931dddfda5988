import pytest

from cms.settings.base import redis_base_db, redis_url_for_db
from tests import services


@pytest.mark.parametrize(
    ("url", "db", "expected"),
    [
        ("redis://127.0.0.1:6379", 1, "redis://127.0.0.1:6379/1"),
        ("redis://:secret@cache:6380/3", 4, "redis://:secret@cache:6380/4"),
        (
            "rediss://cache:6379/0?ssl_cert_reqs=required",
            1,
            "rediss://cache:6379/1?ssl_cert_reqs=required",
        ),
    ],
)
def test_redis_url_for_db_changes_only_the_database_number(url, db, expected):
    assert redis_url_for_db(url, db) == expected


@pytest.mark.parametrize(("url", "db"), [("redis://h:6379", 0), ("redis://h:6379/7", 7)])
def test_redis_base_db_reads_the_number_or_defaults_to_zero(url, db):
    assert redis_base_db(url) == db


def test_a_missing_service_skips_locally(monkeypatch):
    monkeypatch.setattr(services, "IN_CI", False)
    with pytest.raises(pytest.skip.Exception):
        services.require_service(False, "no Redis")


def test_a_missing_service_fails_in_ci(monkeypatch):
    monkeypatch.setattr(services, "IN_CI", True)
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        services.require_service(False, "no Redis")
