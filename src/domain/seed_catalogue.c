/*
 * seed_catalogue.c: the demo catalogue. Every word of the badges is written
 * for Laurel; the scheme is a demonstration modelled on a national
 * workforce regulator's Open Badges scheme and is not its catalogue. The
 * two frameworks name real, public documents (the SSSC Codes of Practice
 * and the Health and Social Care Standards) by their headline codes only;
 * the descriptions of those codes are Laurel's own.
 *
 * Badges recognise informal, work-based learning shown in a reflective
 * account; they are not evidence of competence. Keep the array in an order
 * where every prerequisite comes before the badge that names it; the unit
 * test tests/unit/domain/test_seed_catalogue.c checks this and the rest of
 * the data's integrity.
 */
#include "domain/seed_catalogue.h"

#define SCHEME "issuer:scheme"
#define RIVERSIDE "issuer:riverside"
#define SSSC "framework:sssc-codes"
#define HSCS "framework:hscs"
#define CC_BY "CC BY 4.0"
#define CC_BY_NC_SA "CC BY-NC-SA 4.0"
#define ALL_RIGHTS "All rights reserved"

/* Resource links used by more than one badge. */
#define R_SSSC_CODES                                                           \
	"SSSC Codes of Practice for Social Service Workers and Employers",     \
	    "https://www.sssc.uk.com/the-scottish-social-service-council/"     \
	    "sssc-codes-of-practice/"
#define R_HSCS                                                                 \
	"Health and Social Care Standards: my support, my life",               \
	    "https://www.gov.scot/publications/"                               \
	    "health-social-care-standards-support-life/"
#define R_SSSC_LEARN "SSSC Learning Zone", "https://learn.sssc.uk.com/"
#define R_CI_HUB                                                               \
	"Care Inspectorate Hub: resources for care services",                  \
	    "https://hub.careinspectorate.com/"
#define R_IRISS                                                                \
	"Iriss: evidence and ideas for social services",                       \
	    "https://www.iriss.org.uk/"
#define R_NHS_INFORM "NHS inform", "https://www.nhsinform.scot/"
#define R_STEP_LEAD                                                            \
	"Step into Leadership (SSSC)", "https://www.stepintoleadership.info/"

const struct seed_issuer seed_issuers[] = {
    {
        .key = SCHEME,
        .name = "Social Services Badge Scheme (demo)",
        .url = "https://scheme.laurel.invalid",
        .email = "badges@scheme.laurel.invalid",
        .description = "The national badge scheme for the social service "
                       "workforce, recognising informal and work-based "
                       "learning.",
        .is_scheme = true,
        .org_key = NULL,
    },
    {
        .key = RIVERSIDE,
        .name = "Riverside Care (demo)",
        .url = "https://riverside.laurel.invalid",
        .email = "learning@riverside.laurel.invalid",
        .description = "A care home provider that issues its own badges "
                       "for induction and for the way things are done at "
                       "Riverside, alongside the national scheme.",
        .is_scheme = false,
        .org_key = "org:riverside",
    },
};
const size_t n_seed_issuers = NELEM(seed_issuers);

static const struct seed_target sssc_codes[] = {
    {"1",
        "Protect and promote the rights and interests of people who use "
        "services and carers",
        "Treat each person as an individual, respect their dignity and "
        "choices, and support them to have a say in their own care.",
        NULL},
    {"2",
        "Establish and maintain the trust and confidence of people who use "
        "services and carers",
        "Be honest and reliable, keep information confidential unless there "
        "is a good reason to share it, and explain what you can and cannot "
        "do.",
        NULL},
    {"3",
        "Promote the independence of people who use services while "
        "protecting them as far as possible from danger or harm",
        "Support people to do as much as they can for themselves and take "
        "the risks they choose, while recognising and reporting harm.",
        NULL},
    {"4",
        "Respect the rights of people who use services while striving to "
        "ensure that their behaviour does not harm themselves or other "
        "people",
        "Balance a person's rights with the safety of the person and others, "
        "using the least restrictive support and following agreed plans.",
        NULL},
    {"5", "Uphold public trust and confidence in social services",
        "Act in ways, at work and outside it, that keep the confidence of "
        "the people you support, their families and the public.",
        NULL},
    {"6",
        "Be accountable for the quality of your work and take "
        "responsibility for maintaining and improving your knowledge and "
        "skills",
        "Reflect on your practice, seek supervision and feedback, keep "
        "learning and speak up when things are not right.",
        NULL},
    {NULL, NULL, NULL, NULL},
};

static const struct seed_target hscs_outcomes[] = {
    {"1", "I experience high quality care and support that is right for me",
        "Care and support are shaped around the person's own needs, wishes "
        "and outcomes, and help them get the most out of life.",
        NULL},
    {"2", "I am fully involved in all decisions about my care and support",
        "The person has the information and help they need to make choices "
        "and their views are sought and acted on.",
        NULL},
    {"3", "I have confidence in the people who support and care for me",
        "Staff are warm, skilled and trustworthy, and they keep learning so "
        "that the person feels safe and valued.",
        NULL},
    {"4",
        "I have confidence in the organisation providing my care and "
        "support",
        "The organisation is well led, listens to feedback and keeps "
        "improving the quality and safety of its service.",
        NULL},
    {"5",
        "I experience a high quality environment if the organisation "
        "provides the premises",
        "Where the person lives or spends their day is safe, comfortable, "
        "homely and suited to their needs.",
        NULL},
    {NULL, NULL, NULL, NULL},
};

const struct seed_framework seed_frameworks[] = {
    {
        .key = SSSC,
        .name = "SSSC Codes of Practice for Social Service Workers",
        .url = "https://www.sssc.uk.com/the-scottish-social-service-council/"
               "sssc-codes-of-practice/",
        .description = "The six codes that describe the standards of "
                       "conduct and practice expected of social service "
                       "workers in Scotland.",
        .targets = sssc_codes,
    },
    {
        .key = HSCS,
        .name = "Health and Social Care Standards",
        .url = "https://www.gov.scot/publications/"
               "health-social-care-standards-support-life/",
        .description = "The Scottish Government's standards that set out "
                       "what people should experience from health and "
                       "social care, written as five headline outcomes.",
        .targets = hscs_outcomes,
    },
};
const size_t n_seed_frameworks = NELEM(seed_frameworks);

const struct seed_series seed_series[] = {
    {"series:dementia", SCHEME, "Dementia: from awareness to skilled practice",
        "Three badges that take you from understanding dementia to "
        "communicating well and supporting meaningful activity."},
    {"series:trauma", SCHEME, "Trauma-informed and trauma-skilled practice",
        "Two badges on recognising how trauma affects people and adapting "
        "your practice so that people feel safe and in control."},
    {"series:leading-in-care", SCHEME, "Leading in care",
        "Four badges for anyone who leads, with or without a title: leading "
        "yourself, leading a team, coaching conversations and leading "
        "change."},
    {"series:digital-skills", SCHEME, "Digital skills for care",
        "Three badges on working safely online, keeping good digital "
        "records and helping people use technology in their own lives."},
    {"series:riverside-induction", RIVERSIDE, "Starting at Riverside",
        "Riverside Care's induction badges: our values, fire safety in our "
        "homes and giving a good handover."},
};
const size_t n_seed_series = NELEM(seed_series);

/* ------------------------------------------------------------------ */
/* Introductory badges. */

static const char *const intro1_criteria[] = {
    "Explain in your own words what an Open Badge is and what it is not: "
    "it recognises learning, it is not a qualification or evidence of "
    "competence.",
    "Describe how you would find a badge that fits your role and read its "
    "criteria before you start.",
    "Describe how a badge you hold could be shared with an employer, and "
    "who can see the evidence behind it.",
    NULL};
static const char *const intro1_activities[] = {
    "Browse the catalogue and choose a badge you might apply for next.",
    "Talk with a colleague or your manager about how badges could support "
    "your learning this year.",
    NULL};
static const char *const intro1_resources[] = {"What Open Badges are (1EdTech)",
    "https://www.1edtech.org/standards/open-badges", R_SSSC_LEARN, NULL};
static const char *const intro1_tags[] = {
    "introductory", "digital skills", NULL};
static const struct seed_alignment intro1_align[] = {{SSSC, "6"}, {NULL, NULL}};

static const char *const intro2_criteria[] = {
    "Write a short reflective account of something you learned at work, "
    "describing what happened, what you learned and what you do "
    "differently now.",
    "Show that your account keeps the people you support and your "
    "colleagues anonymous: no names, addresses, dates of birth or other "
    "details that could identify them.",
    "Explain which options you have if writing is not the best way for "
    "you to show your learning, such as an audio or video account.",
    NULL};
static const char *const intro2_activities[] = {
    "Read an example of a reflective account and discuss with a colleague "
    "what makes it useful.",
    NULL};
static const char *const intro2_resources[] = {
    "Gibbs' reflective cycle, explained (University of Edinburgh)",
    "https://www.ed.ac.uk/reflection/reflectors-toolkit/"
    "reflecting-on-experience/gibbs-reflective-cycle",
    NULL};
static const char *const intro2_tags[] = {
    "introductory", "reflective practice", NULL};
static const struct seed_alignment intro2_align[] = {
    {SSSC, "2"}, {SSSC, "6"}, {NULL, NULL}};

/* ------------------------------------------------------------------ */
/* Practice foundations. */

static const char *const reflect_criteria[] = {
    "Describe a situation at work that made you stop and think, using a "
    "reflective model of your choice.",
    "Reflect on what your own values, feelings and assumptions brought to "
    "the situation.",
    "Explain what you have changed in your practice as a result, and how "
    "you know whether the change has made a difference.",
    "Describe how you will make reflection a regular part of your work.", NULL};
static const char *const reflect_activities[] = {
    "Keep a short reflective log for two weeks and talk through one entry "
    "with your manager or a trusted colleague.",
    NULL};
