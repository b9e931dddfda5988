"""The demo articles, written for this project in plain US English from published sources, so a demo
shows content a clinician could sign rather than filler. Each is a plain dict so blog/demo.py can create, find or refresh it by slug; the body is
StreamField's raw form.

Claims carry source keys such as [@sanacora]; `article()` numbers them in the order of the
article's reference list, so [@sanacora] becomes [2] and the page links it to reference 2. A
key the list lacks, or a listed source nothing cites, stops the import."""

import re

SOURCES = {
    "nimh": (
        "National Institute of Mental Health. Depression (health topic page).",
        "https://www.nimh.nih.gov/health/topics/depression",
    ),
    "mayo": (
        "Mayo Clinic Staff. Treatment-resistant depression. Mayo Clinic, Diseases & Conditions.",
        "https://www.mayoclinic.org/diseases-conditions/depression/in-depth/treatment-resistant-depression/art-20044324",
    ),
    "star_d": (
        "Rush AJ, Trivedi MH, Wisniewski SR, et al. Acute and longer-term outcomes in depressed "
        "outpatients requiring one or several treatment steps: a STAR*D report. American Journal "
        "of Psychiatry. 2006;163(11):1905-1917.",
        "https://doi.org/10.1176/ajp.2006.163.11.1905",
    ),
    "berman": (
        "Berman RM, Cappiello A, Anand A, et al. Antidepressant effects of ketamine in depressed "
        "patients. Biological Psychiatry. 2000;47(4):351-354.",
        "https://doi.org/10.1016/S0006-3223(99)00230-9",
    ),
    "zarate": (
        "Zarate CA Jr, Singh JB, Carlson PJ, et al. A randomized trial of an N-methyl-D-aspartate "
        "antagonist in treatment-resistant major depression. Archives of General Psychiatry. "
        "2006;63(8):856-864.",
        "https://doi.org/10.1001/archpsyc.63.8.856",
    ),
    "wilkinson": (
        "Wilkinson ST, Ballard ED, Bloch MH, et al. The effect of a single dose of intravenous "
        "ketamine on suicidal ideation: a systematic review and individual participant data "
        "meta-analysis. American Journal of Psychiatry. 2018;175(2):150-158.",
        "https://doi.org/10.1176/appi.ajp.2017.17040472",
    ),
    "mcintyre": (
        "McIntyre RS, Rosenblat JD, Nemeroff CB, et al. Synthesizing the evidence for ketamine and "
        "esketamine in treatment-resistant depression: an international expert opinion on the "
        "available evidence and implementation. American Journal of Psychiatry. "
        "2021;178(5):383-399.",
        "https://doi.org/10.1176/appi.ajp.2020.20081251",
    ),
    "sanacora": (
        "Sanacora G, Frye MA, McDonald W, et al. A consensus statement on the use of ketamine in "
        "the treatment of mood disorders. JAMA Psychiatry. 2017;74(4):399-405.",
        "https://doi.org/10.1001/jamapsychiatry.2017.0080",
    ),
    "murrough": (
        "Murrough JW, Perez AM, Pillemer S, et al. Rapid and longer-term antidepressant effects of "
        "repeated ketamine infusions in treatment-resistant major depression. Biological "
        "Psychiatry. 2013;74(4):250-256.",
        "https://doi.org/10.1016/j.biopsych.2012.06.022",
    ),
    "short": (
        "Short B, Fong J, Galvez V, Shelker W, Loo CK. Side-effects associated with ketamine use in "
        "depression: a systematic review. Lancet Psychiatry. 2018;5(1):65-78.",
        "https://doi.org/10.1016/S2215-0366(17)30272-9",
    ),
    "zanos": (
        "Zanos P, Gould TD. Mechanisms of ketamine action as an antidepressant. Molecular "
        "Psychiatry. 2018;23(4):801-811.",
        "https://doi.org/10.1038/mp.2017.255",
    ),
    "fda_esketamine": (
        "U.S. Food and Drug Administration. FDA approves new nasal spray medication for "
        "treatment-resistant depression; available only at a certified doctor's office or "
        "clinic. News release, March 5, 2019.",
        "https://www.fda.gov/news-events/press-announcements/fda-approves-new-nasal-spray-medication-treatment-resistant-depression-available-only-certified",
    ),
    "dea": (
        "U.S. Drug Enforcement Administration. Ketamine (drug fact sheet).",
        "https://www.dea.gov/factsheets/ketamine",
    ),
    "ect_review": (
        "UK ECT Review Group. Efficacy and safety of electroconvulsive therapy in depressive "
        "disorders: a systematic review and meta-analysis. Lancet. 2003;361(9360):799-808.",
        "https://doi.org/10.1016/S0140-6736(03)12705-5",
    ),
    "lifeline": (
        "988 Suicide & Crisis Lifeline. Call or text 988, or chat online.",
        "https://988lifeline.org/",
    ),
    "fda_off_label": (
        "U.S. Food and Drug Administration. Understanding unapproved use of approved drugs "
        '"off label".',
        "https://www.fda.gov/patients/learn-about-expanded-access-and-other-treatment-options/understanding-unapproved-use-approved-drugs-label",
    ),
    "spravato_label": (
        "Janssen Pharmaceuticals. SPRAVATO (esketamine) nasal spray: full prescribing "
        "information (indications of 2019, 2020 and 2025; warnings; drug interactions).",
        "https://www.janssenlabels.com/package-insert/product-monograph/prescribing-information/SPRAVATO-pi.pdf",
    ),
    "ketalar_label": (
        "KETALAR (ketamine hydrochloride) injection: prescribing information (contraindications, "
        "warnings). DailyMed, U.S. National Library of Medicine.",
        "https://dailymed.nlm.nih.gov/dailymed/search.cfm?labeltype=all&query=ketalar",
    ),
    "mcintyre_2023": (
        "McIntyre RS, Alsuwaidan M, Baune BT, et al. Treatment-resistant depression: definition, "
        "prevalence, detection, management, and investigational interventions. World "
        "Psychiatry. 2023;22(3):394-412.",
        "https://doi.org/10.1002/wps.21120",
    ),
    "zhdanava": (
        "Zhdanava M, Pilon D, Ghelerter I, et al. The prevalence and national burden of "
        "treatment-resistant depression and major depressive disorder in the United States. "
        "Journal of Clinical Psychiatry. 2021;82(2):20m13699.",
        "https://doi.org/10.4088/JCP.20m13699",
    ),
    "chilukuri": (
        "Chilukuri H, Reddy NP, Pathapati RM, Manu AN, Jollu S, Shaik AB. Acute antidepressant "
        "effects of intramuscular versus intravenous ketamine. Indian Journal of Psychological "
        "Medicine. 2014;36(1):71-76.",
        "https://doi.org/10.4103/0253-7176.127258",
    ),
    "sackeim": (
        "Sackeim HA, Prudic J, Fuller R, Keilp J, Lavori PW, Olfson M. The cognitive effects of "
        "electroconvulsive therapy in community settings. Neuropsychopharmacology. "
        "2007;32(1):244-254.",
        "https://doi.org/10.1038/sj.npp.1301180",
    ),
    "mayo_ect": (
        "Mayo Clinic Staff. Electroconvulsive therapy (ECT). Mayo Clinic, Tests & Procedures.",
        "https://www.mayoclinic.org/tests-procedures/electroconvulsive-therapy/about/pac-20393894",
    ),
    "fda_ect": (
        "U.S. Food and Drug Administration. Neurological devices; reclassification of "
        "electroconvulsive therapy devices. Final order. Federal Register, December 26, 2018 "
        "(83 FR 66103).",
        "https://www.federalregister.gov/citation/83-FR-66103",
    ),
    "mayo_tms": (
        "Mayo Clinic Staff. Transcranial magnetic stimulation. Mayo Clinic, Tests & Procedures.",
        "https://www.mayoclinic.org/tests-procedures/transcranial-magnetic-stimulation/about/pac-20384625",
    ),
}

