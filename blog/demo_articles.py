"""The demo articles, written for this project from the facts in issue 3. Each is a plain dict so
blog/demo.py can create or find it by slug; the body is StreamField's raw form."""

import datetime

NIMH_DEPRESSION = (
    "National Institute of Mental Health. Depression (health topic page).",
    "https://www.nimh.nih.gov/health/topics/depression",
)
MAYO_TRD = (
    "Mayo Clinic Staff. Treatment-resistant depression. Mayo Clinic, Diseases & Conditions.",
    "https://www.mayoclinic.org/diseases-conditions/depression/in-depth/treatment-resistant-depression/art-20044324",
)
STAR_D = (
    "Rush AJ, Trivedi MH, Wisniewski SR, et al. Acute and longer-term outcomes in depressed "
    "outpatients requiring one or several treatment steps: a STAR*D report. American Journal of "
    "Psychiatry. 2006;163(11):1905-1917.",
    "https://doi.org/10.1176/ajp.2006.163.11.1905",
)
BERMAN_2000 = (
    "Berman RM, Cappiello A, Anand A, et al. Antidepressant effects of ketamine in depressed "
    "patients. Biological Psychiatry. 2000;47(4):351-354.",
    "https://doi.org/10.1016/S0006-3223(99)00230-9",
)
ZARATE_2006 = (
    "Zarate CA Jr, Singh JB, Carlson PJ, et al. A randomized trial of an N-methyl-D-aspartate "
    "antagonist in treatment-resistant major depression. Archives of General Psychiatry. "
    "2006;63(8):856-864.",
    "https://doi.org/10.1001/archpsyc.63.8.856",
)
WILKINSON_2018 = (
    "Wilkinson ST, Ballard ED, Bloch MH, et al. The effect of a single dose of intravenous "
    "ketamine on suicidal ideation: a systematic review and individual participant data "
    "meta-analysis. American Journal of Psychiatry. 2018;175(2):150-158.",
    "https://doi.org/10.1176/appi.ajp.2017.17040472",
)
MCINTYRE_2021 = (
    "McIntyre RS, Rosenblat JD, Nemeroff CB, et al. Synthesizing the evidence for ketamine and "
    "esketamine in treatment-resistant depression: an international expert opinion on the "
    "available evidence and implementation. American Journal of Psychiatry. 2021;178(5):383-399.",
    "https://doi.org/10.1176/appi.ajp.2020.20081251",
)
LIFELINE = (
    "988 Suicide & Crisis Lifeline. Call or text 988, or chat online.",
    "https://988lifeline.org/",
)

CRISIS_CALLOUT = {
    "type": "callout",
    "value": {
        "heading": "If you are thinking about suicide",
        "text": (
            "<p>Please reach out now: <b>call or text 988</b> to talk with the Suicide &amp; "
            "Crisis Lifeline (US), or <b>call 911</b> if you are in immediate danger. You do not "
            "have to wait for an appointment with us to get help.</p>"
        ),
    },
}


