"""Word lists for the benchmark data: plausible titles, names and a few markdown bodies."""

from textwrap import dedent

PASSWORD = "bench-password-7f3a"  # the documented password of every bench user

FIRST_NAMES = [
    "Aisha",
    "Ben",
    "Carla",
    "Dmitri",
    "Elena",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kofi",
    "Lena",
    "Mateo",
    "Nadia",
    "Omar",
    "Priya",
    "Quentin",
    "Rosa",
    "Sven",
    "Tariq",
    "Uma",
    "Viktor",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoe",
]
LAST_NAMES = [
    "Adams",
    "Brandt",
    "Chen",
    "Da Silva",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ito",
    "Jansen",
    "Kowalski",
    "Larsen",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quinn",
    "Raman",
    "Schmidt",
    "Tanaka",
    "Usman",
    "Varga",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zimmer",
]
DEPARTMENTS = ["Product", "Engineering", "Support", "Sales", "Operations", "Design", "Finance"]
JOB_TITLES = [
    "Product manager",
    "Software engineer",
    "Support lead",
    "Account executive",
    "Designer",
    "Data analyst",
    "Operations manager",
]
COMPANY_SUFFIXES = ["Logistics", "Plumbing", "Electrical", "Facility Services", "HVAC", "Builders", "Care"]
SEGMENTS = ["small business", "mid-market", "enterprise", "public sector"]
TAGS = [
    "mobile",
    "invoicing",
    "scheduling",
    "reporting",
    "integrations",
    "offline",
    "notifications",
    "search",
    "accessibility",
    "performance",
    "security",
    "onboarding",
    "api",
    "dispatch",
    "inventory",
    "payments",
    "calendar",
    "export",
    "permissions",
    "customer-portal",
]

_VERBS = [
    "Add",
    "Allow",
    "Support",
    "Show",
    "Introduce",
    "Bring back",
    "Improve",
    "Speed up",
    "Simplify",
    "Offer",
    "Remember",
    "Automate",
]
_OBJECTS = [
    "offline job notes",
    "bulk invoice export",
    "recurring appointments",
    "technician routes",
    "photo uploads on jobs",
    "custom report columns",
    "two-factor sign-in",
    "a dark mode",
    "calendar sync with Outlook",
    "parts inventory alerts",
    "customer signatures",
    "SMS reminders",
    "a public booking page",
    "CSV import of customers",
    "time tracking per job",
    "webhooks for payments",
    "quote templates",
    "multi-currency invoices",
    "a map of open jobs",
    "tags on customers",
]
_QUALIFIERS = [
    "",
    "",
    "",
    " for field teams",
    " on Android",
    " in the customer portal",
    " per branch",
    " without a network connection",
    " for large accounts",
    " from the dispatch board",
    " with one click",
    " for every invoice",
    " in the weekly report",
    " across all locations",
]
_SUFFIXES = [
    "",
    "",
    "",
    " — we lose hours every week without it",
    " (requested by several customers)",
    ": today this takes three manual steps",
    " so the office and technicians stay in sync",
]

IDEA_BODIES = [
    dedent(text).strip()
    for text in (
        """
    Today we **copy this by hand** from one screen to another, which takes a few minutes per job
    and goes wrong when we are busy. It would save our dispatchers real time every day.
    """,
        """
    ## Problem
    Our technicians work in basements and rural areas without signal.

    ## Proposal
    - keep the last changes on the device
    - sync them when the connection returns
    - show clearly what has not been sent yet
    """,
        """
    We compared three competitors and all of them offer this. Customers ask about it in
    almost every demo; see the [pricing page](https://example.com/pricing) for how they sell it.
    """,
        """
    A small change with a big effect: when an invoice is overdue, *remind the customer
    automatically* after 7 and 14 days, and let us edit the text of the reminder.
    """,
        """
    1. Open a job
    2. Attach photos
    3. The photos should appear on the invoice, in order, with a caption.

    At the moment step 3 is impossible, so we e-mail the photos separately.
    """,
        """
    Please make this configurable per branch: our northern office works differently from the
    head office, and one global setting forces one of them into a workaround.
    """,
    )
]

COMMENT_BODIES = [
    dedent(text).strip()
    for text in (
        "+1, we need this too. It costs us about an hour a day.",
        "Would this also cover **recurring** jobs? That is where we feel it most.",
        "We built a workaround with a spreadsheet, but it breaks whenever someone forgets to update it.",
        "From the product side: this is on our radar. Could you describe how often it happens per week?",
        "Agreed. One detail: it should respect the permissions of the technician's role.",
        "Not convinced: this could clutter the screen for small teams. Maybe make it optional?",
        "Here is how we do it today:\n\n- export to CSV\n- fix the columns in Excel\n- import again",
        "Same problem here, especially on older Android phones with little storage.",
    )
]


def title(rng) -> str:
    """A plausible idea title, 5 to 140 characters."""
    text = f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)}{rng.choice(_QUALIFIERS)}{rng.choice(_SUFFIXES)}"
    return text[:140]