static const char *const reflect_resources[] = {
    "Reflectors' toolkit (University of Edinburgh)",
    "https://www.ed.ac.uk/reflection", R_IRISS, R_SSSC_CODES, NULL};
static const char *const reflect_tags[] = {"reflective practice", NULL};
static const struct seed_alignment reflect_align[] = {
    {SSSC, "6"}, {HSCS, "3"}, {NULL, NULL}};
static const struct seed_prereq reflect_prereqs[] = {
    {"badge:writing-evidence", true}, {NULL, false}};

static const char *const comms_criteria[] = {
    "Describe how a sensory impairment, such as sight or hearing loss, can "
    "affect a person's communication and confidence.",
    "Give an example of adapting your communication for a person, such as "
    "using plain words, pictures, signing or hearing aids, and reflect on "
    "how it went.",
    "Explain how you check that equipment like glasses and hearing aids is "
    "clean, working and being used.",
    "Reflect on how the environment, such as noise and lighting, helps or "
    "hinders communication where you work.",
    NULL};
static const char *const comms_activities[] = {
    "Spend ten minutes in a shared area of your workplace and note what "
    "would make it harder to see or hear; discuss it with your team.",
    "Ask a person you support, or their family, what helps them "
    "communicate best.",
    NULL};
static const char *const comms_resources[] = {"RNIB: sight loss advice",
    "https://www.rnib.org.uk/", "RNID: deafness and hearing loss",
    "https://rnid.org.uk/", NULL};
static const char *const comms_tags[] = {"communication", "rights", NULL};
static const struct seed_alignment comms_align[] = {
    {SSSC, "1"}, {SSSC, "2"}, {HSCS, "2"}, {NULL, NULL}};
static const struct seed_prereq comms_prereqs[] = {
    {"badge:writing-evidence", false}, {NULL, false}};

/* ------------------------------------------------------------------ */
/* Dementia series. */

static const char *const dementia_criteria[] = {
    "Describe how dementia can affect a person's memory, communication and "
    "everyday life.",
    "Give an example from your practice of adapting how you communicate "
    "with a person living with dementia, and what you learned from it.",
    "Explain how you involve families and carers in supporting the person.",
    NULL};
static const char *const dementia_activities[] = {
    "Discuss with your manager one change you could make to your practice "
    "to support people living with dementia.",
    NULL};
static const char *const dementia_resources[] = {
    "Alzheimer Scotland", "https://www.alzscotland.org/", R_NHS_INFORM, NULL};
static const char *const dementia_tags[] = {"dementia", "communication", NULL};
static const struct seed_alignment dementia_align[] = {
    {SSSC, "1"}, {HSCS, "1"}, {NULL, NULL}};
static const struct seed_prereq dementia_prereqs[] = {
    {"badge:writing-evidence", false}, {NULL, false}};

static const char *const dem2_criteria[] = {
    "Describe how a person's life story, routines and preferences can help "
    "you understand what they are communicating.",
    "Give an example of a time a person living with dementia was "
    "distressed, what you think they were telling you, and how you "
    "responded.",
    "Reflect on how your tone, body language and pace affect the person.",
    "Explain how you share what works for the person with colleagues so "
    "that everyone responds consistently.",
    NULL};
static const char *const dem2_activities[] = {
    "With the person and their family, help to complete or update a "
    "one-page profile or life story.",
    "Talk through an episode of distress with a colleague, focusing on the "
    "unmet need behind it.",
    NULL};
static const char *const dem2_resources[] = {
    "Alzheimer Scotland", "https://www.alzscotland.org/", NULL};
static const char *const dem2_tags[] = {"dementia", "communication", NULL};
static const struct seed_alignment dem2_align[] = {
    {SSSC, "1"}, {SSSC, "2"}, {HSCS, "3"}, {NULL, NULL}};
static const struct seed_prereq dem2_prereqs[] = {
    {"badge:dementia-awareness", true}, {"badge:communication-sensory", false},
    {NULL, false}};

static const char *const dem3_criteria[] = {
    "Explain why meaningful activity matters for the wellbeing of a person "
    "living with dementia.",
    "Describe how you found out what a person enjoys or used to enjoy, and "
    "how you adapted an activity to suit their abilities today.",
    "Reflect on the difference the activity made to the person, using what "
    "you saw and what they or their family told you.",
    NULL};
static const char *const dem3_activities[] = {
    "Plan and try an everyday activity with a person, such as baking, "
    "gardening or music, and review it with them afterwards.",
    "Share an idea for meaningful activity at a team meeting.", NULL};
static const char *const dem3_resources[] = {
    "Alzheimer Scotland", "https://www.alzscotland.org/", R_CI_HUB, NULL};
static const char *const dem3_tags[] = {"dementia", "wellbeing", NULL};
static const struct seed_alignment dem3_align[] = {
    {SSSC, "3"}, {HSCS, "1"}, {NULL, NULL}};
static const struct seed_prereq dem3_prereqs[] = {
    {"badge:dementia-communication", true}, {NULL, false}};

/* ------------------------------------------------------------------ */
/* Protection. */

static const char *const asp_criteria[] = {
    "Describe the signs that an adult may be at risk of harm, including "
    "physical, psychological, financial and sexual harm and neglect.",
    "Explain what you must do, and who you tell, if you are worried that an "
    "adult is at risk of harm.",
    "Reflect on how you balance a person's rights and choices with keeping "
    "them safe.",
    "Describe what you would record, and why your record should be factual "
    "and prompt.",
    NULL};
static const char *const asp_activities[] = {
    "Find your organisation's adult support and protection procedure and "
    "talk it through with your manager.",
    NULL};
static const char *const asp_resources[] = {
    "Adult support and protection (Scottish Government)",
    "https://www.gov.scot/policies/social-care/adult-support-and-protection/",
    "Act Against Harm", "https://www.actagainstharm.org/", NULL};
static const char *const asp_tags[] = {"safeguarding", "rights", NULL};
static const struct seed_alignment asp_align[] = {
    {SSSC, "3"}, {SSSC, "4"}, {HSCS, "3"}, {NULL, NULL}};
static const struct seed_prereq asp_prereqs[] = {
    {"badge:getting-started", false}, {NULL, false}};

static const char *const cp_criteria[] = {
    "Describe what might make you concerned that a child or young person "
    "is at risk of abuse or neglect, including through the adults you "
    "support.",
    "Explain what you must do and who you tell if you have a concern about "
    "a child, even if you are not sure.",
    "Reflect on why it matters to listen to children and to write down "
    "what they say in their own words.",
    NULL};
static const char *const cp_activities[] = {
    "Find out who the child protection lead is in your organisation and "
    "how to contact them out of hours.",
    "Discuss with your manager how child protection applies in a service "
    "for adults, for example when children visit.",
    NULL};
static const char *const cp_resources[] = {
    "National Guidance for Child Protection in Scotland (2021, updated "
    "2023)",
    "https://www.gov.scot/publications/"
    "national-guidance-child-protection-scotland-2021-updated-2023/",
    NULL};
static const char *const cp_tags[] = {"safeguarding", "rights", NULL};
static const struct seed_alignment cp_align[] = {
    {SSSC, "3"}, {SSSC, "5"}, {NULL, NULL}};
static const struct seed_prereq cp_prereqs[] = {
    {"badge:adult-support-protection", false}, {NULL, false}};

/* ------------------------------------------------------------------ */
/* Health. */

static const char *const meds_criteria[] = {
    "Describe your role and its limits in supporting people with their "
    "medication.",
    "Explain what you would do if a person refused their medication or "
    "you noticed an error.",
    "Describe how you support a person to stay as involved as they can be "
    "in managing their own medicines.",
    NULL};
static const char *const meds_activities[] = {
    "Read your service's medication policy and ask your manager about one "
    "part of it you are unsure of.",
    NULL};
static const char *const meds_resources[] = {R_CI_HUB, R_NHS_INFORM, NULL};
static const char *const meds_tags[] = {"medication", "health", NULL};
static const struct seed_alignment meds_align[] = {
    {SSSC, "3"}, {SSSC, "6"}, {HSCS, "1"}, {NULL, NULL}};
static const struct seed_prereq meds_prereqs[] = {
    {"badge:writing-evidence", false}, {NULL, false}};

/* ------------------------------------------------------------------ */
/* Trauma series. */

static const char *const trauma_criteria[] = {
    "Explain what trauma-informed practice means in your role.",
    "Describe some of the ways trauma and adversity can show up in "
    "people's behaviour, health and relationships.",
    "Give an example of how you helped a person feel safe, respected and "
    "in control, and reflect on what you learned.",
    NULL};
static const char *const trauma_activities[] = {
    "Watch a short trauma-informed practice animation and discuss with a "
    "colleague what it means for your service.",
    NULL};
static const char *const trauma_resources[] = {
    "National Trauma Transformation Programme",
    "https://www.traumatransformation.scot/", NULL};
static const char *const trauma_tags[] = {"trauma", "wellbeing", NULL};
static const struct seed_alignment trauma_align[] = {
    {SSSC, "1"}, {SSSC, "2"}, {HSCS, "3"}, {NULL, NULL}};
static const struct seed_prereq trauma_prereqs[] = {
    {"badge:writing-evidence", false}, {NULL, false}};

static const char *const trauma2_criteria[] = {
    "Describe how you adapt your practice for a person who may be affected "
    "by trauma, using the ideas of safety, trust, choice, collaboration and "
    "empowerment.",
    "Give an example of a moment when something in the service could have "
    "re-traumatised a person, and what you did or would do differently.",
    "Reflect on how supporting people affected by trauma affects you, and "
    "what helps you look after yourself.",
    NULL};
static const char *const trauma2_activities[] = {
    "Walk through your service's first contact with a new person, such as "
    "a welcome letter or first visit, and suggest one change with your "
    "team.",
    "Use supervision to talk about the emotional impact of your work.", NULL};
