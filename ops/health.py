"""The checks behind /health/ready, built on django-health-check's checks where it has one.

They run one after the other in the request's own thread (not the library's async view, which would
run them in executor threads): database work then uses the request's connection, and a web process
under a sync WSGI server opens no extra connection per probe."""

import asyncio
import dataclasses
import inspect
import logging
import time

from celery import current_app
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from health_check.base import HealthCheck
from health_check.checks import Cache, Database, Storage
from health_check.exceptions import HealthCheckException, ServiceUnavailable

from ops.conf import ops_setting
from ops.heartbeat import DELIVERY_SWEEP, heartbeat_age_seconds

logger = logging.getLogger(__name__)


@dataclasses.dataclass
class CeleryBroker(HealthCheck):
    """The Celery broker (Redis) accepts a connection: tasks can be queued."""

    def run(self):
        try:
            with current_app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, timeout=2)
        except Exception as error:
            raise ServiceUnavailable("broker unreachable") from error


@dataclasses.dataclass
class MigrationsApplied(HealthCheck):
    """Every migration of the code is applied: a web process started before `migrate` ran (or
    after a newer one) would otherwise serve errors."""

    def run(self):
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            raise ServiceUnavailable(f"{len(plan)} migration(s) not applied")


@dataclasses.dataclass
class WorkerHeartbeat(HealthCheck):
    """A Celery worker ran the delivery sweep (queued by beat every minute) recently: worker and
    beat are both alive. With tasks run inline (the embedded mode) there is no worker to wait for."""

    def run(self):
        if settings.CELERY_TASK_ALWAYS_EAGER:
            return
        age = heartbeat_age_seconds(DELIVERY_SWEEP)
        limit = float(ops_setting("OPS_HEARTBEAT_MAX_AGE_SECONDS"))
        if age is None:
            raise ServiceUnavailable("no delivery sweep has run yet")
        if age > limit:
            raise ServiceUnavailable(f"last delivery sweep {age:.0f}s ago (limit {limit:.0f}s)")


# The names the endpoint reports, and the checks they stand for.
READINESS_CHECKS = {
    "database": Database,
    "cache": Cache,
    "celery_broker": CeleryBroker,
    "media_storage": Storage,
    "migrations": MigrationsApplied,
    "worker_heartbeat": WorkerHeartbeat,
}


@dataclasses.dataclass
class CheckOutcome:
    """One check's result: its name, the error text when it failed, and how long it took."""

    name: str
    error: str
    seconds: float

    @property
    def ok(self) -> bool:
        return not self.error


def run_check(name: str, check: HealthCheck) -> CheckOutcome:
    started = time.monotonic()
    try:
        if inspect.iscoroutinefunction(check.run):
            asyncio.run(check.run())
        else:
            check.run()
    except HealthCheckException as error:
        logger.warning("Health check %s failed: %s", name, error)
        outcome = str(error)
    except Exception:
        # An unexpected error's text can name hosts or values: it goes to the log, not the answer.
        logger.exception("Health check %s raised an unexpected error", name)
        outcome = "unexpected error (see the log)"
    else:
        outcome = ""
    return CheckOutcome(name=name, error=outcome, seconds=time.monotonic() - started)


def run_readiness_checks() -> list[CheckOutcome]:
    return [run_check(name, check_class()) for name, check_class in READINESS_CHECKS.items()]
