"""The crisis-phrase check: what must mark a message urgent, and what must not."""

import pytest

from leads.crisis import DEFAULT_CRISIS_PHRASES, find_crisis_phrases, parse_phrases

MUST_MATCH = [
    "I have been feeling suicidal for weeks",
    "Sometimes I think about SUICIDE",
    "sucidal thoughts again last night",
    "I want to kill myself",
    "i keep thinking about killing myself",
    "I just want to end it all",
    "I don't want to live anymore",
    "I dont want to live like this",
    "I don’t want to live",  # typographic apostrophe
    "Honestly I can't go on",
    "i cant go on like this",
    "I have been self-harming again",
    "history of self harm",
    "selfharm",
    "Everyone would be better off without me",
    "I wish I was dead",
    "I'm not sure I want to live, I want to die",
    "I'm not okay. I want to die.",
    "I was never good at asking for help but I want to end my life",
    "Not suicidal before, but now I am suicidal",
    "thinking of taking my life",
    "I overdosed last year",
]

MUST_NOT_MATCH = [
    "",
    "I am not suicidal, I just want to know about cost",
    "No suicidal thoughts, only low mood",
    "I have never been suicidal",
    "I don't want to die, I want to feel better",
    "I would never hurt myself",
    "Without thoughts of self harm",
    "I have the skills myself to manage appointments",  # 'kill myself' inside 'skills myself'
    "My diet has changed",  # 'die' inside 'diet'
    "I studied the research on ketamine",
    "What is the cost of an infusion?",
    "My daughter has treatment-resistant depression",
]


@pytest.mark.parametrize("message", MUST_MATCH)
def test_crisis_messages_are_flagged(message):
    assert find_crisis_phrases(message), message


@pytest.mark.parametrize("message", MUST_NOT_MATCH)
def test_ordinary_messages_and_denials_are_not_flagged(message):
    assert find_crisis_phrases(message) == [], message


def test_two_spellings_of_one_phrase_report_it_once():
    assert find_crisis_phrases("I want to kill my self", "kill myself\nkill my self") == [
        "kill my self"
    ]
    assert find_crisis_phrases("I want to kill myself", "kill myself\nkill my self") == [
        "kill myself"
    ]


def test_the_matched_phrases_are_reported_for_staff():
    assert find_crisis_phrases("I want to kill myself and I feel suicidal") == [
        "suicid*",
        "kill myself",
    ]


def test_editors_phrase_list_is_used_one_phrase_per_line():
    phrases = "  Give up On EVERYTHING \n\n  \nnowhere to turn\n"
    assert parse_phrases(phrases) == ("give up on everything", "nowhere to turn")
    assert find_crisis_phrases("I feel I have nowhere to turn", phrases) == ["nowhere to turn"]
    assert find_crisis_phrases("I feel suicidal", phrases) == []


def test_wildcard_matches_any_ending_of_a_whole_word_only():
    assert find_crisis_phrases("hopelessness everywhere", "hopeless*") == ["hopeless*"]
    assert find_crisis_phrases("unhopeless", "hopeless*") == []


def test_a_list_of_only_blank_or_star_lines_matches_nothing():
    assert find_crisis_phrases("anything at all", "\n * \n") == []


def test_default_list_has_no_duplicates():
    lines = [line for line in DEFAULT_CRISIS_PHRASES.splitlines() if line.strip()]
    assert len(parse_phrases(lines)) == len(lines)