static const char *const trauma2_resources[] = {
    "National Trauma Transformation Programme",
    "https://www.traumatransformation.scot/", NULL};
static const char *const trauma2_tags[] = {
    "trauma", "reflective practice", NULL};
static const struct seed_alignment trauma2_align[] = {
    {SSSC, "1"}, {SSSC, "4"}, {HSCS, "3"}, {NULL, NULL}};
static const struct seed_prereq trauma2_prereqs[] = {
    {"badge:trauma-informed", true}, {"badge:reflective-practice", false},
    {NULL, false}};

static const char *const mh_criteria[] = {
    "Describe some common mental health conditions and how they can affect "
    "a person's daily life.",
    "Explain how you would respond if a person told you they were having "
    "thoughts of suicide, and where you would get help.",
    "Reflect on how stigma affects people with mental health problems and "
    "how your own words and actions can reduce it.",
    NULL};
static const char *const mh_activities[] = {
    "Find out what mental health support is available locally and share "
    "it with your team.",
    NULL};
static const char *const mh_resources[] = {"See Me: ending mental health "
                                           "stigma",
    "https://www.seemescotland.org/",
    "SAMH (Scottish Association for "
    "Mental Health)",
    "https://www.samh.org.uk/", R_NHS_INFORM, NULL};
static const char *const mh_tags[] = {"mental health", "wellbeing", NULL};
static const struct seed_alignment mh_align[] = {
    {SSSC, "1"}, {SSSC, "4"}, {HSCS, "1"}, {NULL, NULL}};
static const struct seed_prereq mh_prereqs[] = {
    {"badge:trauma-informed", false}, {NULL, false}};

static const char *const ipc_criteria[] = {
    "Describe the standard infection control precautions you use every "
    "day, including hand hygiene and the safe use of personal protective "
    "equipment.",
    "Explain how you would recognise and report signs that a person may "
    "have an infection.",
    "Reflect on how you keep people safe from infection while respecting "
    "their home, privacy and dignity.",
    NULL};
static const char *const ipc_activities[] = {
    "Ask a colleague to observe your hand hygiene and give you feedback.",
    "Find the infection prevention and control lead or guidance for your "
    "service.",
    NULL};
static const char *const ipc_resources[] = {
    "National Infection Prevention and Control Manual",
    "https://nipcm.hps.scot.nhs.uk/", NULL};
static const char *const ipc_tags[] = {"health", "health and safety", NULL};
static const struct seed_alignment ipc_align[] = {
    {SSSC, "3"}, {SSSC, "6"}, {HSCS, "5"}, {NULL, NULL}};
static const struct seed_prereq ipc_prereqs[] = {
    {"badge:getting-started", false}, {NULL, false}};

static const char *const mh2_criteria[] = {
    "Describe how you check a person's moving and assisting plan before "
    "you help them, and what you do if it no longer seems right.",
    "Explain how you support a person to move as independently as they "
    "can, and why that matters.",
    "Give an example of using equipment such as a hoist or slide sheet "
    "safely, including the checks you make.",
    "Reflect on how you protect the person's dignity and your own body "
    "when assisting.",
    NULL};
static const char *const mh2_activities[] = {
    "Ask your manager or moving and assisting trainer to observe you "
    "supporting a person and give feedback.",
    NULL};
static const char *const mh2_resources[] = {
    "Moving and handling in health and social care (HSE)",
    "https://www.hse.gov.uk/healthservices/moving-handling/index.htm", NULL};
static const char *const mh2_tags[] = {
    "health and safety", "independence", NULL};
static const struct seed_alignment mh2_align[] = {
    {SSSC, "3"}, {HSCS, "1"}, {HSCS, "3"}, {NULL, NULL}};
static const struct seed_prereq mh2_prereqs[] = {
    {"badge:getting-started", false}, {NULL, false}};

static const char *const food_criteria[] = {
    "Describe the signs that a person may not be eating or drinking "
    "enough, and what you would do.",
    "Give an example of how you made a mealtime a better experience for a "
    "person, for example through choice, company or the right support.",
    "Explain how you respect a person's culture, faith and preferences "
    "about food and drink.",
    NULL};
static const char *const food_activities[] = {
    "Join a mealtime as an observer and note what helps and what gets in "
    "the way; discuss it with your team.",
    NULL};
static const char *const food_resources[] = {R_CI_HUB,
    "Food Standards Scotland", "https://www.foodstandards.gov.scot/", NULL};
static const char *const food_tags[] = {"health", "wellbeing", NULL};
static const struct seed_alignment food_align[] = {
    {SSSC, "1"}, {HSCS, "1"}, {NULL, NULL}};
static const struct seed_prereq food_prereqs[] = {
    {"badge:dementia-awareness", false}, {NULL, false}};

static const char *const eol_criteria[] = {
    "Describe how you find out and respect what matters to a person as "
    "they approach the end of their life.",
    "Explain how you support a person's family and friends before and "
    "after a death.",
    "Reflect on a conversation about death or dying, what felt difficult "
    "and what helped.",
    "Describe what support you can use after someone you cared for dies.",
    NULL};
static const char *const eol_activities[] = {
    "Talk with your manager or a palliative care colleague about how your "
    "service plans ahead with people.",
    NULL};
static const char *const eol_resources[] = {"Good Life, Good Death, Good "
                                            "Grief",
    "https://www.goodlifedeathgrief.org.uk/",
    "Scottish Partnership for Palliative Care",
    "https://www.palliativecarescotland.org.uk/", NULL};
static const char *const eol_tags[] = {"end of life", "communication", NULL};
static const struct seed_alignment eol_align[] = {
    {SSSC, "1"}, {SSSC, "2"}, {HSCS, "2"}, {NULL, NULL}};
static const struct seed_prereq eol_prereqs[] = {
    {"badge:communication-sensory", false}, {NULL, false}};

/* ------------------------------------------------------------------ */
/* Rights and person-led support. */

static const char *const hr_criteria[] = {
    "Explain in your own words what human rights are and why they matter "
    "in everyday care and support.",
    "Give an example of a decision in your work where a person's rights "
    "were at stake, and how they were upheld or could have been.",
    "Describe how the PANEL principles (participation, accountability, "
    "non-discrimination, empowerment and legality) could guide your "
    "practice.",
    NULL};
static const char *const hr_activities[] = {
    "Look at one house rule or routine in your service and discuss with "
    "colleagues whether it respects people's rights.",
    NULL};
static const char *const hr_resources[] = {"Scottish Human Rights Commission",
    "https://www.scottishhumanrights.com/", R_HSCS, NULL};
static const char *const hr_tags[] = {"rights", NULL};
static const struct seed_alignment hr_align[] = {
    {SSSC, "1"}, {SSSC, "4"}, {HSCS, "2"}, {NULL, NULL}};
static const struct seed_prereq hr_prereqs[] = {
    {"badge:writing-evidence", false}, {NULL, false}};

static const char *const edi_criteria[] = {
    "Describe what equality, diversity and inclusion mean in your work.",
    "Reflect on an assumption or bias you have noticed in yourself or "
    "your service, and what you did about it.",
    "Give an example of adapting support so that a person could take part "
    "fully, whatever their background or identity.",
    "Explain what you would do if you saw or heard discrimination at "
    "work.",
    NULL};
static const char *const edi_activities[] = {
    "Discuss with your team how welcoming your service is to people from "
    "different backgrounds, and agree one improvement.",
    NULL};
static const char *const edi_resources[] = {
    "Equality and Human Rights Commission",
    "https://www.equalityhumanrights.com/", NULL};
static const char *const edi_tags[] = {"equality", "rights", NULL};
static const struct seed_alignment edi_align[] = {
    {SSSC, "1"}, {SSSC, "5"}, {HSCS, "1"}, {NULL, NULL}};
static const struct seed_prereq edi_prereqs[] = {
    {"badge:human-rights", false}, {NULL, false}};

static const char *const sds_criteria[] = {
    "Describe the four self-directed support options in your own words.",
    "Explain how self-directed support gives people choice and control "
    "over their support.",
    "Give an example of how you helped a person to shape their support "
    "around what matters to them.",
    NULL};
static const char *const sds_activities[] = {
    "Ask your manager how the people your service supports chose it, and "
    "which self-directed support option they use.",
    NULL};
static const char *const sds_resources[] = {
    "Self-directed support (Care Inspectorate Hub)",
    "https://hub.careinspectorate.com/knowledge/policy-and-legislation/"
    "policy-portals/self-directed-support/",
    NULL};
static const char *const sds_tags[] = {"rights", "independence", NULL};
static const struct seed_alignment sds_align[] = {
    {SSSC, "1"}, {SSSC, "3"}, {HSCS, "2"}, {NULL, NULL}};
static const struct seed_prereq sds_prereqs[] = {
    {"badge:human-rights", false}, {NULL, false}};

static const char *const outc_criteria[] = {
    "Explain the difference between a task, a service and a personal "
    "outcome, using an example from your work.",
    "Describe a good conversation you had with a person about what "
    "matters to them and what they want to achieve.",
    "Give an example of supporting a person to do something for "
    "themselves rather than doing it for them, and reflect on any risks.",
    NULL};
static const char *const outc_activities[] = {
    "Review one care or support plan with the person and rewrite one "
    "goal so that it describes the outcome they want.",
    "Discuss with a colleague a time when helping too much reduced a "
    "person's independence.",
    NULL};
static const char *const outc_resources[] = {R_IRISS, R_HSCS, NULL};
static const char *const outc_tags[] = {"independence", "rights", NULL};
static const struct seed_alignment outc_align[] = {
    {SSSC, "3"}, {HSCS, "1"}, {NULL, NULL}};
static const struct seed_prereq outc_prereqs[] = {
    {"badge:self-directed-support", false}, {NULL, false}};