# [@sanacora] or [@murrough, @short]: replaced by reference numbers in `article()`.
SOURCE_MARKER = re.compile(r"\[(@\w+(?:\s*,\s*@\w+)*)\]")


def paragraph(*paragraphs: str) -> dict:
    """A rich-text block: each text a paragraph, except a list, which is a block of its own (a
    list inside a <p> is invalid HTML)."""
    return {
        "type": "paragraph",
        "value": "".join(
            text if text.startswith(("<ul>", "<ol>")) else f"<p>{text}</p>" for text in paragraphs
        ),
    }


def heading(text: str, level: str = "h2") -> dict:
    return {"type": "heading", "value": {"text": text, "level": level}}


def key_facts(*facts: str, title: str = "Key facts") -> dict:
    return {"type": "key_facts", "value": {"heading": title, "facts": list(facts)}}


def faq(*pairs: tuple[str, str]) -> dict:
    items = [{"question": question, "answer": f"<p>{answer}</p>"} for question, answer in pairs]
    return {"type": "faq", "value": {"heading": "Frequently asked questions", "items": items}}


def quote(text: str, attribution: str) -> dict:
    return {"type": "quote", "value": {"quote": text, "attribution": attribution}}


def crisis_help(heading_text: str = "If you are thinking about suicide") -> dict:
    """The crisis box: this lead-in, then the clinic's crisis message with the footer's links."""
    lead_in = (
        "<p>Please reach out now: <b>call or text 988</b> to talk with the Suicide &amp; Crisis "
        "Lifeline (US), or <b>call 911</b> or go to the nearest emergency room if you are in danger "
        "right now. You do not have to wait for an appointment with us to get help.</p>"
    )
    return {"type": "crisis_help", "value": {"heading": heading_text, "text": lead_in}}


def risks(*groups: tuple[str, list[str]], intro: str = "") -> dict:
    value = {
        "heading": "Side effects and risks",
        "intro": intro,
        "groups": [{"label": label, "items": items} for label, items in groups],
    }
    return {"type": "risks", "value": value}


def number_sources(data, order: list[str], cited: set):
    """`data` with every [@key] marker replaced by its number in `order`."""

    def replace(match: re.Match) -> str:
        keys = [key.strip().lstrip("@") for key in match.group(1).split(",")]
        missing = [key for key in keys if key not in order]
        if missing:
            raise ValueError(f"cited but not in the reference list: {missing}")
        cited.update(keys)
        return "[" + ", ".join(str(order.index(key) + 1) for key in keys) + "]"

    if isinstance(data, str):
        return SOURCE_MARKER.sub(replace, data)
    if isinstance(data, dict):
        return {key: number_sources(value, order, cited) for key, value in data.items()}
    if isinstance(data, list):
        return [number_sources(item, order, cited) for item in data]
    return data


def article(spec: dict, sources: list[str]) -> dict:
    """`spec` with numbered reference markers and its reference list as the last block."""
    cited: set = set()
    body = number_sources(spec["body"], sources, cited)
    uncited = [key for key in sources if key not in cited]
    if uncited:
        raise ValueError(f"{spec['slug']}: listed but never cited: {uncited}")
    listing = [{"citation": SOURCES[key][0], "url": SOURCES[key][1]} for key in sources]
    references = {"type": "references", "value": {"heading": "References", "references": listing}}
    return {**spec, "body": [*body, references]}


