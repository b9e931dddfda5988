"""The demo's general pages visitors look for: cost and insurance, treatments compared, and the
care team with the editorial policy. Plain dicts, like the demo articles, so blog/demo.py can
create or refresh each by slug; facts carry source keys numbered by `article()`."""

import datetime

from blog.demo_articles import article, crisis_help, heading, key_facts, paragraph

# Invented prices for the demo, marked as samples in Settings > Prices until the clinic enters
# its own.
SAMPLE_PRICES = {
    "as_of": datetime.date(2026, 11, 1),
    "note": (
        "Sample prices for the demo site. Ask us for a written estimate before you start; we "
        "give you an itemized receipt you can send to your insurer."
    ),
    "rows": [
        (
            "Medical assessment with a psychiatrist",
            "$350",
            "About 60 minutes, before any infusion.",
        ),
        ("One ketamine infusion", "$450", "About 2 hours, with monitoring and rest."),
        ("A first course of six infusions", "$2,700", "Usually over 2 to 3 weeks."),
        ("A maintenance infusion", "$450", "Only if the first course helped."),
    ],
}

COST_PAGE = article(
    {
        "slug": "cost-and-insurance",
        "title": "Cost and insurance",
        "seo_title": "Ketamine Infusion Cost and Insurance",
        "description": "What ketamine infusions cost, why insurance rarely pays for them, and how esketamine and other options are usually covered.",
        "intro": "What a first course of infusions costs, what insurance usually pays for, and "
        "what to ask before you start.",
        "body": [
            key_facts(
                "Insurance rarely pays for IV ketamine for depression, because it is an "
                "off-label use [@fda_off_label]. Most people pay for it themselves.",
                "Esketamine nasal spray is FDA-approved, so insurance plans often cover it, "
                "usually after a prior approval [@spravato_label].",
                "A first course is usually six infusions over two to three weeks [@murrough].",
            ),
            {
                "type": "price_list",
                "value": {
                    "heading": "Our prices",
                    "intro": "What you pay us, before any refund from your insurance.",
                },
            },
            heading("Why insurance rarely pays for ketamine infusions"),
            paragraph(
                "Using IV ketamine for depression is an off-label use of an approved anesthetic "
                "medicine. Off-label means a doctor prescribes a medicine for a purpose other "
                "than the one it was approved for [@fda_off_label]. Insurance plans often do not "
                "pay for off-label treatment. Some plans pay part of the assessment or the "
                "monitoring. Ask your plan, and we give you a receipt you can send in.",
                "The ketamine-type product approved for treatment-resistant depression in the US "
                "is esketamine nasal spray. It is given only in certified settings, under a "
                "safety monitoring program [@spravato_label]. Because it is approved, plans more "
                "often cover it.",
            ),
            heading("Other options and their cost"),
            paragraph(
                "ECT, magnetic stimulation (TMS) and changes to your medicines are usually "
                "covered by insurance when depression has not improved with other treatment. "
                "Our page comparing treatments lists what each involves. Ask your plan what it "
                "pays for before you choose.",
            ),
            heading("Questions to ask before you start"),
            paragraph(
                "<ul><li>What is the total for the assessment and a first course?</li>"
                "<li>What happens if the first infusions do not help? We tell you honestly and "
                "talk about other options.</li>"
                "<li>Does my plan pay for any part of it, such as the assessment?</li></ul>",
            ),
        ],
    },
    ["fda_off_label", "spravato_label", "murrough"],
)

# One column per treatment; each row answers one question, with its sources.
COMPARE_COLUMNS = ["IV ketamine", "Esketamine nasal spray", "TMS", "ECT", "Medication changes"]
COMPARE_ROWS = [
    (
        "FDA status",
        [
            "Not approved for depression: an off-label use of an approved anesthetic "
            "[@fda_off_label].",
            "Approved for treatment-resistant depression (2019), for depression with sudden "
            "suicidal thoughts (2020), and for use on its own (2025) [@spravato_label].",
            "Cleared by the FDA as a device for depression that has not improved with medicine "
            "[@mcintyre_2023].",
            "Devices cleared by the FDA for severe depression that has not improved, or when a "
            "fast response is needed [@fda_ect].",
            "Antidepressants and several add-on medicines are approved [@mayo].",
        ],
    ),
    (
        "How fast it works",
        [
            "Some people feel better within hours to a day [@zarate].",
            "Trials judged it after four weeks; some people improve sooner [@spravato_label].",
            "Usually several weeks [@mayo_tms].",
            "Often within a few weeks of treatments [@mayo_ect].",
            "Usually 4 to 8 weeks per medicine [@nimh].",
        ],
    ),
    (
        "How long relief lasts",
        [
            "One infusion: days to about a week. After a course, many people slip back within "
            "weeks without maintenance [@murrough].",
            "In a trial, continued doses lowered the chance of relapse [@spravato_label].",
            "Can last months; some people need a repeat course [@mayo_tms].",
            "Many people relapse without follow-on treatment [@mayo_ect].",
            "As long as the medicine is taken and keeps working [@star_d].",
        ],
    ),
    (
        "Visits",
        [
            "About six 2-hour visits over 2 to 3 weeks, then maintenance if it helps [@murrough].",
            "Twice a week at first, then weekly or every other week, with 2 hours of monitoring "
            "each time [@spravato_label].",
            "Daily on weekdays for about 4 to 6 weeks [@mayo_tms].",
            "Two or three times a week for about 6 to 12 treatments, under anesthesia [@mayo_ect].",
            "A prescriber visit every few weeks [@mayo].",
        ],
    ),
    (
        "Main risks",
        [
            "Dissociation, raised blood pressure, sleepiness, nausea; rarely slowed breathing; "
            "misuse; long-term safety unknown [@short].",
            "Dissociation, dizziness, nausea, sleepiness, raised blood pressure; no driving until "
            "the next day [@spravato_label].",
            "Headache and scalp pain; seizures are rare [@mayo_tms].",
            "Confusion and memory loss; some people permanently lose memories of the weeks "
            "around treatment; anesthesia risks [@mayo_ect, @sackeim].",
            "Depends on the medicine: for example nausea, sleep or sexual problems, weight gain "
            "[@mayo].",
        ],
    ),
    (
        "Insurance",
        [
            "Rarely covered; most people pay themselves.",
            "Often covered, usually after prior approval.",
            "Often covered after several medicines have not helped.",
            "Usually covered.",
            "Usually covered.",
        ],
    ),
]