static const char *const carers_criteria[] = {
    "Describe who unpaid carers are and the different things they do.",
    "Explain how caring can affect a carer's health, work, money and "
    "relationships.",
    "Give an example of how you recognised, listened to or involved an "
    "unpaid carer as a partner in care.",
    "Describe where a carer could get information or support, including "
    "their right to a carer support plan.",
    NULL};
static const char *const carers_activities[] = {
    "Find your local carers centre and share its details with your team.",
    NULL};
static const char *const carers_resources[] = {"Carers Trust",
    "https://carers.org/", "Carers UK", "https://www.carersuk.org/", NULL};
static const char *const carers_tags[] = {"carers", "rights", NULL};
static const struct seed_alignment carers_align[] = {
    {SSSC, "1"}, {SSSC, "2"}, {HSCS, "2"}, {NULL, NULL}};
static const struct seed_prereq carers_prereqs[] = {
    {"badge:writing-evidence", false}, {NULL, false}};

/* ------------------------------------------------------------------ */
/* Looking after yourself and your learning. */

static const char *const sup_criteria[] = {
    "Describe what supervision is for and what you and your supervisor "
    "each bring to it.",
    "Explain how you prepare for supervision so that it is useful to you.",
    "Reflect on a supervision session that helped you, or one that did "
    "not, and what made the difference.",
    NULL};
static const char *const sup_activities[] = {
    "Agree or review a supervision agreement with your supervisor.",
    "Bring one piece of reflective writing to your next supervision.", NULL};
static const char *const sup_resources[] = {R_SSSC_LEARN, R_IRISS, NULL};
static const char *const sup_tags[] = {
    "reflective practice", "wellbeing", NULL};
static const struct seed_alignment sup_align[] = {
    {SSSC, "6"}, {HSCS, "4"}, {NULL, NULL}};
static const struct seed_prereq sup_prereqs[] = {
    {"badge:reflective-practice", false}, {NULL, false}};

static const char *const well_criteria[] = {
    "Describe the early signs that your work is affecting your wellbeing.",
    "Explain what helps you recover after a difficult shift or day.",
    "Give an example of how you supported a colleague's wellbeing, or "
    "could have.",
    "Describe the wellbeing support available to you at work and "
    "nationally.",
    NULL};
static const char *const well_activities[] = {
    "Make a simple personal wellbeing plan and share the parts you choose "
    "with your manager.",
    NULL};
static const char *const well_resources[] = {
    "National Wellbeing Hub for health and social care",
    "https://wellbeinghub.scot/", NULL};
static const char *const well_tags[] = {"wellbeing", NULL};
static const struct seed_alignment well_align[] = {
    {SSSC, "6"}, {HSCS, "3"}, {NULL, NULL}};
static const struct seed_prereq well_prereqs[] = {
    {"badge:getting-started", false}, {NULL, false}};

/* ------------------------------------------------------------------ */
/* Digital skills series. */

static const char *const dig1_criteria[] = {
    "Describe how you keep your work accounts and devices secure, "
    "including strong passwords and locking your screen.",
    "Explain how to recognise a suspicious email, message or call, and "
    "what you do if you receive one.",
    "Reflect on how you use social media in a way that keeps the "
    "confidence of the people you support.",
    NULL};
static const char *const dig1_activities[] = {
    "Check the security settings on one work account or device with a "
    "colleague.",
    NULL};
static const char *const dig1_resources[] = {
    "National Cyber Security Centre", "https://www.ncsc.gov.uk/", NULL};
static const char *const dig1_tags[] = {"digital skills", NULL};
static const struct seed_alignment dig1_align[] = {
    {SSSC, "2"}, {SSSC, "5"}, {NULL, NULL}};
static const struct seed_prereq dig1_prereqs[] = {
    {"badge:getting-started", false}, {NULL, false}};

static const char *const dig2_criteria[] = {
    "Describe what makes a good digital record: accurate, timely, "
    "factual and respectful.",
    "Explain who can see the records you write and the person's right to "
    "see their own record.",
    "Give an example of a record you wrote and reflect on how you could "
    "make it clearer or more person-centred.",
    NULL};
static const char *const dig2_activities[] = {
    "Read back a week of your own entries and discuss one with your "
    "manager.",
    NULL};
static const char *const dig2_resources[] = {
    "Information Commissioner's Office", "https://ico.org.uk/", NULL};
static const char *const dig2_tags[] = {"digital skills", "rights", NULL};
static const struct seed_alignment dig2_align[] = {
    {SSSC, "2"}, {SSSC, "6"}, {HSCS, "4"}, {NULL, NULL}};
static const struct seed_prereq dig2_prereqs[] = {
    {"badge:digital-online-safety", true}, {NULL, false}};

static const char *const dig3_criteria[] = {
    "Give an example of helping a person to use technology for something "
    "that matters to them, such as a video call with family.",
    "Describe how you supported the person to stay safe online while "
    "respecting their choices.",
    "Reflect on what made it easier or harder for the person to get "
    "online, and what you would do next time.",
    NULL};
static const char *const dig3_activities[] = {
    "Ask the people you support what they would like to do online and "
    "share what you find with your team.",
    NULL};
static const char *const dig3_resources[] = {
    "SCVO: digital inclusion", "https://scvo.scot/", NULL};
static const char *const dig3_tags[] = {"digital skills", "independence", NULL};
static const struct seed_alignment dig3_align[] = {
    {SSSC, "3"}, {HSCS, "1"}, {NULL, NULL}};
static const struct seed_prereq dig3_prereqs[] = {
    {"badge:digital-records", true}, {NULL, false}};

/* ------------------------------------------------------------------ */
/* Leading in care series. */

static const char *const lead1_criteria[] = {
    "Describe what leadership means in your role, whether or not you have "
    "a leadership title.",
    "Reflect on your values and strengths, and one area of your practice "
    "you want to develop.",
    "Give an example of when you took the lead on something, however "
    "small, and what you learned about yourself.",
    NULL};
static const char *const lead1_activities[] = {
    "Ask two colleagues for feedback on one thing you do well and one "
    "thing you could do differently.",
    NULL};
static const char *const lead1_resources[] = {R_STEP_LEAD, NULL};
static const char *const lead1_tags[] = {
    "leadership", "reflective practice", NULL};
static const struct seed_alignment lead1_align[] = {
    {SSSC, "6"}, {HSCS, "3"}, {NULL, NULL}};
static const struct seed_prereq lead1_prereqs[] = {
    {"badge:reflective-practice", false}, {NULL, false}};

static const char *const lead2_criteria[] = {
    "Describe how you build trust and a shared sense of purpose in a "
    "team.",
    "Give an example of how you helped a team work through a difficult "
    "situation or a disagreement.",
    "Explain how you make sure that everyone in the team, including new "
    "and quieter members, is heard.",
    "Reflect on feedback from your team about your leadership.", NULL};
static const char *const lead2_activities[] = {
    "Lead part of a team meeting and ask for feedback afterwards.",
    "Discuss with your manager how the team could involve the people it "
    "supports in decisions.",
    NULL};
static const char *const lead2_resources[] = {R_STEP_LEAD, NULL};
static const char *const lead2_tags[] = {"leadership", NULL};
static const struct seed_alignment lead2_align[] = {
    {SSSC, "6"}, {HSCS, "4"}, {NULL, NULL}};
static const struct seed_prereq lead2_prereqs[] = {
    {"badge:leading-yourself", true}, {NULL, false}};

static const char *const lead3_criteria[] = {
    "Describe the difference between telling someone what to do and "
    "having a coaching conversation.",
    "Give an example of a coaching conversation you had with a colleague, "
    "including the questions you asked.",
    "Reflect on what you did that helped the colleague find their own "
    "way forward, and what you would do differently.",
    NULL};
static const char *const lead3_activities[] = {
    "Practise a short coaching conversation with a colleague and swap "
    "feedback.",
    NULL};
static const char *const lead3_resources[] = {R_STEP_LEAD, R_SSSC_LEARN, NULL};
static const char *const lead3_tags[] = {"leadership", "communication", NULL};
static const struct seed_alignment lead3_align[] = {{SSSC, "6"}, {NULL, NULL}};
static const struct seed_prereq lead3_prereqs[] = {
    {"badge:leading-a-team", true}, {"badge:supervision", false},
    {NULL, false}};

static const char *const lead4_criteria[] = {
    "Describe a change you led or helped lead in your service and why it "
    "was needed.",
    "Explain how you involved the people you support, their families and "
    "colleagues in shaping the change.",
    "Describe how you knew whether the change was an improvement.",
    "Reflect on the resistance or setbacks you met and how you responded.",
    NULL};
static const char *const lead4_activities[] = {
    "Use a simple plan, do, study, act cycle to test one small change and "
    "share the results with your team.",
    NULL};
static const char *const lead4_resources[] = {R_STEP_LEAD, R_CI_HUB, NULL};
static const char *const lead4_tags[] = {"leadership", NULL};
static const struct seed_alignment lead4_align[] = {
    {SSSC, "6"}, {HSCS, "4"}, {NULL, NULL}};
static const struct seed_prereq lead4_prereqs[] = {
    {"badge:coaching-conversations", true}, {NULL, false}};

/* ------------------------------------------------------------------ */
/* Riverside Care's own badges. */

static const char *const rv1_criteria[] = {
    "Describe Riverside's values in your own words.",
    "Give an example from your first weeks of seeing one of our values "
    "in action, and what it meant for the resident.",
    "Reflect on how Riverside's values fit with your own.", NULL};
static const char *const rv1_activities[] = {
    "Talk with your buddy about what our values look like on a busy "
    "shift.",
    NULL};
static const char *const rv1_tags[] = {"induction", NULL};
static const struct seed_alignment rv1_align[] = {
    {SSSC, "2"}, {SSSC, "5"}, {HSCS, "4"}, {NULL, NULL}};
static const struct seed_prereq rv1_prereqs[] = {
    {"badge:getting-started", false}, {NULL, false}};

