"""The self-check's only table of its own: how many self-checks were finished each day, and how
many of those led to a request. Answers are never stored here (or anywhere, unless the visitor
attaches them to a request: then they are the lead's, in leads). The page type is in
selfcheck.pages."""

from django.db import models


class SelfCheckDayCount(models.Model):
    """Counts per day, like leads' TrappedSubmissionCount: what Marketing's Insights figure reads
    instead of any row per visitor."""

    day = models.DateField(unique=True, help_text="The day (clinic time).")
    finished = models.PositiveIntegerField(
        default=0, help_text="Self-checks answered in full that day (a result was shown)."
    )
    requests = models.PositiveIntegerField(
        default=0, help_text="Requests sent that day from a self-check's result page."
    )

    class Meta:
        ordering = ["-day"]
        verbose_name = "self-check day count"

    def __str__(self) -> str:
        return f"{self.day}: {self.finished} finished, {self.requests} requests"
