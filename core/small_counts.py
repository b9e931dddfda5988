"""Small numbers identify people (issue 11): in a report that Marketing sees, "2 requests from the
spring campaign" next to a name in a newsletter list can point at a person. A count from 1 to 4 is
shown as a range instead. One function and its template filter (`{% load small_counts %}`,
`{{ count|small_count }}`), for every report and chart that shows counts of people."""

SMALL_COUNT_LABEL = "1–4"
SMALLEST_SHOWN = 5


def small_count(count):
    """The count as shown to people who may not see the individual requests: 0 and counts of 5 or
    more as they are, 1 to 4 as "1–4". None (no figure) stays None."""
    if count is None:
        return None
    if 0 < count < SMALLEST_SHOWN:
        return SMALL_COUNT_LABEL
    return count
