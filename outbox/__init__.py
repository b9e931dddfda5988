"""The outbox: every email the project sends is a delivery row first, then sent by a worker,
retried and shown to staff. Apps register their email kinds (`outbox.kinds`) and send with
`outbox.queue.enqueue`; the outbox names no other app of the project."""