# The facts every page about ketamine treatment states, in the same words: a clinician approves
# each wording once, and the clinical content test finds it on every page.
OFF_LABEL = (
    "Using IV ketamine for depression is an off-label use of an approved anesthetic medicine. "
    "Off-label means a doctor prescribes a medicine for a purpose other than the one it was "
    "approved for [@fda_off_label]. The ketamine-type product approved for treatment-resistant "
    "depression in the US is esketamine nasal spray. It is given only in certified settings, "
    "under a safety monitoring program [@fda_esketamine]."
)

DURABILITY = (
    "<b>How long relief lasts.</b> The benefit of one infusion usually fades within days to about "
    "a week [@berman, @zarate]. After a first course, many people who responded slip back within "
    "weeks [@murrough]. So maintenance sessions, or another plan, are often needed. There is "
    "little long-term evidence on maintenance and repeated doses [@sanacora, @short]."
)

RESPONSE = (
    "<b>How many people it helps.</b> In trials, roughly half to two-thirds of people improved a "
    "lot in the short term. Fewer had their symptoms go away fully, which doctors call remission "
    "[@zarate, @murrough, @mcintyre]. Ketamine does not help everyone."
)

RISKS = risks(
    (
        "Common, during or soon after an infusion",
        [
            "Dissociation [@short]: feeling detached from your body or your surroundings, as if "
            "in a dream. Time, sounds and colors may seem strange. It usually fades within about "
            "15 to 60 minutes after the infusion ends.",
            "A rise in blood pressure and a faster heart rate [@short]. They usually settle soon "
            "after.",
            "Sleepiness (sedation) [@short].",
            "Nausea or vomiting, dizziness, headache and blurred vision [@short].",
            "Anxiety [@short].",
        ],
    ),
    (
        "Less common",
        [
            "Dissociation that feels frightening or upsetting. Tell the nurse, who can slow or stop "
            "the infusion."
        ],
    ),
    (
        "Rare",
        [
            "Slowed breathing [@ketalar_label]. This is rare at the doses used for depression. The "
            "nurse checks your oxygen level the whole time.",
        ],
    ),
    (
        "Over the long term",
        [
            "Bladder problems, such as pain and needing to urinate often, and problems with "
            "memory and thinking. These are known in people who use a lot of ketamine outside "
            "medical care [@short].",
            "The long-term safety of repeated medical doses is not known [@short].",
        ],
    ),
    (
        "Misuse",
        [
            "Ketamine can be misused. It is a controlled substance in the US (Schedule III) "
            "[@dea].",
        ],
    ),
    intro="Most side effects are mild and pass within an hour or two of an infusion. Some are "
    "rare but serious, such as slowed breathing.",
)

