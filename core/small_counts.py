"""Small numbers identify people: in a report that Marketing sees, "2 requests from the
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


OTHER_SMALL_GROUPS = "Other (small groups)"


def fold_small_groups(rows, label_fields, count_fields, within=None) -> list[dict]:
    """Report rows (dicts) with every group counted 1 to 4 folded into one "Other (small groups)"
    row: a campaign link made for one person, a page one visitor used or a rare language would
    otherwise be a row of its own that points at that person, even with its count masked. The
    first of `count_fields` decides what is small; all of them are summed into the folded row,
    whose `label_fields` read OTHER_SMALL_GROUPS. With `within` (a field such as the month), each
    of its values gets its own folded row, after that value's other rows. Rows keep their order."""
    first = count_fields[0]
    groups: dict = {}  # within's value -> [the rows kept, the folded row or None]
    for row in rows:
        key = row[within] if within else None
        kept, _ = groups.setdefault(key, [[], None])
        if not 0 < (row[first] or 0) < SMALLEST_SHOWN:
            kept.append(row)
            continue
        if groups[key][1] is None:
            groups[key][1] = {
                **({within: key} if within else {}),
                **dict.fromkeys(label_fields, OTHER_SMALL_GROUPS),
                **dict.fromkeys(count_fields, 0),
            }
        for field in count_fields:
            groups[key][1][field] += row[field] or 0
    return [row for kept, other in groups.values() for row in (*kept, *([other] if other else []))]