def paragraph(*paragraphs: str) -> dict:
    return {"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in paragraphs)}


def heading(text: str, level: str = "h2") -> dict:
    return {"type": "heading", "value": {"text": text, "level": level}}


def key_facts(*facts: str, title: str = "Key facts") -> dict:
    return {"type": "key_facts", "value": {"heading": title, "facts": list(facts)}}


def faq(*pairs: tuple[str, str]) -> dict:
    items = [{"question": question, "answer": f"<p>{answer}</p>"} for question, answer in pairs]
    return {"type": "faq", "value": {"heading": "Frequently asked questions", "items": items}}


def references(*sources: tuple[str, str]) -> dict:
    return {
        "type": "references",
        "value": {
            "heading": "References",
            "references": [{"citation": citation, "url": url} for citation, url in sources],
        },
    }


def quote(text: str, attribution: str) -> dict:
    return {"type": "quote", "value": {"quote": text, "attribution": attribution}}


ARTICLES = [
    {
        "slug": "what-is-treatment-resistant-depression",
        "seo_title": "What Is Treatment-Resistant Depression?",
        "description": "What treatment-resistant depression means, how common it is, and what options open up when two antidepressants have not helped.",
        "title": "What is treatment-resistant depression?",
        "summary": (
            "When two or more antidepressants have not lifted your depression, doctors may call it "
            "treatment-resistant. Here is what that label means, how common it is, and why it "
            "opens doors rather than closing them."
        ),
        "topics": ["treatment-resistant-depression"],
        "palette": "morning",
        "image_alt": "Early light over quiet green hills.",
        "days_ago": 40,
        "body": [
            paragraph(
                "If you have taken an antidepressant for months, switched to another, and still "
                "wake up with the same heaviness, you may have wondered whether something is wrong "
                "with you. It is not a matter of trying harder. Doctors have a name for this "
                "situation, <i>treatment-resistant depression</i>, and knowing the name is often "
                "the first step toward a different plan.",
                "This article explains what the term means, how many people it affects, and what "
                "usually comes next. It is general information, not a diagnosis: only a clinician "
                "who knows your history can say whether the label fits you.",
            ),
            key_facts(
                "Treatment-resistant depression (TRD) is major depression that has not improved "
                "enough with standard treatment.",
                "There is no single agreed definition, but most clinicians use the same "
                "threshold: no adequate response to two antidepressants from different classes.",
                "Up to about three in ten people who seek care for major depression meet that "
                "description.",
                "TRD is a reason to review the plan, not a verdict that nothing will work.",
            ),
            heading("A working definition"),
            paragraph(
                "Major depressive disorder is diagnosed when low mood or loss of interest lasts "
                "most of the day, nearly every day, for at least two weeks, together with other "
                "changes such as poor sleep, low energy, trouble concentrating or feelings of "
                "worthlessness. Most people are first offered talking therapy, medication, or "
                "both.",
                "Researchers and guideline writers have never settled on one precise definition "
                "of treatment resistance. Some count the number of medicines tried, some look at "
                "how much symptoms fell, and some weigh psychotherapy too. In everyday practice, "
                "though, the common threshold is simple: depression that has not responded to two "
                "antidepressants, from two different drug classes, each taken at a proper dose "
                "for a proper length of time.",
            ),
            heading("How common is it?"),
            paragraph(
                "Treatment resistance is far from rare. Estimates vary with the definition used, "
                "but up to roughly 30% of people who ask for help with major depression do not "
                "get enough relief from the first two treatments. The large STAR*D study in the "
                "United States followed thousands of outpatients through several treatment steps "
                "and found that the chance of recovery fell with each additional step, which is "
                "one reason clinicians now look at other approaches sooner rather than later.",
            ),
            heading("Why the label matters"),
            paragraph(
                "Being told your depression is treatment-resistant can sound discouraging. In "
                "practice, the label changes the conversation in useful ways. It prompts a careful "
                "review of everything tried so far, it signals that repeating the same kind of "
                "medicine is unlikely to help, and it opens access to treatments that are "
                "reserved for people whose depression has not lifted with first-line care.",
                "Those options include adding a second medicine to the first, structured "
                "psychotherapies, brain-stimulation treatments such as transcranial magnetic "
                "stimulation, and ketamine-based treatments. Our clinic focuses on ketamine "
                "infusion therapy, which we describe in other articles.",
            ),
            quote(
                "Many of the people we meet have spent years blaming themselves. Hearing that "
                "their depression has a name, and that it is common, is often a relief in itself.",
                "Our intake team",
            ),
            heading("Depression, hopelessness and safety"),
            paragraph(
                "Long-lasting depression can wear down hope, and some people start to have "
                "thoughts of ending their life. Those thoughts are a symptom of the illness, they "
                "are more common than people realise, and they deserve help straight away.",
            ),
            CRISIS_CALLOUT,
            heading("What you can do next"),
            paragraph(
                "Write down every treatment you have tried: the name of each medicine, the "
                "highest dose you reached, how long you took it, and what happened, including side "
                "effects. Bring the list to your prescriber or to an assessment with us. It makes "
                "the next decision faster and safer, whoever makes it.",
            ),
            faq(
                (
                    "Does treatment-resistant mean my depression can never be treated?",
                    "No. It means the first treatments did not work well enough. Many people with "
                    "treatment-resistant depression improve with a different approach.",
                ),
                (
                    "How many antidepressants do I need to have tried?",
                    "Most clinicians use two antidepressants from different classes, each taken "
                    "at an adequate dose for long enough, as the usual threshold.",
                ),
                (
                    "Should I stop my current medicine?",
                    "Never stop or change a prescribed medicine on your own. Talk with your "
                    "prescriber first: stopping suddenly can cause withdrawal effects and a return "
                    "of symptoms.",
                ),
            ),
            references(NIMH_DEPRESSION, MAYO_TRD, STAR_D, LIFELINE),
        ],
    },
    {
        "slug": "how-doctors-confirm-treatment-resistant-depression",
        "seo_title": "How Doctors Confirm Treatment-Resistant Depression",
        "description": "The four checks a clinician makes before calling depression treatment-resistant: doses, other conditions, absorption and the plan.",
        "title": "How doctors confirm treatment-resistant depression",
        "summary": (
            "Before calling depression treatment-resistant, a careful clinician checks four "
            "things: the doses, other conditions, absorption and whether the plan was workable. "
            "Here is what each check involves."
        ),
        "topics": ["treatment-resistant-depression", "what-to-expect"],
        "palette": "lake",
        "image_alt": "A calm lake below blue-green hills.",
        "days_ago": 32,
        "body": [
            paragraph(
                "Depression that has not improved after two medicines is worth a closer look "
                "before anyone decides it is truly treatment-resistant. Sometimes a medicine never "
                "had a fair chance. Sometimes another condition is hiding underneath. A good "
                "assessment sorts out which of these is going on, because the answer changes what "
                "should happen next.",
                "Here are the four questions physicians usually work through, and why each one "
                "matters to you.",
            ),
            key_facts(
                "Each medicine should have reached its full dose before it is judged to have "
                "failed.",
                "Other mental health conditions can hide or blunt the response to treatment.",
                "Some physical conditions stop a medicine from being absorbed properly.",
                "A plan that could not be followed is not the same as a plan that did not work.",
            ),
            heading("1. Did each medicine reach its maximum dose?"),
            paragraph(
                "Antidepressants often start at a low dose to limit side effects, and the dose is "
                "raised over the following weeks. If side effects, a missed follow-up appointment "
                "or simple caution kept the dose low, the medicine may never have reached the "
                "level at which it works. Your clinician will look at the highest dose you took "
                "and for how long, and compare it with the usual effective range.",
            ),
            heading("2. Is another condition masking the response?"),
            paragraph(
                "Depression rarely travels alone. Anxiety disorders, post-traumatic stress, "
                "attention problems, bipolar disorder and substance use can all change how a "
                "person responds to an antidepressant, or make it look as if nothing is working. "
                "Bipolar disorder deserves special mention, because standard antidepressants used "
                "on their own are not the right treatment for it. A clinician will ask about "
                "periods of unusually high energy, racing thoughts or reduced need for sleep.",
                "Physical health counts too. An underactive thyroid, chronic pain, sleep apnoea "
                "and some other medicines can all deepen low mood.",
            ),
            heading("3. Could the body be failing to absorb the medicine?"),
            paragraph(
                "A medicine only helps if enough of it reaches the bloodstream. Some digestive "
                "conditions, surgery on the stomach or bowel, and interactions with other "
                "medicines or supplements can lower the amount absorbed or speed up how quickly "
                "it is broken down. In some cases a blood test or a review of your other "
                "prescriptions answers the question.",
            ),
            heading("4. Was the plan one you could follow?"),
            paragraph(
                "Taking a daily tablet sounds simple until side effects, cost, a chaotic schedule "
                "or the depression itself get in the way. Clinicians ask about this without "
                "judgement: if a treatment plan was hard to follow, the fix may be a different "
                "plan, not a different diagnosis. Be honest about missed doses; it helps you get "
                "the right care.",
            ),
            quote(
                "The assessment is not a test you can fail. It is how we make sure the next step "
                "is the right one.",
                "A psychiatric nurse practitioner at our clinic",
            ),
            heading("What happens after the checks"),
            paragraph(
                "If the review shows that two adequate trials of antidepressants from different "
                "classes have not helped, the depression is usually described as "
                "treatment-resistant, and other options come into view. At our clinic, this "
                "review is part of the first assessment for ketamine infusion therapy. We also ask "
                "for your records from other prescribers, with your permission, so nothing is "
                "missed.",
                "If thoughts of suicide are part of what you are living with, tell the clinician "
                "during the assessment. It is a routine, important question, and it helps us keep "
                "you safe.",
            ),
            CRISIS_CALLOUT,
            faq(
                (
                    "What should I bring to an assessment?",
                    "A list of every medicine you have taken for depression, with the highest dose "
                    "and how long you took it, any other current medicines and supplements, and "
                    "contact details for your current prescriber.",
                ),
                (
                    "Will I have blood tests?",
                    "Sometimes. A clinician may order tests to rule out physical causes of low "
                    "mood, such as thyroid problems, or to check other health questions.",
                ),
                (
                    "Can I be assessed if I am still taking an antidepressant?",
                    "Yes. Most people keep taking their current medicine during assessment and "
                    "often during ketamine treatment as well. Do not stop anything without advice.",
                ),
            ),
            references(MAYO_TRD, NIMH_DEPRESSION, STAR_D, LIFELINE),
        ],
    },
    {
        "slug": "how-ketamine-works-in-the-brain",
        "seo_title": "How Ketamine Works in the Brain",
        "description": "Ketamine acts on glutamate, NMDA and AMPA receptors rather than serotonin, which may explain why some people improve within hours.",
        "title": "How ketamine works in the brain",
        "summary": (
            "Ketamine acts on glutamate, the brain's main signalling chemical, rather than on "
            "serotonin. That difference may explain why some people feel better within hours."
        ),
        "topics": ["ketamine-therapy"],
        "palette": "forest",
        "image_alt": "Layers of forested hills under a pale sky.",
        "days_ago": 24,
        "body": [
            paragraph(
                "Most antidepressants work by adjusting serotonin, noradrenaline or dopamine, and "
                "they usually take several weeks to help. Ketamine follows a different route. It "
                "acts on glutamate, the most common chemical messenger in the brain, and in some "
                "people it lifts mood far faster than older medicines do.",
                "Scientists are still working out the full picture, but the main steps are well "
                "described. Here is a plain-language tour.",
            ),
            key_facts(
                "Ketamine increases the release of glutamate in the cortex and the striatum.",
                "It blocks one kind of glutamate receptor, the NMDA receptor, and this indirectly "
                "stimulates another, the AMPA receptor.",
                "Glutamate signalling is linked to the growth of new connections between nerve "
                "cells, which is thought to improve mood and thinking.",
                "Some patients notice a marked improvement within hours rather than weeks.",
            ),
            heading("Glutamate: the brain's busiest messenger"),
            paragraph(
                "Nerve cells talk to each other by releasing chemicals across tiny gaps called "
                "synapses. Glutamate is the messenger used at most of them. It helps the brain "
                "learn, adapt and form memories. Research in people with long-lasting depression "
                "suggests that some of these connections weaken or are lost, particularly in areas "
                "that manage mood and decision-making.",
            ),
            heading("Two receptors, one chain of events"),
            paragraph(
                "Ketamine blocks the NMDA receptor, one of the docking points that glutamate uses. "
                "The result is a burst of glutamate release in the cortex, the outer layer of the "
                "brain involved in thinking and planning, and in the striatum, which is involved "
                "in motivation and reward.",
                "That extra glutamate stimulates a second docking point, the AMPA receptor. AMPA "
                "activity sets off signals inside the cell that encourage nerve cells to build new "
                "connections, a process called synaptogenesis. The working theory is that "
                "restoring these connections helps the brain get out of the rigid patterns of "
                "thought and feeling that depression locks in.",
            ),
            heading("Why it can work quickly", "h3"),
            paragraph(
                "Because ketamine acts on signalling directly, rather than on slow adjustments to "
                "serotonin systems, changes can begin within hours. In the first controlled "
                "studies, published in 2000 and 2006, some people with hard-to-treat depression "
                "reported feeling noticeably better the day after a single infusion. Not everyone "
                "responds, and a single dose does not last, which is why treatment is given as a "
                "course.",
            ),
            heading("Ketamine and suicidal thoughts"),
            paragraph(
                "Several studies have found that ketamine reduced suicidal thinking in some "
                "patients, often quickly. This is one reason researchers are so interested in it. "
                "It is not an emergency treatment you can walk in for, though, and it does not "
                "replace crisis care.",
            ),
            CRISIS_CALLOUT,
            heading("What this means for you"),
            paragraph(
                "Ketamine is a medicine with real effects on the brain, so it is given at low "
                "doses, under medical supervision, with monitoring throughout. During an infusion "
                "many people feel a little detached or dreamy; this passes soon after the "
                "infusion ends. Our clinicians will talk through the benefits and risks for your "
                "situation before you decide anything.",
            ),
            faq(
                (
                    "Is ketamine for depression the same as the anaesthetic?",
                    "It is the same medicine, but depression treatment uses much lower doses than "
                    "anaesthesia, and you stay awake throughout.",
                ),
                (
                    "Will I have to stop my antidepressant?",
                    "Usually not. Many people continue their current medicines. Your clinician "
                    "will review everything you take before treatment begins.",
                ),
                (
                    "How soon might I notice a difference?",
                    "Some people notice a change within hours or a day of an infusion; for others "
                    "it builds over the course. Some people do not respond, and we will tell you "
                    "honestly if the treatment is not helping.",
                ),
            ),
            references(BERMAN_2000, ZARATE_2006, WILKINSON_2018, MCINTYRE_2021, LIFELINE),
        ],
    },
    {
        "slug": "why-we-give-ketamine-by-infusion",
        "seo_title": "Why Ketamine Is Given by IV Infusion",
        "description": "Ketamine can be taken by mouth, nasal spray, injection or drip. Why research favours intravenous infusion, and what it means for you.",
        "title": "Why we give ketamine by intravenous infusion",
        "summary": (
            "Ketamine can be taken by mouth, under the tongue, as a nasal spray, as an injection "
            "or through a drip. Here is why research favours the intravenous route, and what it "
            "means for you."
        ),
        "topics": ["ketamine-therapy", "what-to-expect"],
        "palette": "dusk",
        "image_alt": "Soft dusk colours over rounded hills.",
        "days_ago": 16,
        "body": [
            paragraph(
                "People who look into ketamine for depression soon find that it comes in several "
                "forms: tablets or lozenges, a nasal spray, an injection into a muscle, and an "
                "infusion into a vein. It is fair to ask why our clinic uses infusions, which take "
                "more time and need more equipment than a spray or a tablet.",
                "The short answer is reliability: with an infusion we know how much medicine "
                "reaches your bloodstream and we can adjust it minute by minute.",
            ),
            key_facts(
                "Ketamine can be given by mouth, under the tongue, in the nose, into a muscle or "
                "into a vein.",
                "Research favours intravenous infusion as the most effective and reliable route.",
                "An infusion delivers a precise dose that can be slowed or stopped at once.",
            ),
            heading("The routes, compared"),
            paragraph(
                "<b>By mouth and under the tongue.</b> Much of the medicine is broken down by the "
                "liver before it reaches the brain, and how much gets through varies a lot from "
                "person to person. That makes the effect hard to predict.",
                "<b>In the nose.</b> A nasal spray of esketamine, a close relative of ketamine, is "
                "approved in the United States for treatment-resistant depression and is given in "
                "certified clinics. Absorption through the nose can vary with technique and with "
                "congestion.",
                "<b>Into a muscle.</b> An injection is quick to give and fairly well absorbed, but "
                "once it is in, the dose cannot be taken back or slowed down.",
                "<b>Into a vein.</b> An intravenous infusion puts all of the dose into the "
                "bloodstream at a rate the clinician controls. It is the route used in most of the "
                "research on ketamine for depression, and the one with the strongest evidence.",
            ),
            heading("Why control matters"),
            paragraph(
                "During an infusion, a nurse watches your heart rate, blood pressure and oxygen "
                "level the whole time. If your blood pressure rises or you feel uncomfortable, the "
                "infusion can be slowed or paused and the effect fades within minutes. That kind "
                "of fine control is not possible once a tablet has been swallowed or an injection "
                "given.",
                "Control also helps us learn what works for you. Because we know the exact dose "
                "you received, we can adjust it for the next session based on how you responded.",
            ),
            quote(
                "Patients sometimes ask whether a home tablet would be easier. Easier, perhaps; "
                "but we would know far less about what each dose is doing.",
                "One of our infusion nurses",
            ),
            heading("Is an infusion right for everyone?"),
            paragraph(
                "No treatment suits everyone. Ketamine may not be advised for people with "
                "uncontrolled high blood pressure, some heart conditions, a history of psychosis, "
                "or current misuse of certain substances. Pregnancy also needs careful "
                "discussion. This is why every course starts with a medical assessment and a "
                "conversation about your goals and your other options.",
            ),
            faq(
                (
                    "Does an infusion hurt?",
                    "Placing the small tube in a vein feels like a quick pinch, the same as a blood "
                    "test. The infusion itself is not painful.",
                ),
                (
                    "Is the esketamine nasal spray the same thing?",
                    "It is a related medicine given by a different route. Your clinician can "
                    "explain the differences and whether either is suitable for you.",
                ),
                (
                    "Can I drive home afterwards?",
                    "No. Plan for someone to take you home, and do not drive until the next day.",
                ),
            ),
            references(MCINTYRE_2021, ZARATE_2006, MAYO_TRD),
        ],
    },
    {
        "slug": "your-first-ketamine-infusion",
        "seo_title": "Your First Ketamine Infusion: What to Expect",
        "description": "How a ketamine infusion day runs: monitoring, about 45 minutes of infusion, 30 minutes of rest, and a course of 4 to 6 sessions.",
        "title": "Your first ketamine infusion: what to expect",
        "summary": (
            "From the moment you arrive to the ride home: how an infusion session runs, how long "
            "it takes, how you are monitored, and what a typical course looks like."
        ),
        "topics": ["what-to-expect", "ketamine-therapy"],
        "palette": "meadow",
        "image_alt": "A sunny meadow with gentle hills behind.",
        "days_ago": 8,
        "body": [
            paragraph(
                "Not knowing what will happen is often the hardest part of trying something new. "
                "This guide walks through a typical infusion day at our clinic, so that you can "
                "arrive knowing what to expect and what to bring.",
            ),
            key_facts(
                "An infusion itself takes about 45 minutes.",
                "You then rest for about 30 minutes before going home with a companion.",
                "Heart rate, blood pressure and oxygen level are monitored throughout.",
                "A standard course is 4 to 6 infusions over about two weeks, sometimes followed by "
                "occasional maintenance infusions.",
            ),
            heading("Before the day"),
            paragraph(
                "You will have had a medical assessment, and we will have agreed on a plan with "
                "you. We will tell you whether to avoid food for a few hours beforehand and "
                "whether to take your usual medicines that morning. Arrange for someone to take "
                "you home: you should not drive for the rest of the day.",
                "Wear comfortable clothes with sleeves that roll up easily. Many people bring "
                "headphones and a calm playlist, and some prefer an eye mask.",
            ),
            heading("When you arrive"),
            paragraph(
                "A nurse checks in with you about how the past few days have been, takes your "
                "blood pressure, heart rate and oxygen level, and answers any last questions. You "
                "settle into a reclining chair in a private, quiet room.",
            ),
            heading("During the infusion"),
            paragraph(
                "The nurse places a small intravenous line, usually in the back of the hand or "
                "the inside of the arm. The medicine then runs in slowly through a pump over about "
                "45 minutes. Sensors stay on so that your heart rate, blood pressure and oxygen "
                "level are watched the whole time, and a nurse is close by throughout.",
                "Many people feel relaxed, a little floaty or detached, or notice that sounds and "
                "colours seem different. Some feel slightly sick or dizzy. These effects are "
                "expected, and they fade soon after the infusion stops. If anything feels "
                "uncomfortable, say so: the nurse can slow or pause the infusion.",
            ),
            heading("Afterwards"),
            paragraph(
                "When the infusion ends, the line is removed and you rest for about 30 minutes "
                "while the effects wear off and the nurse checks your readings again. Once you "
                "feel steady and your readings are normal, your companion takes you home. Most "
                "people feel back to their usual selves by the evening, and many sleep well.",
            ),
            heading("The course of treatment"),
            paragraph(
                "One infusion rarely has a lasting effect on its own. A standard course is four to "
                "six infusions spread over roughly two weeks. We check in with you before each "
                "session, using short questionnaires to track your mood, so that we can see "
                "together whether the treatment is helping.",
                "Some people stay well after the first course. Others benefit from occasional "
                "maintenance infusions, spaced further apart, to hold on to their progress. We "
                "decide this with you, and we keep your regular prescriber and therapist informed "
                "if you want us to.",
            ),
            quote(
                "People often tell us the day was calmer than they pictured: a quiet hour in the "
                "chair, a drink afterwards, and a lift home.",
                "Our infusion team",
            ),
            heading("When to get help between sessions"),
            paragraph(
                "Mood can still dip during a course of treatment. If you feel worse, call us "
                "during opening hours. If you have thoughts of suicide or feel unsafe, do not wait "
                "for your next appointment.",
            ),
            CRISIS_CALLOUT,
            faq(
                (
                    "How long should I plan to be at the clinic?",
                    "About two hours in total: check-in, roughly 45 minutes of infusion and about "
                    "30 minutes of rest.",
                ),
                (
                    "Can someone stay with me?",
                    "A companion is welcome in the waiting area, and must take you home afterwards.",
                ),
                (
                    "Can I go back to work the same day?",
                    "We advise against it. Plan a quiet rest of the day, and do not drive, operate "
                    "machinery or make important decisions until the next day.",
                ),
                (
                    "What if the treatment does not help me?",
                    "We review your progress throughout the course. If it is not helping, we will "
                    "say so and talk with you and your prescriber about other options.",
                ),
            ),
            references(MCINTYRE_2021, MAYO_TRD, NIMH_DEPRESSION, LIFELINE),
        ],
    },
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

REVIEW_DATE_OFFSET = datetime.timedelta(days=2)
