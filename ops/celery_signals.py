"""Celery signal handlers: the request id travels in task headers and is current while the task
runs; the delivery sweep's success is the worker heartbeat."""

from celery import signals

from ops.heartbeat import DELIVERY_SWEEP, record_heartbeat
from ops.request_id import TASK_HEADER, current_request_id

SWEEP_TASK = "leads.tasks.sweep_email_deliveries"


@signals.before_task_publish.connect(dispatch_uid="ops.request_id_into_task_headers")
def add_request_id_to_task_headers(headers=None, **kwargs):
    request_id = current_request_id.get()
    if request_id and headers is not None and not headers.get(TASK_HEADER):
        headers[TASK_HEADER] = request_id


@signals.task_prerun.connect(dispatch_uid="ops.request_id_from_task_headers")
def use_request_id_of_task(task=None, **kwargs):
    request_id = getattr(task.request, TASK_HEADER, None) if task is not None else None
    if request_id and not task.request.is_eager:
        task.request.ops_request_id_token = current_request_id.set(request_id)


@signals.task_postrun.connect(dispatch_uid="ops.request_id_cleared_after_task")
def forget_request_id_of_task(task=None, **kwargs):
    token = getattr(task.request, "ops_request_id_token", None) if task is not None else None
    if token is not None:
        current_request_id.reset(token)
        task.request.ops_request_id_token = None


@signals.task_success.connect(dispatch_uid="ops.worker_heartbeat")
def record_sweep_heartbeat(sender=None, **kwargs):
    if sender is not None and sender.name == SWEEP_TASK:
        record_heartbeat(DELIVERY_SWEEP, worker=sender.request.hostname or "")
