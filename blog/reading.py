"""How long an article takes to read, computed from its body when it is saved."""

import math

# An adult reading health information on screen manages about 200 words a minute; rounding up
# means the estimate never promises a shorter read than the page is.
WORDS_PER_MINUTE = 200


def count_words(texts: list[str]) -> int:
    return sum(len(text.split()) for text in texts)


def reading_minutes(body) -> int:
    """Whole minutes it takes to read a StreamField body, at least one."""
    words = count_words(body.stream_block.get_searchable_content(body))
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
