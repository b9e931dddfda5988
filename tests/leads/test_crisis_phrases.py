"""The crisis-phrase check: what must mark a message urgent, and what must not."""

import pytest

from leads.crisis import (
    DEFAULT_CRISIS_PHRASES,
    DEFAULT_CRISIS_PHRASES_BY_LANGUAGE,
    find_crisis_phrases,
    parse_phrases,
)

# What a site starts with: every language's list, as intake checks a message against all of them.
EVERY_LANGUAGE = "\n".join([DEFAULT_CRISIS_PHRASES, *DEFAULT_CRISIS_PHRASES_BY_LANGUAGE.values()])

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


SPANISH_MUST_MATCH = [
    "Quiero morir",
    "Ya no quiero seguir viviendo así",
    "No quiero seguir viviendo",  # the phrase carries its own negation
    "he pensado en suicidarme",
    "Tengo pensamientos suicidas",
    "A veces pienso en matarme",
    "quiero quitarme la vida",
    "quisiera acabar con mi vida",
    "tengo ganas de hacerme daño",
    "tengo ganas de hacerme dano",  # typed without the ñ
    "SUICÍDATE me dicen las voces",  # accented capitals
    "siento que no vale la pena vivir",
    "estarían mejor muertos sin mí, o yo estaría mejor muerta",
    "No duermo y quiero morir",  # "y" ends the clause the "no" belongs to
    "No es fácil, pero quiero morir",
    "I feel so alone, quiero morir",  # languages mixed in one message
]

SPANISH_MUST_NOT_MATCH = [
    "No estoy pensando en suicidarme, solo quiero saber el precio",
    "Nunca he pensado en quitarme la vida",
    "No quiero morir, quiero sentirme mejor",
    "Jamás me haría daño",
    "Sin pensamientos de suicidio",
    "¿Cuánto cuesta una infusión de ketamina?",
    "Mi hija tiene depresión resistente al tratamiento",
    "Me gustaría una cita el martes",
]


@pytest.mark.parametrize("message", SPANISH_MUST_MATCH)
def test_spanish_crisis_messages_are_flagged_accents_or_not(message):
    assert find_crisis_phrases(message, EVERY_LANGUAGE), message


@pytest.mark.parametrize("message", SPANISH_MUST_NOT_MATCH)
def test_spanish_ordinary_messages_and_denials_are_not_flagged(message):
    assert find_crisis_phrases(message, EVERY_LANGUAGE) == [], message


@pytest.mark.parametrize("message", MUST_NOT_MATCH)
def test_the_spanish_list_adds_no_false_alarm_to_english_messages(message):
    assert find_crisis_phrases(message, EVERY_LANGUAGE) == [], message


def test_a_phrase_is_reported_as_the_editor_wrote_it_with_its_accents():
    assert find_crisis_phrases("quiero hacerme dano", "hacerme daño") == ["hacerme daño"]
    assert find_crisis_phrases("quiero hacerme daño", "hacerme dano") == ["hacerme dano"]


def test_the_spanish_list_has_no_duplicates():
    lines = [line for line in DEFAULT_CRISIS_PHRASES_BY_LANGUAGE["es"].splitlines() if line]
    assert len(parse_phrases(lines)) == len(lines)