static const char *const rv2_criteria[] = {
    "Describe what you do when the fire alarm sounds in the part of the "
    "home where you work.",
    "Explain how residents' personal evacuation plans are used and where "
    "to find them.",
    "Describe how you keep fire exits and escape routes clear every day.",
    NULL};
static const char *const rv2_activities[] = {
    "Walk the escape routes from your unit with the fire warden.",
    "Take part in a fire drill and note one thing you learned.", NULL};
static const char *const rv2_resources[] = {"Scottish Fire and Rescue "
                                            "Service",
    "https://www.firescotland.gov.uk/", NULL};
static const char *const rv2_tags[] = {"induction", "health and safety", NULL};
static const struct seed_alignment rv2_align[] = {
    {SSSC, "3"}, {HSCS, "5"}, {NULL, NULL}};
static const struct seed_prereq rv2_prereqs[] = {
    {"badge:riverside-values", true}, {NULL, false}};

static const char *const rv3_criteria[] = {
    "Describe what a good handover at Riverside includes and what it "
    "leaves out.",
    "Give an example of a handover you gave or received and reflect on "
    "what made it clear or unclear.",
    "Explain how you keep handover respectful and confidential, "
    "especially in shared spaces.",
    NULL};
static const char *const rv3_activities[] = {
    "Give a handover while a senior carer listens, and ask for feedback.",
    NULL};
static const char *const rv3_tags[] = {"induction", "communication", NULL};
static const struct seed_alignment rv3_align[] = {
    {SSSC, "2"}, {SSSC, "6"}, {HSCS, "3"}, {NULL, NULL}};
static const struct seed_prereq rv3_prereqs[] = {
    {"badge:riverside-fire-safety", true}, {NULL, false}};

static const char *const rv4_criteria[] = {
    "Describe how to find, read and update a resident's care plan in our "
    "care planning system.",
    "Give an example of an entry you made and explain how it reflects "
    "the resident's own words and wishes.",
    "Explain what you would do if you found information in the system "
    "that was wrong or out of date.",
    NULL};
static const char *const rv4_activities[] = {
    "Review one resident's care plan with them or their family and your "
    "senior carer.",
    NULL};
static const char *const rv4_tags[] = {"digital skills", "induction", NULL};
static const struct seed_alignment rv4_align[] = {
    {SSSC, "2"}, {SSSC, "6"}, {HSCS, "2"}, {NULL, NULL}};
static const struct seed_prereq rv4_prereqs[] = {
    {"badge:riverside-values", false}, {"badge:digital-records", false},
    {NULL, false}};

/* ------------------------------------------------------------------ */