COMPARE_PAGE = article(
    {
        "slug": "compare-treatments",
        "title": "Treatments for depression that has not lifted, compared",
        "seo_title": "Ketamine, Esketamine, TMS, ECT and Medicines Compared",
        "description": "IV ketamine, esketamine, TMS, ECT and medication changes side by side: FDA status, speed, how long relief lasts, visits, risks and insurance.",
        "intro": "Five options side by side, with their downsides. Talk them through with your "
        "doctor: the best choice depends on your health and your history.",
        "body": [
            paragraph(
                "When two antidepressants have not helped, there is more than one next step. Our "
                "clinic offers one of them, IV ketamine, so we have a stake in this choice. We "
                "list the others fairly, with their downsides and with sources you can check.",
            ),
            {
                "type": "table",
                "value": {
                    "caption": "Five treatments compared",
                    "corner": "",
                    "column_headings": COMPARE_COLUMNS,
                    "rows": [{"heading": label, "cells": cells} for label, cells in COMPARE_ROWS],
                },
            },
            paragraph(
                "Insurance rules differ from plan to plan. Ask your plan before you choose. Talk "
                "therapy can be added to any of these options [@mayo].",
            ),
            crisis_help(),
        ],
    },
    [
        "fda_off_label",
        "spravato_label",
        "mcintyre_2023",
        "fda_ect",
        "mayo_tms",
        "mayo_ect",
        "mayo",
        "zarate",
        "nimh",
        "murrough",
        "star_d",
        "short",
        "sackeim",
    ],
)

CARE_TEAM_PAGE = {
    "slug": "care-team-and-editorial-policy",
    "title": "Our care team and editorial policy",
    "seo_title": "Our Care Team and Editorial Policy",
    "description": "Who writes and checks our articles, how medical review works, how often we update them, and our conflicts of interest.",
    "intro": "Who writes and checks what we publish, how we keep it up to date, and where we "
    "have a stake in what we say.",
    "body": [
        heading("How we write"),
        paragraph(
            "Our health writers write each article in plain words, from published sources such "
            "as medical journals, the FDA and the National Institutes of Health. We take facts "
            "from the sources, never their sentences, and we list every source at the end. We "
            "aim for a reading grade of 8 or below.",
            "Every article about a treatment says that IV ketamine for depression is off-label, "
            "names its side effects and risks, and lists other options.",
        ),
        heading("How we check it"),
        paragraph(
            "Before an article is published as reviewed, a clinician in our medical review "
            "group checks the facts in our review workflow and approves it. Only then does the "
            "article say “Medically reviewed by”, with the reviewer's name and the date of "
            "the approval.",
            "If we change an article without a new review, it says “medical review pending” "
            "until a reviewer approves the change.",
        ),
        heading("How we keep it up to date"),
        paragraph(
            "We review each article at least once a year, and sooner when new research or a new "
            "FDA decision changes what we should say. Each article shows when it was last "
            "updated.",
        ),
        heading("Conflicts of interest"),
        paragraph(
            "Our clinic is paid for the ketamine infusions it gives. That is a conflict of "
            "interest, and you should know it. To keep it in check, our articles name other "
            "options and their downsides, and our medical reviewers can change or stop any "
            "article. We tell you here about any payment our writers or reviewers receive "
            "from companies that make treatments for depression.",
        ),
        heading("If you find a mistake"),
        paragraph(
            "Please tell us through our contact page. We check every report, correct what is "
            "wrong, and note the change.",
        ),
    ],
}
