"""Email backends for tests that need sending to fail in a controlled way."""

import time

from django.core.mail.backends.locmem import EmailBackend


class FailOnceForBackend(EmailBackend):
    """Django's in-memory backend, except that the first message to each address in `fail_once`
    raises OSError (a dropped SMTP connection); later messages to it go through."""

    fail_once: set[str] = set()

    def send_messages(self, messages):
        for message in messages:
            failing = self.fail_once.intersection(message.to)
            if failing:
                self.fail_once.difference_update(failing)
                raise OSError(f"connection dropped while sending to {sorted(failing)}")
        return super().send_messages(messages)


class SlowBackend(EmailBackend):
    """Django's in-memory backend, taking as long per message as a distant mail server might."""

    seconds_per_message = 0.5

    def send_messages(self, messages):
        time.sleep(self.seconds_per_message * len(messages))
        return super().send_messages(messages)