const struct seed_badge seed_badges[] = {
    {
        .key = "badge:getting-started",
        .issuer_key = SCHEME,
        .name = "Getting started with Open Badges",
        .summary = "Find out what Open Badges are, how they recognise your "
                   "learning at work and how to share them.",
        .description_md =
            "This introductory badge explains how the badge scheme works: "
            "how to choose a badge, what assessors look for, and how a "
            "badge can be shared with employers.\n\n"
            "It is for everyone, whatever your role or setting, and it is "
            "recommended as your first badge. You will browse the "
            "catalogue, read some criteria and think about what you would "
            "like to learn next.\n\n"
            "A badge recognises **learning**. It is not a qualification "
            "and it is not evidence of competence.",
        .minutes = 60,
        .licence = CC_BY,
        .min_words = 150,
        .attachments_allowed = true,
        .introductory = true,
        .colour = "#0065bd",
        .image_alt = "A blue badge with the letters GS, for Getting "
                     "started with Open Badges",
        .criteria = intro1_criteria,
        .activities = intro1_activities,
        .resources = intro1_resources,
        .tags = intro1_tags,
        .alignments = intro1_align,
    },
    {
        .key = "badge:writing-evidence",
        .issuer_key = SCHEME,
        .name = "Writing evidence for Open Badge applications",
        .summary = "Learn how to write a clear reflective account that "
                   "shows your learning, in your own words.",
        .description_md =
            "Assessors judge each criterion against the evidence you give. "
            "This badge helps you write evidence that is **reflective**, "
            "**specific** and **anonymous**.\n\n"
            "It is for anyone about to apply for their first badge. You "
            "will read an example account, write a short one of your own "
            "and check it for anything that could identify a person.\n\n"
            "Spelling and grammar are never assessed, and you can give "
            "your account as audio or video if that suits you better.",
        .minutes = 90,
        .licence = CC_BY,
        .min_words = 200,
        .attachments_allowed = true,
        .introductory = true,
        .colour = "#5e7d1a",
        .image_alt = "A green badge with the letters WE, for Writing "
                     "evidence for Open Badge applications",
        .criteria = intro2_criteria,
        .activities = intro2_activities,
        .resources = intro2_resources,
        .tags = intro2_tags,
        .alignments = intro2_align,
    },
    {
        .key = "badge:reflective-practice",
        .issuer_key = SCHEME,
        .name = "Reflective practice",
        .summary = "Make reflection a habit: look back on your practice, "
                   "understand what shaped it and decide what to do "
                   "differently.",
        .description_md =
            "Reflective practice means thinking carefully about what "
            "happened at work, why, and what you will do next. It is how "
            "everyday experience becomes learning.\n\n"
            "This badge is for anyone who has written their first "
            "reflective account and wants to go further. You will use a "
            "reflective model, look at your own values and assumptions, "
            "and plan how to keep reflecting.\n\n"
            "You might:\n\n"
            "- keep a short reflective log\n"
            "- talk an entry through with your manager\n"
            "- try a different reflective model",
        .minutes = 120,
        .licence = CC_BY,
        .min_words = 300,
        .colour = "#8a4b08",
        .image_alt = "A brown badge with the letters RP, for Reflective "
                     "practice",
        .criteria = reflect_criteria,
        .activities = reflect_activities,
        .resources = reflect_resources,
        .tags = reflect_tags,
        .alignments = reflect_align,
        .prereqs = reflect_prereqs,
    },
    {
        .key = "badge:communication-sensory",
        .issuer_key = SCHEME,
        .name = "Communication and sensory impairment",
        .summary = "Adapt how you communicate so that people with sight or "
                   "hearing loss can take part fully in their own lives.",
        .description_md =
            "Many of the people we support live with sight loss, hearing "
            "loss or both, and it is often missed. Good communication "
            "starts with noticing.\n\n"
            "This badge is for anyone in a direct support role. You will "
            "look at how sensory impairment affects communication, try "
            "adapting your own, and check the environment and equipment "
            "around the people you support.\n\n"
            "You do not need to be a specialist: small changes, like "
            "facing a person when you speak or cleaning their glasses, "
            "make a big difference.",
        .minutes = 90,
        .licence = CC_BY,
        .min_words = 250,
        .colour = "#00607a",
        .image_alt = "A dark teal badge with the letters CS, for "
                     "Communication and sensory impairment",
        .criteria = comms_criteria,
        .activities = comms_activities,
        .resources = comms_resources,
        .tags = comms_tags,
        .alignments = comms_align,
        .prereqs = comms_prereqs,
    },
    {
        .key = "badge:dementia-awareness",
        .issuer_key = SCHEME,
        .name = "Dementia awareness",
        .summary = "Understand how dementia affects people and how you can "
                   "support them well.",
        .description_md =
            "For anyone working with people living with dementia, in any "
            "care setting, and the first badge in the dementia series.\n\n"
            "You will learn how dementia can affect memory, communication "
            "and everyday life, and reflect on one way you have adapted "
            "your own practice. Families and carers know the person best, "
            "so you will also think about how you involve them.\n\n"
            "When you have this badge you can go on to *Dementia skilled "
            "practice: communication*.",
        .minutes = 120,
        .licence = CC_BY,
        .min_words = 300,
        .colour = "#6a2c91",
        .image_alt = "A purple badge with the letters DA, for Dementia "
                     "awareness",
        .criteria = dementia_criteria,
        .activities = dementia_activities,
        .resources = dementia_resources,
        .tags = dementia_tags,
        .alignments = dementia_align,
        .prereqs = dementia_prereqs,
        .series_key = "series:dementia",
        .series_position = 1,
    },
    {
        .key = "badge:dementia-communication",
        .issuer_key = SCHEME,
        .name = "Dementia skilled practice: communication",
        .summary = "Build on dementia awareness to understand and respond "
                   "to what a person living with dementia is telling you.",
        .description_md =
            "As dementia progresses, people communicate more through "
            "behaviour, expression and routine than through words. Skilled "
            "practice means looking for the meaning and the unmet need.\n\n"
            "This badge is for workers who support people living with "
            "dementia every day. You will use a person's life story, "
            "reflect on a time of distress, and share what works so the "
            "whole team can respond consistently.\n\n"
            "It is the second badge in the dementia series.",
        .minutes = 150,
        .licence = CC_BY,
        .min_words = 350,
        .colour = "#5a2483",
        .image_alt = "A deep purple badge with the letters DC, for "
                     "Dementia skilled practice: communication",
        .criteria = dem2_criteria,
        .activities = dem2_activities,
        .resources = dem2_resources,
        .tags = dem2_tags,
        .alignments = dem2_align,
        .prereqs = dem2_prereqs,
        .series_key = "series:dementia",
        .series_position = 2,
    },
    {
        .key = "badge:dementia-activity",
        .issuer_key = SCHEME,
        .name = "Dementia skilled practice: meaningful activity",
        .summary = "Support people living with dementia to spend their "
                   "days doing things that matter to them.",
        .description_md =
            "Meaningful activity is not a timetable of entertainment. It "
            "is the ordinary things that give a person purpose, pleasure "
            "and connection, adapted to what they can do today.\n\n"
            "This badge is for workers who have completed the first two "
            "dementia badges. You will plan and try an activity with a "
            "person, then reflect with them and their family on the "
            "difference it made.\n\n"
            "You may attach an activity plan or photograph, as long as no "
            "one in it can be identified.",
        .minutes = 180,
        .licence = CC_BY,
        .min_words = 350,
        .attachments_allowed = true,
        .colour = "#80368c",
        .image_alt = "A plum badge with the letters DM, for Dementia "
                     "skilled practice: meaningful activity",
        .criteria = dem3_criteria,
        .activities = dem3_activities,
        .resources = dem3_resources,
        .tags = dem3_tags,
        .alignments = dem3_align,
        .prereqs = dem3_prereqs,
        .series_key = "series:dementia",
        .series_position = 3,
    },
    {
        .key = "badge:adult-support-protection",
        .issuer_key = SCHEME,
        .name = "Adult support and protection",
        .summary = "Recognise when an adult may be at risk of harm and know "
                   "what to do.",
        .description_md =
            "Everyone who works in social services has a part to play in "
            "keeping adults safe from harm.\n\n"
            "This badge is for all workers, including those who do not "
            "give direct care. You will look at the kinds of harm, find "
            "your own organisation's procedure and reflect on how you "
            "balance a person's choices with their safety.\n\n"
            "If you are worried about someone now, do not wait to finish "
            "this badge: tell your manager or follow your procedure today.",
        .minutes = 150,
        .licence = CC_BY,
        .min_words = 300,
        .colour = "#d32205",
        .image_alt = "A red badge with the letters AP, for Adult support "
                     "and protection",
        .criteria = asp_criteria,
        .activities = asp_activities,
        .resources = asp_resources,
        .tags = asp_tags,
        .alignments = asp_align,
        .prereqs = asp_prereqs,
    },
    {
        .key = "badge:child-protection",
        .issuer_key = SCHEME,
        .name = "Child protection awareness",
        .summary = "Know the signs that a child may be at risk and what you "
                   "must do, wherever you work.",
        .description_md =
            "Protecting children is everyone's job, including in services "
            "for adults: children visit, live with the people we support, "
            "or are cared for by them.\n\n"
            "This badge is for all workers. You will think about what "
            "might worry you, find out who to tell in your organisation, "
            "and reflect on how to listen to and record what a child "
            "says.\n\n"
            "It builds well on the *Adult support and protection* badge.",
        .minutes = 90,
        .licence = CC_BY,
        .min_words = 250,
        .colour = "#b0124a",
        .image_alt = "A crimson badge with the letters CP, for Child "
                     "protection awareness",
        .criteria = cp_criteria,
        .activities = cp_activities,
        .resources = cp_resources,
        .tags = cp_tags,
        .alignments = cp_align,
        .prereqs = cp_prereqs,
    },
    {
        .key = "badge:medication-awareness",
        .issuer_key = SCHEME,
        .name = "Medication awareness",
        .summary = "Understand your role in supporting people safely with "
                   "their medication.",
        .description_md =
            "Covers the principles of supporting people with medication "
            "and what to do when things go wrong.\n\n"
            "This badge is for workers who prompt, assist with or "
            "administer medication, or who work alongside those who do. "
            "It does not replace your employer's medication training or "
            "their assessment of your practice.\n\n"
            "Because practice and guidance change, the badge expires after "
            "two years; apply again to show your learning is current.",
        .minutes = 90,
        .licence = CC_BY,
        .min_words = 250,
        .expiry_months = 24,
        .colour = "#00827f",
        .image_alt = "A teal badge with the letters MA, for Medication "
                     "awareness",
        .criteria = meds_criteria,
        .activities = meds_activities,
        .resources = meds_resources,
        .tags = meds_tags,
        .alignments = meds_align,
        .prereqs = meds_prereqs,
    },
    {
        .key = "badge:trauma-informed",
        .issuer_key = SCHEME,
        .name = "Trauma-informed practice",
        .summary = "Understand how trauma affects people and how to respond "
                   "in ways that help them feel safe.",
        .description_md =
            "Based on the principles of safety, trust, choice, "
            "collaboration and empowerment.\n\n"
            "Trauma and adversity are common, and many people we support "
            "have experienced them. This badge is for every worker: you "
            "do not need to know a person's history to respond in a way "
            "that does no further harm.\n\n"
            "It is the first of two badges in the trauma series.",
        .minutes = 120,
        .licence = CC_BY,
        .min_words = 300,
        .colour = "#b3541e",
        .image_alt = "An orange badge with the letters TI, for "
                     "Trauma-informed practice",
        .criteria = trauma_criteria,
        .activities = trauma_activities,
        .resources = trauma_resources,
        .tags = trauma_tags,
        .alignments = trauma_align,
        .prereqs = trauma_prereqs,
        .series_key = "series:trauma",
        .series_position = 1,
    },
    {
        .key = "badge:trauma-skilled",
        .issuer_key = SCHEME,
        .name = "Trauma-skilled practice",
        .summary = "Adapt your everyday practice for people affected by "
                   "trauma, and look after yourself while you do.",
        .description_md =
            "Trauma-skilled workers notice when a person may be affected "
            "by trauma and change what they do, so that services support "
            "recovery instead of repeating harm.\n\n"
            "This badge is for workers in direct contact with people who "
            "may have experienced trauma. You will apply the five "
            "principles to your own practice, look at your service "
            "through a person's eyes and reflect on the impact of the work "
            "on you.\n\n"
            "It is the second badge in the trauma series.",
        .minutes = 180,
        .licence = CC_BY,
        .min_words = 350,
        .colour = "#9c4215",
        .image_alt = "A burnt orange badge with the letters TS, for "
                     "Trauma-skilled practice",
        .criteria = trauma2_criteria,
        .activities = trauma2_activities,
        .resources = trauma2_resources,
        .tags = trauma2_tags,
        .alignments = trauma2_align,
        .prereqs = trauma2_prereqs,
        .series_key = "series:trauma",
        .series_position = 2,
    },
    {
        .key = "badge:mental-health-awareness",
        .issuer_key = SCHEME,
        .name = "Mental health awareness",
        .summary = "Recognise common mental health problems, respond with "
                   "compassion and know where to find help.",
        .description_md =
            "Mental health problems are common. They affect many of the "
            "people we support, and our colleagues and ourselves too.\n\n"
            "This badge is for all workers. You will learn about some "
            "common conditions, think about how you would respond to a "
            "person in distress, and reflect on stigma.\n\n"
            "If you are struggling yourself, speak to someone you trust "
            "or contact your GP or NHS 24 on 111.",
        .minutes = 120,
        .licence = CC_BY,
        .min_words = 300,
        .colour = "#2e6b30",
        .image_alt = "A forest green badge with the letters MH, for Mental "
                     "health awareness",
        .criteria = mh_criteria,
        .activities = mh_activities,
        .resources = mh_resources,
        .tags = mh_tags,
        .alignments = mh_align,
        .prereqs = mh_prereqs,
    },
    {
        .key = "badge:infection-prevention",
        .issuer_key = SCHEME,
        .name = "Infection prevention and control",
        .summary = "Use standard infection control precautions every day "
                   "to keep people, colleagues and yourself safe.",
        .description_md =
            "Infections spread easily in care settings, and most are "
            "prevented by simple things done well every time.\n\n"
            "This badge is for everyone, in care homes, care at home and "
            "other settings. You will describe the precautions you use, "
            "how you spot and report possible infection, and how you keep "
            "care dignified.\n\n"
            "The badge expires after a year, in line with most employers' "
            "refresher training.",
        .minutes = 60,
        .licence = CC_BY,
        .min_words = 200,
        .expiry_months = 12,
        .colour = "#00703c",
        .image_alt = "An emerald green badge with the letters IP, for "
                     "Infection prevention and control",
        .criteria = ipc_criteria,
        .activities = ipc_activities,
        .resources = ipc_resources,
        .tags = ipc_tags,
        .alignments = ipc_align,
        .prereqs = ipc_prereqs,
    },
    {
        .key = "badge:moving-assisting",
        .issuer_key = SCHEME,
        .name = "Moving and assisting",
        .summary = "Support people to move safely, comfortably and as "
                   "independently as they can.",
        .description_md =
            "Moving and assisting is part of daily life for many people we "
            "support, and done badly it can hurt them and you.\n\n"
            "This badge is for workers who help people to move, transfer "
            "or change position. It builds on your employer's practical "
            "training and does not replace it.\n\n"
            "Because this is practical, the badge needs an endorsement "
            "from your manager or trainer within three months of being "
            "awarded, and it expires after a year.",
        .minutes = 90,
        .licence = CC_BY,
        .min_words = 250,
        .expiry_months = 12,
        .endorsement_months = 3,
        .colour = "#005a9c",
        .image_alt = "A mid blue badge with the letters MV, for Moving and "
                     "assisting",
        .criteria = mh2_criteria,
        .activities = mh2_activities,
        .resources = mh2_resources,
        .tags = mh2_tags,
        .alignments = mh2_align,
        .prereqs = mh2_prereqs,
    },
    {
        .key = "badge:nutrition-hydration",
        .issuer_key = SCHEME,
        .name = "Nutrition and hydration",
        .summary = "Help people to eat and drink well, and make mealtimes "
                   "something to look forward to.",
        .description_md =
            "Eating and drinking well keeps people healthy, but mealtimes "
            "are also about choice, culture and company.\n\n"
            "This badge is for anyone who supports people with food and "
            "drink, from cooks to carers. You will look at the signs of "
            "poor nutrition and dehydration, observe a mealtime and "
            "reflect on what you changed.\n\n"
            "You may attach an anonymised menu or mealtime plan.",
        .minutes = 90,
        .licence = CC_BY,
        .min_words = 250,
        .attachments_allowed = true,
        .colour = "#a0522d",
        .image_alt = "A sienna badge with the letters NH, for Nutrition "
                     "and hydration",
        .criteria = food_criteria,
        .activities = food_activities,
        .resources = food_resources,
        .tags = food_tags,
        .alignments = food_align,
        .prereqs = food_prereqs,
    },
    {
        .key = "badge:end-of-life-care",
        .issuer_key = SCHEME,
        .name = "End-of-life care",
        .summary = "Support people to live well until they die, and care "
                   "for their families and yourself along the way.",
        .description_md =
            "Good end-of-life care is about the person's wishes, comfort "
            "and dignity, and about the people who matter to them.\n\n"
            "This badge is for workers in any setting where people may be "
            "approaching the end of life. You will reflect on a "
            "conversation about dying, on supporting families, and on how "
            "you look after yourself after a death.\n\n"
            "Some of this may bring up your own experiences of loss. Take "
            "it at your own pace and talk to someone if you need to.",
        .minutes = 150,
        .licence = CC_BY,
        .min_words = 300,
        .colour = "#4a4a7d",
        .image_alt = "A slate blue badge with the letters EL, for "
                     "End-of-life care",
        .criteria = eol_criteria,
        .activities = eol_activities,
        .resources = eol_resources,
        .tags = eol_tags,
        .alignments = eol_align,
        .prereqs = eol_prereqs,
    },
    {
        .key = "badge:human-rights",
        .issuer_key = SCHEME,
        .name = "Human rights in practice",
        .summary = "See the human rights in everyday care decisions and use "
                   "them to put people at the centre.",
        .description_md =
            "Human rights are not only for courts. They are in everyday "
            "decisions about when people get up, who visits, and what "
            "they eat.\n\n"
            "This badge is for all workers. You will look at a real "
            "decision from your work through a human rights lens and use "
            "the PANEL principles to think about your practice.\n\n"
            "It is a good starting point for the *Equality, diversity and "
            "inclusion* and *Self-directed support* badges.",
        .minutes = 120,
        .licence = CC_BY,
        .min_words = 300,
        .colour = "#b5121b",
        .image_alt = "A dark red badge with the letters HR, for Human "
                     "rights in practice",
        .criteria = hr_criteria,
        .activities = hr_activities,
        .resources = hr_resources,
        .tags = hr_tags,
        .alignments = hr_align,
        .prereqs = hr_prereqs,
    },
    {
        .key = "badge:equality-diversity-inclusion",
        .issuer_key = SCHEME,
        .name = "Equality, diversity and inclusion",
        .summary = "Recognise bias, value difference and adapt support so "
                   "that everyone can take part.",
        .description_md =
            "Treating people fairly does not always mean treating them the "
            "same. Inclusion means noticing what gets in the way and "
            "changing it.\n\n"
            "This badge is for all workers. You will reflect honestly on "
            "assumptions, give an example of inclusive support and think "
            "about how you would challenge discrimination.",
        .minutes = 90,
        .licence = CC_BY,
        .min_words = 250,
        .colour = "#8e2a8b",
        .image_alt = "A magenta badge with the letters ED, for Equality, "
                     "diversity and inclusion",
        .criteria = edi_criteria,
        .activities = edi_activities,
        .resources = edi_resources,
        .tags = edi_tags,
        .alignments = edi_align,
        .prereqs = edi_prereqs,
    },
    {
        .key = "badge:self-directed-support",
        .issuer_key = SCHEME,
        .name = "Self-directed support",
        .summary = "Understand how self-directed support gives people choice "
                   "and control, and your part in making it real.",
        .description_md =
            "Self-directed support is how social care is arranged in "
            "Scotland: people choose how much control they want over their "
            "support and who provides it.\n\n"
            "This badge is for workers in any service. You will describe "
            "the four options and give an example of helping a person "
            "shape their support around what matters to them.",
        .minutes = 90,
        .licence = CC_BY,
        .min_words = 250,
        .colour = "#3d5a80",
        .image_alt = "A steel blue badge with the letters SD, for "
                     "Self-directed support",
        .criteria = sds_criteria,
        .activities = sds_activities,
        .resources = sds_resources,
        .tags = sds_tags,
        .alignments = sds_align,
        .prereqs = sds_prereqs,
    },
    {
        .key = "badge:outcomes-focused",
        .issuer_key = SCHEME,
        .name = "Promoting independence: outcomes-focused practice",
        .summary = "Work with people towards the outcomes they want, and "
                   "support them to do more for themselves.",
        .description_md =
            "Outcomes-focused practice starts with a good conversation "
            "about what matters to the person, not with the tasks on a "
            "rota.\n\n"
            "This badge is for workers who help plan or review support. "
            "You will describe a good conversation, rewrite a goal as an "
            "outcome with the person, and reflect on when helping too much "
            "takes independence away.\n\n"
            "Supporting independence involves risk; you will think about "
            "how to take positive risks safely.",
        .minutes = 120,
        .licence = CC_BY,
        .min_words = 300,
        .colour = "#2d6a4f",
        .image_alt = "A pine green badge with the letters PI, for "
                     "Promoting independence: outcomes-focused practice",
        .criteria = outc_criteria,
        .activities = outc_activities,
        .resources = outc_resources,
        .tags = outc_tags,
        .alignments = outc_align,
        .prereqs = outc_prereqs,
    },
    {
        .key = "badge:unpaid-carers",
        .issuer_key = SCHEME,
        .name = "Unpaid carers awareness",
        .summary = "Recognise and value unpaid carers as partners in care, "
                   "and know where they can get support.",
        .description_md =
            "Unpaid carers, family, friends and neighbours, provide most "
            "of the care in Scotland. Many do not think of themselves as "
            "carers.\n\n"
            "This badge is for all workers. You will think about the "
            "impact of caring, give an example of working in partnership "
            "with a carer, and find out where carers can get support.",
        .minutes = 60,
        .licence = CC_BY,
        .min_words = 200,
        .colour = "#a4343a",
        .image_alt = "A rose red badge with the letters UC, for Unpaid "
                     "carers awareness",
        .criteria = carers_criteria,
        .activities = carers_activities,
        .resources = carers_resources,
        .tags = carers_tags,
        .alignments = carers_align,
        .prereqs = carers_prereqs,
    },
    {
        .key = "badge:supervision",
        .issuer_key = SCHEME,
        .name = "Being supervised well",
        .summary = "Get the most from supervision by preparing, taking part "
                   "and using it to reflect and learn.",
        .description_md =
            "Supervision is your protected time to reflect on your "
            "practice, get support and plan your learning. It works best "
            "when both people bring something to it.\n\n"
            "This badge is for anyone who receives supervision. You will "
            "think about what supervision is for, prepare for a session "
            "and reflect on what made supervision helpful to you.",
        .minutes = 60,
        .licence = CC_BY,
        .min_words = 200,
        .colour = "#445566",
        .image_alt = "A slate grey badge with the letters BS, for Being "
                     "supervised well",
        .criteria = sup_criteria,
        .activities = sup_activities,
        .resources = sup_resources,
        .tags = sup_tags,
        .alignments = sup_align,
        .prereqs = sup_prereqs,
    },
    {
        .key = "badge:wellbeing-resilience",
        .issuer_key = SCHEME,
        .name = "Wellbeing and resilience",
        .summary = "Notice the signs of stress in yourself and colleagues, "
                   "and use what helps you stay well at work.",
        .description_md =
            "Caring for others is rewarding and demanding. Looking after "
            "your own wellbeing is part of doing the job well, not a "
            "luxury.\n\n"
            "This badge is for everyone. You will think about your own "
            "early warning signs, what helps you recover, and the support "
            "available to you.\n\n"
            "You choose what to share: your evidence does not need to "
            "include anything personal you would rather keep private.",
        .minutes = 60,
        .licence = CC_BY,
        .min_words = 200,
        .colour = "#1d7a5f",
        .image_alt = "A sea green badge with the letters WR, for Wellbeing "
                     "and resilience",
        .criteria = well_criteria,
        .activities = well_activities,
        .resources = well_resources,
        .tags = well_tags,
        .alignments = well_align,
        .prereqs = well_prereqs,
    },
    {
        .key = "badge:digital-online-safety",
        .issuer_key = SCHEME,
        .name = "Digital skills: getting online safely",
        .summary = "Keep your work accounts, devices and the information "
                   "you hold about people safe online.",
        .description_md =
            "More and more of our work happens on phones, tablets and "
            "computers. Staying safe online protects you and the people "
            "you support.\n\n"
            "This badge is for everyone, whatever your confidence with "
            "technology. You will look at passwords, scams and social "
            "media, and check one of your own accounts or devices.\n\n"
            "It is the first badge in the digital skills series.",
        .minutes = 60,
        .licence = CC_BY,
        .min_words = 150,
        .colour = "#3a3fa0",
        .image_alt = "An indigo badge with the letters GO, for Digital "
                     "skills: getting online safely",
        .criteria = dig1_criteria,
        .activities = dig1_activities,
        .resources = dig1_resources,
        .tags = dig1_tags,
        .alignments = dig1_align,
        .prereqs = dig1_prereqs,
        .series_key = "series:digital-skills",
        .series_position = 1,
    },
    {
        .key = "badge:digital-records",
        .issuer_key = SCHEME,
        .name = "Digital skills: using digital records",
        .summary = "Write digital records that are accurate, respectful "
                   "and useful to the person and your colleagues.",
        .description_md =
            "Records tell the story of a person's care. The people we "
            "support, their families and inspectors may all read what you "
            "write.\n\n"
            "This badge is for workers who write in care plans, daily "
            "notes or other digital records. You will look at what makes "
            "a good record, who can see it, and read back some of your "
            "own entries.\n\n"
            "It is the second badge in the digital skills series.",
        .minutes = 90,
        .licence = CC_BY,
        .min_words = 250,
        .colour = "#2c4aa8",
        .image_alt = "A royal blue badge with the letters DR, for Digital "
                     "skills: using digital records",
        .criteria = dig2_criteria,
        .activities = dig2_activities,
        .resources = dig2_resources,
        .tags = dig2_tags,
        .alignments = dig2_align,
        .prereqs = dig2_prereqs,
        .series_key = "series:digital-skills",
        .series_position = 2,
    },
    {
        .key = "badge:digital-supporting-people",
        .issuer_key = SCHEME,
        .name = "Digital skills: supporting people with technology",
        .summary = "Help the people you support to use technology for the "
                   "things that matter to them, safely.",
        .description_md =
            "Technology can connect people with family, interests and "
            "services, but many people need help to get started.\n\n"
            "This badge is for workers who support people day to day. "
            "You will help a person do something online that matters to "
            "them and reflect on what helped or got in the way.\n\n"
            "It is the last badge in the digital skills series.",
        .minutes = 120,
        .licence = CC_BY,
        .min_words = 300,
        .colour = "#1f3a93",
        .image_alt = "A navy badge with the letters ST, for Digital "
                     "skills: supporting people with technology",
        .criteria = dig3_criteria,
        .activities = dig3_activities,
        .resources = dig3_resources,
        .tags = dig3_tags,
        .alignments = dig3_align,
        .prereqs = dig3_prereqs,
        .series_key = "series:digital-skills",
        .series_position = 3,
    },
    {
        .key = "badge:leading-yourself",
        .issuer_key = SCHEME,
        .name = "Leading in care: leading yourself",
        .summary = "Recognise the leadership you already show and choose "
                   "how you want to develop it.",
        .description_md =
            "Leadership is for everyone in social services, not only for "
            "managers. It starts with knowing your own values and "
            "strengths.\n\n"
            "This badge is for any worker. You will reflect on what "
            "leadership means in your role, ask colleagues for feedback "
            "and describe a time you took the lead.\n\n"
            "It is the first badge in the *Leading in care* series.",
        .minutes = 90,
        .licence = CC_BY,
        .min_words = 250,
        .colour = "#8a6100",
        .image_alt = "A dark gold badge with the letters LY, for Leading "
                     "in care: leading yourself",
        .criteria = lead1_criteria,
        .activities = lead1_activities,
        .resources = lead1_resources,
        .tags = lead1_tags,
        .alignments = lead1_align,
        .prereqs = lead1_prereqs,
        .series_key = "series:leading-in-care",
        .series_position = 1,
    },
    {
        .key = "badge:leading-a-team",
        .issuer_key = SCHEME,
        .name = "Leading in care: leading a team",
        .summary = "Build trust, purpose and a voice for everyone in the "
                   "team you lead or are part of.",
        .description_md =
            "Good teams make good care. This badge is for senior workers, "
            "team leaders and anyone who leads a shift or a piece of "
            "work.\n\n"
            "You will reflect on building trust, working through "
            "disagreement and making sure everyone is heard, and you will "
            "ask your team for feedback.\n\n"
            "Your manager is asked to endorse the badge within three "
            "months of it being awarded.",
        .minutes = 150,
        .licence = CC_BY,
        .min_words = 350,
        .endorsement_months = 3,
        .colour = "#7a4f00",
        .image_alt = "A bronze badge with the letters LT, for Leading in "
                     "care: leading a team",
        .criteria = lead2_criteria,
        .activities = lead2_activities,
        .resources = lead2_resources,
        .tags = lead2_tags,
        .alignments = lead2_align,
        .prereqs = lead2_prereqs,
        .series_key = "series:leading-in-care",
        .series_position = 2,
    },
    {
        .key = "badge:coaching-conversations",
        .issuer_key = SCHEME,
        .name = "Leading in care: coaching conversations",
        .summary = "Use coaching conversations to help colleagues find "
                   "their own answers and grow in confidence.",
        .description_md =
            "A coaching conversation helps someone think for themselves, "
            "through good questions and careful listening, rather than "
            "being told what to do.\n\n"
            "This badge is for anyone who supports colleagues: buddies, "
            "seniors, supervisors and managers. You will practise a "
            "coaching conversation and reflect on what helped.\n\n"
            "Your manager is asked to endorse the badge within three "
            "months of it being awarded.",
        .minutes = 120,
        .licence = CC_BY,
        .min_words = 300,
        .endorsement_months = 3,
        .colour = "#6b4400",
        .image_alt = "A dark bronze badge with the letters CC, for Leading "
                     "in care: coaching conversations",
        .criteria = lead3_criteria,
        .activities = lead3_activities,
        .resources = lead3_resources,
        .tags = lead3_tags,
        .alignments = lead3_align,
        .prereqs = lead3_prereqs,
        .series_key = "series:leading-in-care",
        .series_position = 3,
    },
    {
        .key = "badge:leading-change",
        .issuer_key = SCHEME,
        .name = "Leading in care: leading change",
        .summary = "Lead a small improvement with the people it affects, "
                   "and learn from what happens.",
        .description_md =
            "Lasting change in care comes from testing small ideas with "
            "the people they affect, not from new rules handed down.\n\n"
            "This badge is for workers who have led or helped lead a "
            "change in their service. You will describe why the change "
            "was needed, how people were involved, how you measured it "
            "and how you handled setbacks.\n\n"
            "You may attach an anonymised plan or results chart. This is "
            "the last badge in the *Leading in care* series.",
        .minutes = 240,
        .licence = CC_BY,
        .min_words = 400,
        .attachments_allowed = true,
        .colour = "#5c3a00",
        .image_alt = "A deep brown badge with the letters LC, for Leading "
                     "in care: leading change",
        .criteria = lead4_criteria,
        .activities = lead4_activities,
        .resources = lead4_resources,
        .tags = lead4_tags,
        .alignments = lead4_align,
        .prereqs = lead4_prereqs,
        .series_key = "series:leading-in-care",
        .series_position = 4,
    },
    {
        .key = "badge:riverside-values",
        .issuer_key = RIVERSIDE,
        .name = "Riverside induction: our values",
        .summary = "Get to know Riverside's values and what they mean for "
                   "residents on an ordinary day.",
        .description_md =
            "Every new member of staff at Riverside Care earns this badge "
            "in their first month. It introduces our values: **kindness**, "
            "**respect**, **openness** and **doing what we say**.\n\n"
            "You will talk with your buddy, notice our values in action "
            "and reflect on how they fit with your own.\n\n"
            "This badge is issued by Riverside Care for its own staff.",
        .minutes = 45,
        .licence = ALL_RIGHTS,
        .min_words = 150,
        .colour = "#00566b",
        .image_alt = "A petrol blue badge with the letters OV, for "
                     "Riverside induction: our values",
        .criteria = rv1_criteria,
        .activities = rv1_activities,
        .tags = rv1_tags,
        .alignments = rv1_align,
        .prereqs = rv1_prereqs,
        .series_key = "series:riverside-induction",
        .series_position = 1,
    },
    {
        .key = "badge:riverside-fire-safety",
        .issuer_key = RIVERSIDE,
        .name = "Fire safety at Riverside",
        .summary = "Know what to do when the alarm sounds in our homes, and "
                   "how to keep residents and escape routes safe.",
        .description_md =
            "Residents depend on staff to get them to safety. This badge "
            "covers the fire procedure in Riverside's homes, personal "
            "evacuation plans and everyday fire safety.\n\n"
            "All Riverside staff, including kitchen, domestic and night "
            "staff, need it. You will walk the escape routes and take part "
            "in a drill. You may attach your completed fire walk "
            "checklist.\n\n"
            "The badge expires after a year, so that everyone stays "
            "current.",
        .minutes = 60,
        .licence = CC_BY,
        .min_words = 150,
        .attachments_allowed = true,
        .expiry_months = 12,
        .colour = "#c0392b",
        .image_alt = "A fire red badge with the letters FS, for Fire "
                     "safety at Riverside",
        .criteria = rv2_criteria,
        .activities = rv2_activities,
        .resources = rv2_resources,
        .tags = rv2_tags,
        .alignments = rv2_align,
        .prereqs = rv2_prereqs,
        .series_key = "series:riverside-induction",
        .series_position = 2,
    },
    {
        .key = "badge:riverside-handover",
        .issuer_key = RIVERSIDE,
        .name = "Handover at Riverside",
        .summary = "Give and receive a clear, respectful handover so that "
                   "nothing important is lost between shifts.",
        .description_md =
            "A good handover keeps residents safe and saves everyone "
            "time. At Riverside we hand over using a short, agreed "
            "structure at the start of every shift.\n\n"
            "This badge is for care staff and seniors. You will give a "
            "handover while a senior carer listens and reflect on what "
            "makes a handover clear, respectful and confidential.",
        .minutes = 45,
        .licence = CC_BY,
        .min_words = 150,
        .colour = "#7d2248",
        .image_alt = "A maroon badge with the letters HO, for Handover at "
                     "Riverside",
        .criteria = rv3_criteria,
        .activities = rv3_activities,
        .tags = rv3_tags,
        .alignments = rv3_align,
        .prereqs = rv3_prereqs,
        .series_key = "series:riverside-induction",
        .series_position = 3,
    },
    {
        .key = "badge:riverside-care-planning",
        .issuer_key = RIVERSIDE,
        .name = "Using our care planning system",
        .summary = "Find, read and update residents' care plans in "
                   "Riverside's care planning system, in the resident's "
                   "own words.",
        .description_md =
            "Riverside keeps care plans and daily notes in a digital care "
            "planning system. This badge shows you can use it well.\n\n"
            "It is for care staff and seniors who write in care plans. "
            "You will review a plan with a resident or their family and "
            "reflect on how your entries show the resident's own "
            "wishes.\n\n"
            "The scheme's *Digital skills: using digital records* badge is "
            "a useful companion.",
        .minutes = 60,
        .licence = CC_BY_NC_SA,
        .min_words = 200,
        .colour = "#34495e",
        .image_alt = "A charcoal blue badge with the letters CPS, for Using "
                     "our care planning system",
        .criteria = rv4_criteria,
        .activities = rv4_activities,
        .tags = rv4_tags,
        .alignments = rv4_align,
        .prereqs = rv4_prereqs,
    },
};
const size_t n_seed_badges = NELEM(seed_badges);