ARTICLES = [
    article(
        {
            "slug": "what-is-treatment-resistant-depression",
            "seo_title": "What Is Treatment-Resistant Depression?",
            "description": "What treatment-resistant depression means, how doctors define it, and the options that open up when two antidepressants have not helped.",
            "title": "What is treatment-resistant depression?",
            "summary": (
                "When two or more antidepressants have not lifted your depression, doctors may "
                "call it treatment-resistant. Here is what that label means, and the options that "
                "come next."
            ),
            "topics": ["treatment-resistant-depression"],
            "palette": "morning",
            "image_alt": "Early light over quiet green hills.",
            "days_ago": 40,
            "body": [
                paragraph(
                    "You may have taken an antidepressant for months, then switched to another. "
                    "And you still wake up with the same heaviness. You may wonder if something "
                    "is wrong with you. It is not a matter of trying harder. Doctors have a name "
                    "for this: <i>treatment-resistant depression</i>. Knowing the name is often "
                    "the first step toward a new plan.",
                    "This article explains what the term means and what usually comes next. Only "
                    "a clinician who knows your history can say if the label fits you.",
                ),
                key_facts(
                    "Treatment-resistant depression (TRD) is major depression that has not "
                    "improved enough with standard treatment [@mayo].",
                    "Current definitions use one rule: depression that has not improved enough "
                    "after two antidepressants in this episode, each taken at a good dose for long "
                    "enough [@mcintyre_2023].",
                    "About 3 in 10 adults treated for major depression have it [@zhdanava].",
                    "With each new medicine tried, the chance of getting well goes down [@star_d].",
                    "TRD is a reason to review the plan. It does not mean nothing will work.",
                ),
                heading("A working definition"),
                paragraph(
                    "Major depression is diagnosed when low mood or loss of interest lasts most of "
                    "the day, nearly every day, for at least two weeks. Other changes come with "
                    "it, such as poor sleep, low energy, trouble focusing or feeling worthless "
                    "[@nimh]. Most people are first offered talk therapy, medicine, or both.",
                    "Experts argued for years about the exact definition of treatment resistance. "
                    "Current definitions agree on a simple rule. The depression has not improved "
                    "enough after at least two antidepressants in the current episode. Each "
                    "medicine must have been taken at a proper dose for long enough. The two "
                    "medicines do not have to work in different ways [@mcintyre_2023].",
                ),
                heading("How common is it?"),
                paragraph(
                    "Treatment resistance is common. In a large US study, about 3 in 10 adults "
                    "treated for major depression had treatment-resistant depression [@zhdanava]. "
                    "Numbers vary from study to study, with the definition used. The large STAR*D study in the United "
                    "States followed thousands of people through up to four treatment steps. "
                    "About one in three people had their symptoms go away with the first "
                    "medicine. The chance of that fell with each step after it [@star_d]. That is one reason doctors now "
                    "look at other options sooner.",
                ),
                heading("Why the label matters"),
                paragraph(
                    "Being told your depression is treatment-resistant can sound bleak. In fact, "
                    "the label helps. It prompts a careful review of all you have tried. It "
                    "shows that one more medicine of the same kind is unlikely to help. And it "
                    "opens the door to treatments kept for people who did not get better with "
                    "first-line care. First-line care means the treatments doctors usually try "
                    "first.",
                ),
                heading("Your options"),
                paragraph(
                    "There is more than one path, and ours is only one of them [@mayo]. Each has "
                    "its own downsides. Talk through each one with your doctor:",
                ),
                {
                    "type": "paragraph",
                    "value": (
                        "<ul>"
                        "<li><b>Electroconvulsive therapy (ECT).</b> A brief, controlled seizure "
                        "is caused under general anesthesia, usually two or three times a week. "
                        "For severe depression it is the most effective treatment we have. In a "
                        "large review of trials, it worked better than medicines in the short "
                        "term [@ect_review]. It can cause confusion and memory loss. Most memory "
                        "problems get better within weeks, but some people permanently lose "
                        "memories of the weeks around treatment [@mayo_ect, @sackeim].</li>"
                        "<li><b>Transcranial magnetic stimulation (TMS).</b> A magnetic coil "
                        "held against the head sends pulses to the brain [@mayo_tms]. You stay "
                        "awake. Sessions are usually on weekdays for several weeks, so it takes "
                        "many visits. Headache and scalp pain are common, and seizures are rare "
                        "[@mayo_tms].</li>"
                        "<li><b>Esketamine nasal spray.</b> One of ketamine's two mirror-image "
                        "forms. It was approved in the US for treatment-resistant depression in "
                        "2019 [@fda_esketamine]. In 2020 it was also approved for depression with "
                        "sudden suicidal thoughts, and in 2025 for use on its own "
                        "[@spravato_label]. It is given only in certified clinics, with at least "
                        "two hours of monitoring. It can cause dissociation, sleepiness and a "
                        "rise in blood pressure, and you cannot drive until the next day "
                        "[@spravato_label].</li>"
                        "<li><b>Augmentation.</b> Adding a second medicine to an antidepressant, "
                        "such as a medicine also used for psychosis, or thyroid hormone [@mayo]. "
                        "Psychosis means losing touch with reality, for example hearing voices "
                        "that others do not hear. The added medicine brings side effects of its "
                        "own, such as weight gain with some medicines for psychosis [@mayo].</li>"
                        "<li><b>Psychotherapy.</b> Talk therapy, such as cognitive behavioral "
                        "therapy, alone or with medicine [@mayo]. It takes regular sessions over "
                        "months, and it can be hard to find a therapist with open time.</li>"
                        "<li><b>Ketamine infusions.</b> This is what our clinic offers. Using IV "
                        "ketamine for depression is an off-label use of an approved anesthetic "
                        "medicine. Off-label means a doctor prescribes a medicine for a purpose "
                        "other than the one it was approved for [@fda_off_label]. Relief often "
                        "fades within weeks [@murrough]. It causes dissociation and a rise in "
                        "blood pressure during each visit [@short]. Insurance rarely pays for "
                        "it.</li>"
                        "</ul>"
                    ),
                },
                heading("Depression, hopelessness and safety"),
                paragraph(
                    "Long-lasting depression can wear down hope. Some people start to have "
                    "thoughts of ending their life. Those thoughts are a symptom of the illness. "
                    "They are more common than people realize, and they deserve help right away. "
                    "The 988 Lifeline is free and open day and night [@lifeline].",
                ),
                crisis_help(),
                heading("What you can do next"),
                paragraph(
                    "Write down every treatment you have tried. Note the name of each medicine, "
                    "the highest dose, how long you took it, and what happened, side effects "
                    "too. Bring the list to your prescriber or to an assessment with us. It makes "
                    "the next choice faster and safer, whoever makes it.",
                ),
                faq(
                    (
                        "Does treatment-resistant mean my depression can never be treated?",
                        "No. It means the first treatments did not work well enough. Many people "
                        "with treatment-resistant depression improve with a different approach.",
                    ),
                    (
                        "How many antidepressants do I need to have tried?",
                        "Current definitions count two antidepressants in this episode of "
                        "depression, each taken at a good dose for long enough [@mcintyre_2023]. "
                        "They do not need to be of different kinds.",
                    ),
                    (
                        "Should I stop my current medicine?",
                        "Never stop or change a prescribed medicine on your own. Talk with your "
                        "prescriber first. Stopping suddenly can cause withdrawal effects and "
                        "bring symptoms back.",
                    ),
                ),
            ],
        },
        [
            "nimh",
            "mayo",
            "mcintyre_2023",
            "zhdanava",
            "star_d",
            "ect_review",
            "mayo_ect",
            "sackeim",
            "mayo_tms",
            "fda_esketamine",
            "spravato_label",
            "fda_off_label",
            "murrough",
            "short",
            "lifeline",
        ],
    ),
    article(
        {
            "slug": "how-doctors-confirm-treatment-resistant-depression",
            "seo_title": "How Doctors Confirm Treatment-Resistant Depression",
            "description": "The four checks a clinician makes before calling depression treatment-resistant: doses, other conditions, absorption and the plan.",
            "title": "How doctors confirm treatment-resistant depression",
            "summary": (
                "Before a doctor calls depression treatment-resistant, they check four things. "
                "Was each dose right? Is another illness in the way? Does your body take in the "
                "medicine? Could you follow the plan?"
            ),
            "topics": ["treatment-resistant-depression", "what-to-expect"],
            "palette": "lake",
            "image_alt": "A calm lake below blue-green hills.",
            "days_ago": 32,
            "body": [
                paragraph(
                    "Depression that has not improved after two medicines is worth a closer look "
                    "before anyone calls it treatment-resistant. Sometimes a medicine never had a "
                    "fair chance. Sometimes another condition is hiding underneath. A good "
                    "assessment sorts out which is going on [@mayo]. The answer changes what "
                    "should happen next.",
                    "Here are the four questions doctors usually work through, and why each one "
                    "matters to you.",
                ),
                key_facts(
                    "Each medicine should have been taken at an effective dose for long enough, "
                    "usually several weeks, before it is judged to have failed.",
                    "Other mental health conditions can hide or blunt the response to treatment.",
                    "Some physical conditions stop a medicine from being absorbed well.",
                    "A plan that could not be followed is not the same as a plan that did not "
                    "work.",
                ),
                heading("1. Did each medicine get a fair trial?"),
                paragraph(
                    "Antidepressants often start at a low dose to limit side effects. The dose is "
                    "then raised over the next weeks. Side effects, a missed follow-up visit or "
                    "simple caution may have kept the dose low. If so, the medicine may never "
                    "have reached a level at which it works. A fair trial means an effective dose "
                    "for long enough, usually several weeks. Your clinician will look at "
                    "the highest dose you took and for how long.",
                ),
                heading("2. Is another condition masking the response?"),
                paragraph(
                    "Depression rarely travels alone. Anxiety, post-traumatic stress, attention "
                    "problems, bipolar disorder and substance use can all change how a person "
                    "responds to an antidepressant. They can also make it look as if nothing is "
                    "working. Bipolar disorder matters most here. It can cause or worsen "
                    "depression and needs a different treatment [@mayo]. A "
                    "clinician will ask about times of very high energy, racing thoughts or "
                    "needing much less sleep.",
                    "Physical health counts too. A slow thyroid, long-term pain and heart "
                    "problems can all cause or deepen low mood [@mayo]. So can sleep apnea and "
                    "some other medicines.",
                ),
                heading("3. Could the body be failing to absorb the medicine?"),
                paragraph(
                    "A medicine only helps if enough of it reaches the blood. Some gut "
                    "conditions, surgery on the stomach or bowel, and other medicines or "
                    "supplements can lower the amount absorbed. Some can speed up how fast it is "
                    "broken down. Sometimes a blood test or a review of your other prescriptions "
                    "answers the question.",
                ),
                heading("4. Was the plan one you could follow?"),
                paragraph(
                    "Taking a pill each day sounds simple. Then side effects, cost, a busy life "
                    "or the depression itself get in the way. Clinicians ask about this without "
                    "judgment. If a plan was hard to follow, the fix may be a different plan, not "
                    "a different diagnosis. Be honest about missed doses. It helps you get the "
                    "right care.",
                ),
                heading("What happens after the checks"),
                paragraph(
                    "The review may show that two fair trials of antidepressants in this episode "
                    "have not helped. In that case the depression is usually called "
                    "treatment-resistant [@mcintyre_2023]. Then other options come into view "
                    "[@mayo]. These include ECT, magnetic stimulation (TMS), esketamine nasal spray, adding a "
                    "second medicine, talk therapy and ketamine infusions. Our article on "
                    "treatment-resistant depression describes each one.",
                    "At our clinic, this review is part of the first assessment. With your "
                    "permission, we also ask for your records from other prescribers, so nothing "
                    "is missed. The review of all you have tried is one reason the STAR*D study "
                    "matters: the chance of getting well fell with each new step [@star_d].",
                    "If thoughts of suicide are part of what you are living with, tell the "
                    "clinician during the assessment. It is a routine, important question, and it "
                    "helps us keep you safe. The 988 Lifeline is free and open day and night "
                    "[@lifeline].",
                ),
                crisis_help(),
                faq(
                    (
                        "What should I bring to an assessment?",
                        "A list of every medicine you have taken for depression, with the highest "
                        "dose and how long you took it. Add any other current medicines and "
                        "supplements, and how to reach your current prescriber.",
                    ),
                    (
                        "Will I have blood tests?",
                        "Sometimes. A clinician may order tests to rule out physical causes of low "
                        "mood, such as thyroid problems [@nimh].",
                    ),
                    (
                        "Can I be assessed if I am still taking an antidepressant?",
                        "Yes. Most people keep taking their current medicine during the "
                        "assessment. Do not stop anything without advice.",
                    ),
                ),
            ],
        },
        ["mayo", "nimh", "mcintyre_2023", "star_d", "lifeline"],
    ),
    article(
        {
            "slug": "how-ketamine-works-in-the-brain",
            "describes_treatment": True,
            "seo_title": "How Ketamine Works in the Brain",
            "description": "Ketamine acts on glutamate, not serotonin. What scientists think happens in the brain, how long relief lasts, and the side effects.",
            "title": "How ketamine works in the brain",
            "summary": (
                "Ketamine acts on glutamate, the brain's most common chemical messenger, not on "
                "serotonin. This may be why some people feel better within hours."
            ),
            "topics": ["ketamine-therapy"],
            "palette": "forest",
            "image_alt": "Layers of forested hills under a pale sky.",
            "days_ago": 24,
            "body": [
                paragraph(
                    "Most antidepressants work on serotonin, norepinephrine or dopamine. They "
                    "usually take several weeks to help. Ketamine works in a different way. It "
                    "acts on glutamate, the most common chemical messenger in the brain. In some "
                    "people it lifts mood much faster than older medicines do [@zarate].",
                    "Scientists are still working out how it helps. Here is a plain-language tour "
                    "of what they think happens, and what it means for you.",
                    OFF_LABEL,
                ),
                key_facts(
                    "Ketamine blocks one kind of glutamate receptor, the NMDA receptor [@zanos].",
                    "This is thought to set off a chain of signals that helps nerve cells form "
                    "new connections. That idea is still being tested [@zanos].",
                    "Some people feel better within hours, but the effect of one dose fades "
                    "within days to about a week [@berman, @zarate].",
                    "IV ketamine for depression is off-label. The approved ketamine-type product "
                    "is esketamine nasal spray [@fda_esketamine].",
                ),
                heading("Glutamate: the brain's busiest messenger"),
                paragraph(
                    "Nerve cells talk to each other by releasing chemicals across tiny gaps "
                    "called synapses. Glutamate is the messenger used at most of them. It helps "
                    "the brain learn, adapt and form memories. Some studies suggest that these "
                    "links grow weak in long-lasting depression [@zanos].",
                ),
                heading("Two receptors, one chain of events"),
                paragraph(
                    "Ketamine blocks the NMDA receptor, one of the docking points that glutamate "
                    "uses [@zanos]. This is thought to cause a short burst of glutamate "
                    "release.",
                    "That extra glutamate is thought to act on a second docking point, the AMPA "
                    "receptor. This may set off signals inside the cell that help nerve cells "
                    "build new connections [@zanos]. The idea is that new links help the brain "
                    "break out of the stuck patterns of thought and feeling that come with "
                    "depression. It is an idea, not a proven fact. Scientists are testing other "
                    "ideas too [@zanos].",
                ),
                heading("Why it can work quickly", "h3"),
                paragraph(
                    "In the first controlled studies, from 2000 and 2006, some people with "
                    "hard-to-treat depression felt much better the day after a single infusion "
                    "[@berman, @zarate]. Not everyone responds [@zarate].",
                    RESPONSE,
                    DURABILITY,
                ),
                RISKS,
                heading("Ketamine and suicidal thoughts"),
                paragraph(
                    "Studies have found that one dose of ketamine eased suicidal thoughts in some "
                    "people, often within a day, for up to about a week [@wilkinson]. This is one "
                    "reason researchers are so interested in it. But these studies looked at "
                    "thoughts, not actions. Neither ketamine nor esketamine has been shown to "
                    "prevent suicide attempts [@wilkinson, @spravato_label]. It is not an "
                    "emergency treatment you can walk in for, and it does not replace crisis "
                    "care. The 988 Lifeline is free and open day and night [@lifeline].",
                ),
                crisis_help(),
                heading("What this means for you"),
                paragraph(
                    "Ketamine is a medicine with real effects on the brain. So it is given at low "
                    "doses, under a doctor's care, with a nurse watching the whole time. Experts disagree "
                    "about where it fits among other options, and how it compares with them is "
                    "not settled [@mcintyre]. Our doctors will talk through the benefits, the "
                    "risks and your other options before you decide anything.",
                ),
                faq(
                    (
                        "Is ketamine for depression the same as the anesthetic?",
                        "It is the same medicine, but depression treatment uses much lower doses "
                        "than anesthesia, and you stay awake. Using it for depression is "
                        "off-label [@sanacora].",
                    ),
                    (
                        "Will I have to stop my antidepressant?",
                        "Usually not. Many people keep taking their current medicines. Your "
                        "doctor will check all the medicines you take before you start.",
                    ),
                    (
                        "How soon might I notice a difference?",
                        "Some people notice a change within hours or a day of an infusion [@zarate]. "
                        "For others it builds over a course. Some people do not respond, and we "
                        "will tell you honestly if the treatment is not helping.",
                    ),
                ),
            ],
        },
        [
            "zanos",
            "berman",
            "zarate",
            "murrough",
            "mcintyre",
            "wilkinson",
            "spravato_label",
            "sanacora",
            "short",
            "ketalar_label",
            "fda_off_label",
            "fda_esketamine",
            "dea",
            "lifeline",
        ],
    ),
    article(
        {
            "slug": "why-we-give-ketamine-by-infusion",
            "describes_treatment": True,
            "seo_title": "Why Ketamine Is Given by IV Infusion",
            "description": "Ketamine can be taken by mouth, as a nasal spray, as a shot or by IV infusion. Why we use IV infusion, what the evidence does and does not show, and the risks.",
            "title": "Why we give ketamine by intravenous infusion",
            "summary": (
                "Ketamine can be taken by mouth, as a nasal spray, as a shot or through an IV. "
                "Here is why we use the intravenous route, what the research does and does not "
                "show, and what it means for you."
            ),
            "topics": ["ketamine-therapy", "what-to-expect"],
            "palette": "dusk",
            "image_alt": "Soft dusk colors over rounded hills.",
            "days_ago": 16,
            "body": [
                paragraph(
                    "People who look into ketamine for depression soon find that it comes in "
                    "several forms. There are tablets or lozenges, a nasal spray, a shot into a "
                    "muscle, and an infusion into a vein. It is fair to ask why our clinic uses "
                    "infusions. They take more time and need more equipment than a spray or a "
                    "pill.",
                    "The short answer: an infusion is the most studied route, with the most "
                    "predictable dose. We know how much medicine reaches your blood, and we can "
                    "adjust it minute by minute.",
                    OFF_LABEL,
                ),
                key_facts(
                    "Ketamine can be given by mouth, under the tongue, in the nose, into a muscle "
                    "or into a vein.",
                    "IV infusion is the most studied route, with the most predictable dose "
                    "[@sanacora]. A small trial that compared IV and muscle shots found similar "
                    "effects [@chilukuri].",
                    "An infusion can be slowed or stopped at once.",
                    "IV ketamine for depression is off-label. The approved ketamine-type product "
                    "is esketamine nasal spray [@fda_esketamine].",
                ),
                heading("The routes, compared"),
                paragraph(
                    "<b>By mouth and under the tongue.</b> Much of the medicine is broken down by "
                    "the liver before it reaches the brain. How much gets through varies a lot "
                    "from person to person. That makes the effect hard to predict.",
                    "<b>In the nose.</b> Esketamine is one of ketamine's two mirror-image forms. "
                    "As a nasal spray, it was approved in the US for treatment-resistant "
                    "depression in 2019. It is given only in certified clinics, and people are "
                    "watched for at least two hours after each dose [@fda_esketamine]. It was "
                    "also approved in 2020 for depression with sudden suicidal thoughts, and in "
                    "2025 for use on its own [@spravato_label]. Unlike our infusions, it is an "
                    "approved use.",
                    "<b>Into a muscle.</b> A shot is quick to give and fairly well absorbed. But "
                    "once it is in, the dose cannot be taken back or slowed down.",
                    "<b>Into a vein.</b> An IV infusion puts all of the dose into the blood at a "
                    "rate the clinician controls. It is the route used in most of the research on "
                    "ketamine for depression [@sanacora]. That makes it the most studied route. "
                    "It does not prove it works best. One small trial compared IV infusions with "
                    "shots into a muscle and found similar effects [@chilukuri]. Larger trials "
                    "are still needed [@mcintyre].",
                ),
                heading("Why control matters"),
                paragraph(
                    "During an infusion, a nurse watches your heart rate, blood pressure and "
                    "oxygen level the whole time. If your blood pressure rises or you feel "
                    "uneasy, the infusion can be slowed or paused. Most effects then fade within "
                    "about 15 to 60 minutes [@short]. That kind of fine control is not possible once a pill has been "
                    "swallowed or a shot given.",
                    "Control also helps us learn what works for you. We know the exact dose you "
                    "received, so we can adjust it for the next session.",
                    RESPONSE,
                    DURABILITY,
                ),
                RISKS,
                heading("Is an infusion right for everyone?"),
                paragraph(
                    "No. Expert guidance and the medicine's label ask clinics to check each "
                    "person with care before treatment [@sanacora, @ketalar_label]. Our doctors "
                    "usually do not offer ketamine, or take extra care, if you have:",
                ),
                {
                    "type": "paragraph",
                    "value": (
                        "<ul>"
                        "<li>current or past problems with alcohol or drug use;</li>"
                        "<li>high blood pressure that is not under control;</li>"
                        "<li>a recent heart attack or stroke;</li>"
                        "<li>an aneurysm (a bulge in a blood vessel wall);</li>"
                        "<li>heart rhythm problems or heart failure;</li>"
                        "<li>raised pressure in the brain or in the eye, as in some kinds of "
                        "glaucoma;</li>"
                        "<li>severe liver disease;</li>"
                        "<li>an overactive thyroid that is not under control;</li>"
                        "<li>mania now or in the past. Mania is a time of very high energy or "
                        "mood, racing thoughts and little need for sleep;</li>"
                        "<li>psychosis now or in the past. Psychosis means losing touch with "
                        "reality, for example hearing voices that others do not hear;</li>"
                        "<li>a pregnancy, or you are breastfeeding. Ketamine is usually avoided "
                        "then.</li>"
                        "</ul>"
                        "<p>Tell us about every medicine you take. Some matter more with ketamine. "
                        "Benzodiazepines, such as lorazepam, and lamotrigine may weaken its effect "
                        "[@mcintyre]. Stimulants and MAOIs, an older kind of antidepressant, can "
                        "raise blood pressure further [@spravato_label].</p>"
                        "<p>This is why every course starts with a medical assessment, and a talk "
                        "about your goals and your other options.</p>"
                    ),
                },
                crisis_help(),
                faq(
                    (
                        "Does an infusion hurt?",
                        "Placing the small tube in a vein feels like a quick pinch, the same as a "
                        "blood test. The infusion itself is not painful.",
                    ),
                    (
                        "Is the esketamine nasal spray the same thing?",
                        "No. Esketamine is one of ketamine's two mirror-image forms, given as a "
                        "spray, and it is approved for treatment-resistant depression "
                        "[@fda_esketamine]. Your clinician can explain the differences and whether "
                        "either suits you.",
                    ),
                    (
                        "Can I drive home afterward?",
                        "No. Plan for someone to take you home, and do not drive until the next "
                        "day.",
                    ),
                ),
            ],
        },
        [
            "sanacora",
            "chilukuri",
            "mcintyre",
            "fda_off_label",
            "fda_esketamine",
            "spravato_label",
            "short",
            "zarate",
            "murrough",
            "berman",
            "ketalar_label",
            "dea",
        ],
    ),
    article(
        {
            "slug": "your-first-ketamine-infusion",
            "describes_treatment": True,
            "seo_title": "Your First Ketamine Infusion: What to Expect",
            "description": "How a ketamine infusion day runs: monitoring, about 45 minutes of infusion, 30 minutes of rest, a course of sessions, side effects and what comes after.",
            "title": "Your first ketamine infusion: what to expect",
            "summary": (
                "What happens on an infusion day, from the time you arrive to the ride home. How "
                "long it takes, how we watch over you, and what a course of visits looks like."
            ),
            "topics": ["what-to-expect", "ketamine-therapy"],
            "palette": "meadow",
            "image_alt": "A sunny meadow with gentle hills behind.",
            "days_ago": 8,
            "body": [
                paragraph(
                    "Not knowing what will happen is often the hardest part of trying something "
                    "new. This guide walks through a typical infusion day at our clinic. Then you "
                    "can arrive knowing what to expect and what to bring.",
                    OFF_LABEL,
                ),
                key_facts(
                    "An infusion itself takes about 45 minutes.",
                    "You then rest for about 30 minutes before going home with a companion.",
                    "Heart rate, blood pressure and oxygen level are checked the whole time.",
                    "In a well-known study, a first course was six infusions over about two weeks "
                    "[@murrough]. "
                    "Many people need maintenance sessions or another plan afterward.",
                ),
                heading("Before the day"),
                paragraph(
                    "You will have had a medical assessment, and we will have agreed on a plan "
                    "with you. We will tell you whether to skip food for a few hours beforehand, "
                    "and whether to take your usual medicines that morning. Arrange for someone "
                    "to take you home. You should not drive for the rest of the day.",
                    "Wear comfortable clothes with sleeves that roll up easily. Many people bring "
                    "headphones and a calm playlist. Some like an eye mask.",
                ),
                heading("When you arrive"),
                paragraph(
                    "A nurse asks how the past few days have been. The nurse checks your blood "
                    "pressure, heart rate and oxygen level, and answers any last questions. You "
                    "settle into a reclining chair in a private, quiet room.",
                ),
                heading("During the infusion"),
                paragraph(
                    "The nurse places a small IV line, usually in the back of the hand or the "
                    "inside of the arm. The medicine then runs in slowly through a pump over "
                    "about 45 minutes. Sensors stay on, so your heart rate, blood pressure and "
                    "oxygen level are watched the whole time. A nurse is close by throughout.",
                    "Many people feel relaxed, a little floaty or detached. This is called "
                    "dissociation. Sounds and colors may seem different. Some people feel sick to "
                    "their stomach or dizzy. These effects are expected. They usually fade within "
                    "about 15 to 60 minutes after the infusion stops [@short]. If anything feels upsetting, say so. The nurse can "
                    "slow or pause the infusion.",
                ),
                RISKS,
                heading("Afterward"),
                paragraph(
                    "When the infusion ends, the line is removed. You rest for about 30 minutes "
                    "while the effects wear off and the nurse checks your readings again. Once "
                    "you feel steady and your readings are normal, your companion takes you home. "
                    "Most people feel like themselves again by the evening.",
                ),
                heading("The course of treatment"),
                paragraph(
                    "One infusion rarely helps for long. In a well-known study, a first course "
                    "was six infusions over about two weeks [@murrough]. We check in with you before "
                    "each session, using short mood questionnaires. That way we can see together "
                    "whether the treatment is helping.",
                    RESPONSE,
                    DURABILITY,
                    "We plan what comes after the course with you. That may be maintenance "
                    "infusions spaced further apart, or another treatment. With your permission, "
                    "we keep your regular prescriber and therapist informed.",
                ),
                heading("When to get help between sessions"),
                paragraph(
                    "Mood can still dip during a course of treatment. If you feel worse, call us "
                    "during opening hours. If you have thoughts of suicide or feel unsafe, do not "
                    "wait for your next appointment. The 988 Lifeline is free and open day and "
                    "night [@lifeline].",
                ),
                crisis_help(),
                faq(
                    (
                        "How long should I plan to be at the clinic?",
                        "About two hours in total: check-in, about 45 minutes of infusion and "
                        "about 30 minutes of rest.",
                    ),
                    (
                        "Can someone stay with me?",
                        "A companion is welcome in the waiting area, and must take you home "
                        "afterward.",
                    ),
                    (
                        "Can I go back to work the same day?",
                        "We advise against it. Plan a quiet rest of the day. Do not drive, use "
                        "machines or make big decisions until the next day.",
                    ),
                    (
                        "What if the treatment does not help me?",
                        "We review your progress throughout the course. If it is not helping, we "
                        "will say so and talk with you and your prescriber about other options, "
                        "such as ECT, magnetic stimulation (TMS) or esketamine [@mayo].",
                    ),
                ),
            ],
        },
        [
            "fda_off_label",
            "fda_esketamine",
            "murrough",
            "short",
            "zarate",
            "mcintyre",
            "berman",
            "sanacora",
            "ketalar_label",
            "dea",
            "lifeline",
            "mayo",
        ],
    ),
]

TOPICS = [
    {
        "slug": "treatment-resistant-depression",
        "name": "Treatment-resistant depression",
        "description": "What it means when depression has not lifted with standard treatment.",
    },
    {
        "slug": "ketamine-therapy",
        "name": "Ketamine therapy",
        "description": "How ketamine works and how it is given for depression.",
    },
    {
        "slug": "what-to-expect",
        "name": "What to expect",
        "description": "Practical guides to assessment, infusion days and a course of treatment.",
    },
]

PEOPLE = {
    "author": {
        "name": "Dana Whitfield",
        "credentials": "MPH, health writer",
        "bio": (
            "Dana writes the clinic's patient guides. She has ten years of experience turning "
            "medical evidence into plain language for people making health decisions."
        ),
    },
    "reviewer": {
        "name": "Dr. Maya Okafor",
        "credentials": "MD, board-certified psychiatrist",
        "bio": (
            "Dr. Okafor is the clinic's medical director. She has treated mood disorders for "
            "fifteen years and oversees every infusion protocol."
        ),
    },
}
