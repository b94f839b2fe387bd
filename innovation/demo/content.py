"""Hand-written ideas, ratings and discussions for the Brightfield demo.

Brightfield sells scheduling and invoicing software to field-service businesses (plumbers,
HVAC firms, electricians, facilities groups). Its customers and employees share one space
for ideas; this module holds the 60 ideas that `innovation.demo.seed.seed` loads, each with its
supporters, ratings and comment threads. People are referred to by the e-mail local part
used in `innovation.demo.seed.PEOPLE` ("pm", "customer3", ...).

Some ideas are loved by customers and lukewarm among employees, some the other way round,
and some by both, so per-constituency and "common ground" rankings have something to show.
Call `assert_consistent()` (the test suite does) after editing the data.
"""
import textwrap

ALLOWED_TAGS = frozenset({
    "scheduling", "dispatch", "invoicing", "payments", "mobile", "offline", "reporting", "integrations",
    "onboarding", "accessibility", "security", "notifications", "customer-portal", "pricing", "api",
    "performance",
})
STATUSES = frozenset({"new", "under_review", "planned", "in_progress", "shipped", "declined"})
VISIBILITIES = frozenset({"public", "internal"})


def _md(text: str) -> str:
    """Dedent an indented triple-quoted markdown block and trim the surrounding blank lines."""
    return textwrap.dedent(text).strip()


IDEAS = [
    {
        "title": "Let technicians attach photos to the job before closing it",
        "body": _md("""
            Half of our billing disputes come down to "you never fixed that". Our technicians take
            photos of the leak, the part and the finished work on their own phones, and then the
            office has to chase them over WhatsApp when a customer complains.

            **Proposal:** a photo step in the job-closing flow of the technician app.

            - up to 10 photos per job, taken in the app or picked from the gallery
            - a short caption per photo ("before", "after", "serial number")
            - photos appear on the job history and, optionally, on the invoice PDF

            It would protect small firms like ours and save the office a lot of phone calls.
        """),
        "tags": ["mobile", "offline"],
        "author": "customer5",
        "visibility": "public",
        "status": "planned",
        "status_note": "Planned for next quarter: photos upload once a connection returns and can appear on invoices.",
        "age_days": 142,
        "supporters": ["customer", "customer2", "customer3", "customer4", "pm", "design", "support", "employee",
                       "sales"],
        "ratings": {"customer": 5, "customer2": 5, "customer4": 4, "customer6": 4, "pm": 5, "design": 5,
                    "support": 4, "employee": 4},
        "comments": [
            {"author": "customer",
             "body": "We had three disputed invoices last month alone. A before/after photo on the PDF would "
                     "have ended every one of those calls in a minute.",
             "replies": [
                 {"author": "pm",
                  "body": "That is exactly the case we want to cover. @Lucía Romero, would you and Carla try an "
                          "early build with your crews when it is ready?"},
                 {"author": "customer5",
                  "body": "Happy to. Two of my technicians are in basements most of the day, so it is a good "
                          "test for the upload queue."},
             ]},
            {"author": "employee",
             "body": "Photos will go into the same offline queue as job notes and be resized on the phone to "
                     "about 300 KB, so a day of work will not eat anyone's data plan.",
             "replies": [
                 {"author": "customer4",
                  "body": "Please make retention configurable. Some of our sites are hospitals and we cannot "
                          "keep photos of patient areas forever."},
             ]},
        ],
    },
    {
        "title": "Drag and drop a job onto another technician's row to reassign it",
        "body": _md("""
            When a technician calls in sick I have to open every one of their jobs, pick a new
            technician from a drop-down, save, and go back to the board. On a bad morning that is
            twenty jobs and half an hour before the vans leave.

            On the dispatch board I would like to **drag a job card onto another technician's row**
            (and onto a different time slot in the same move). If the new technician lacks a
            required skill or is already booked, show a warning instead of silently accepting it.

            Bonus: select several cards with shift-click and move them together.
        """),
        "tags": ["dispatch", "scheduling"],
        "author": "customer2",
        "visibility": "public",
        "status": "in_progress",
        "status_note": "In development: single-card drag and drop is in beta, multi-select follows next release.",
        "age_days": 168,
        "supporters": ["customer", "customer4", "customer6", "pm", "support", "design", "employee"],
        "ratings": {"customer": 5, "customer4": 5, "customer5": 4, "pm": 5, "design": 4, "support": 5,
                    "employee": 4, "sales": 4},
        "comments": [
            {"author": "support",
             "body": "This is the most common request we hear from dispatchers on the phone, by a wide margin. "
                     "Very happy to see it moving.",
             "replies": []},
            {"author": "customer4",
             "body": "Will it work with 300 rows on the board? Today the board already struggles when we load "
                     "all regions at once.",
             "replies": [
                 {"author": "employee",
                  "body": "We are rendering only the visible rows now (see the performance idea), so dragging "
                          "should stay smooth. Henrik, we will ask you for a test account with your data shape."},
             ]},
        ],
    },
    {
        "title": "Send automatic payment reminders at 7, 14 and 30 days overdue",
        "body": _md("""
            I spend every Monday morning going through overdue invoices and writing the same polite
            e-mail again and again. Some weeks I simply do not get to it, and those are the invoices
            that end up 90 days late.

            Please let us switch on **automatic reminders** per company:

            1. a friendly nudge 7 days after the due date
            2. a firmer one at 14 days
            3. a final notice at 30 days, with a copy to me

            Each reminder should include the pay-online link and stop as soon as the invoice is paid.
        """),
        "tags": ["invoicing", "payments", "notifications"],
        "author": "customer3",
        "visibility": "public",
        "status": "shipped",
        "status_note": "Shipped in release 4.2: reminders are configurable under Settings > Invoicing > Reminders.",
        "age_days": 196,
        "supporters": ["customer", "customer2", "customer5", "pm2", "support", "sales"],
        "ratings": {"customer": 5, "customer5": 4, "customer6": 3, "pm2": 5, "support": 4, "sales": 5,
                    "employee": 4},
        "comments": [
            {"author": "pm2",
             "body": "This is now live. Templates can be edited per step, and reminders pause automatically "
                     "when a partial payment arrives. Thanks for the clear write-up, Aisha.",
             "replies": [
                 {"author": "customer3",
                  "body": "Already saw two invoices paid the morning after the first reminder went out. "
                          "My Mondays thank you."},
             ]},
            {"author": "customer",
             "body": "Could the reminder be in the client's language? Half of our customers prefer Portuguese "
                     "and the other half English.",
             "replies": [
                 {"author": "support",
                  "body": "Yes: set the language on the client record and the matching template is used. "
                          "Guide: https://example.com/help/reminder-languages"},
             ]},
        ],
    },
    {
        "title": "Single sign-on with Azure AD and Okta for office staff",
        "body": _md("""
            We have around 40 office users across four countries, and every joiner and leaver means
            another account to create or remove by hand in Brightfield. Our auditors flagged it last
            year: a former planner still had access three weeks after leaving.

            We would like **SAML 2.0 single sign-on** with Azure AD (and Okta, which our Danish
            subsidiary uses), plus SCIM provisioning so that disabling someone in our directory
            disables them here too.

            Technicians can keep the current PIN login on the phones; this is about the office.
        """),
        "tags": ["security", "integrations"],
        "author": "customer4",
        "visibility": "public",
        "status": "planned",
        "status_note": "Planned for the Enterprise plan: SAML first, SCIM provisioning in the release after.",
        "age_days": 131,
        "supporters": ["customer6", "sales", "employee", "admin"],
        "ratings": {"customer6": 5, "customer": 2, "customer3": 2, "sales": 5, "employee": 4, "admin": 4,
                    "pm": 3},
        "comments": [
            {"author": "customer",
             "body": "For a 12-van company this sounds like a lot of work for something we will never use. "
                     "I hope it does not push back the scheduling work.",
             "replies": [
                 {"author": "pm",
                  "body": "Fair worry. SSO is built by the platform team, not the scheduling team, so it does "
                          "not compete for the same people."},
             ]},
            {"author": "customer6",
             "body": "Public-sector buyers cannot even shortlist a tool without SSO. Please also support "
                     "signed assertions and a configurable session length.",
             "replies": []},
        ],
    },
    {
        "title": "Show travel time between jobs on the calendar",
        "body": _md("""
            Our calendar shows jobs back to back, but a 10:00 in Matosinhos and an 11:00 in Gaia are
            not really back to back on a Friday. The office keeps booking impossible days, and the
            technician ends up late for the second customer and annoyed with us.

            Proposal: draw a **grey travel block** between consecutive jobs on each technician's row,
            using the estimated driving time for that time of day. If the gap is shorter than the
            travel time, colour the next job's edge red.

            It does not need to be perfect; even a rough estimate would stop the worst mistakes.
        """),
        "tags": ["scheduling", "dispatch"],
        "author": "customer",
        "visibility": "public",
        "status": "under_review",
        "status_note": "We are comparing two routing providers for cost and accuracy before committing.",
        "age_days": 88,
        "supporters": ["customer2", "customer4", "customer5", "pm", "support"],
        "ratings": {"customer2": 5, "customer4": 4, "customer5": 5, "pm": 4, "support": 4, "employee": 3},
        "comments": [
            {"author": "customer2",
             "body": "Yes please. Even a straight-line distance would help. Right now I keep a second browser "
                     "tab with a map open all day.",
             "replies": []},
            {"author": "pm",
             "body": "Question for everyone: would you rather see the travel block always, or only when the "
                     "gap is too short? We have heard both.",
             "replies": [
                 {"author": "customer",
                  "body": "Always, but subtle. The red warning is the part that actually saves us."},
                 {"author": "customer4",
                  "body": "Only when too short, please. With 300 technicians the board is busy enough."},
             ]},
        ],
    },
    {
        "title": "Make the technician app's job list work with screen readers",
        "body": _md("""
            One of our building inspectors is blind and uses VoiceOver. In the technician app, the job
            list reads out as "button, button, button": the cards have no labels, and the status
            colour carries meaning that is never spoken.

            As a public body we are required to meet **WCAG 2.1 AA** for tools our staff use, so this
            is a procurement issue for us, not just a nice-to-have (our policy:
            https://example.com/eastbridge/digital-accessibility).

            - label each job card with time, address and status
            - announce status in words, not only colour
            - make the "start job" and "close job" actions reachable without precise gestures
        """),
        "tags": ["accessibility", "mobile"],
        "author": "customer6",
        "visibility": "public",
        "status": "under_review",
        "status_note": "Design is auditing the whole technician app against WCAG 2.1 AA; findings will be shared here.",
        "age_days": 64,
        "supporters": ["customer5", "design", "pm", "admin"],
        "ratings": {"customer5": 4, "customer4": 4, "design": 5, "pm": 4, "admin": 5, "employee": 4},
        "comments": [
            {"author": "design",
             "body": "Thank you, Ben. I tried the job list with VoiceOver this morning and it is as bad as you "
                     "describe. Could your inspector join a 30-minute session to walk us through his day?",
             "replies": [
                 {"author": "customer6",
                  "body": "He would be glad to. I will send you a few time slots by e-mail."},
             ]},
        ],
    },
    {
        "title": "Keep the technician app fully usable in basements with no signal",
        "body": _md("""
            Most of the boilers and water heaters we service are in basements and plant rooms. The app
            shows a spinner as soon as the signal drops, and technicians cannot open the job, read the
            notes or close it until they are back outside.

            What we need:

            - the day's jobs, notes and customer history **downloaded in the morning**
            - closing a job, adding notes and recording parts should work offline
            - a clear "3 changes waiting to sync" badge instead of a spinner

            My technicians are losing 20–30 minutes a day walking up and down stairs for signal.
        """),
        "tags": ["offline", "mobile"],
        "author": "customer5",
        "visibility": "public",
        "status": "in_progress",
        "status_note": "The new sync engine is in beta with five customers; general release is planned after summer.",
        "age_days": 187,
        "supporters": ["customer", "customer2", "customer3", "customer4", "customer6", "employee", "design",
                       "pm", "support", "sales"],
        "ratings": {"customer": 5, "customer2": 4, "customer4": 5, "customer6": 4, "employee": 5, "design": 4,
                    "pm": 5, "support": 5, "sales": 4},
        "comments": [
            {"author": "employee",
             "body": "Status update: the sync engine now keeps a local copy of the day and replays changes in "
                     "order when the phone comes back online. Beta notes: https://example.com/beta/offline-sync",
             "replies": [
                 {"author": "customer5",
                  "body": "Two of my technicians are on the beta. One full day in a hospital basement without a "
                          "single spinner. Huge difference."},
             ]},
            {"author": "customer4",
             "body": "What happens when the office edits a job while the technician is offline and edits it too?",
             "replies": [
                 {"author": "employee",
                  "body": "For now the last change wins per field, and both versions are kept in the history. "
                          "There is a separate idea about showing conflicts explicitly."},
             ]},
        ],
    },
    {
        "title": "Let clients pay an invoice by card straight from the e-mail",
        "body": _md("""
            Our clients are mostly homeowners. They get the invoice PDF by e-mail and then have to
            log in to their bank and type our IBAN and the invoice number by hand. Many simply forget,
            and I end up calling them.

            **Proposal:** a "Pay now" button in the invoice e-mail that opens a simple payment page
            (card, Apple Pay, Google Pay). The invoice should be marked paid automatically, and the
            payout should show up in our bank with the invoice number as reference.

            I would happily accept a small fee per payment for this.
        """),
        "tags": ["payments", "invoicing", "customer-portal"],
        "author": "customer3",
        "visibility": "public",
        "status": "shipped",
        "status_note": "Shipped: online card payments are available in all EU countries and the UK.",
        "age_days": 179,
        "supporters": ["customer", "customer2", "customer5", "pm2", "sales", "support"],
        "ratings": {"customer": 5, "customer2": 4, "customer5": 5, "customer6": 3, "pm2": 5, "sales": 5,
                    "support": 4},
        "comments": [
            {"author": "sales",
             "body": "This was the single most asked-about feature in sales calls with small electricians "
                     "last year. It is now part of every demo I give.",
             "replies": []},
            {"author": "customer",
             "body": "Works great. Is there a way to see which invoices were paid online versus bank transfer "
                     "in the monthly report?",
             "replies": [
                 {"author": "pm2",
                  "body": "Yes: filter by `payment_method` in the invoice report, or add it as a column. "
                          "We will make that column visible by default."},
             ]},
        ],
    },
    {
        "title": "Colour-code jobs by type on the dispatch board",
        "body": _md("""
            On the board every job card looks the same grey-blue. I cannot tell at a glance which
            ones are emergency call-outs, which are planned maintenance and which are quotes, so I
            open cards one by one.

            Let each company pick a colour per job type, and also show a small icon or letter so that
            it still works for colour-blind dispatchers (I work with one).
        """),
        "tags": ["dispatch", "accessibility"],
        "author": "customer2",
        "visibility": "public",
        "status": "shipped",
        "status_note": "Shipped in 4.0 with a colour and an icon per job type, configurable by company admins.",
        "age_days": 200,
        "supporters": ["customer", "customer4", "design", "pm"],
        "ratings": {"customer": 4, "customer4": 4, "customer6": 4, "design": 5, "pm": 4, "support": 3},
        "comments": [
            {"author": "design",
             "body": "We shipped colours plus icons, and the default palette passes contrast checks for the "
                     "three most common kinds of colour blindness. Feedback welcome!",
             "replies": [
                 {"author": "customer2",
                  "body": "My colleague says it is the first time he can read the board without asking me. "
                          "Thank you."},
             ]},
        ],
    },
    {
        "title": "Nightly export of jobs and invoices to our data warehouse",
        "body": _md("""
            Our finance and operations teams build their reporting in a central data warehouse. Today
            someone downloads CSV files from Brightfield every morning and uploads them by hand, which
            breaks whenever that person is on holiday.

            We would like a **scheduled export** of jobs, visits, invoices and payments, either:

            - as files dropped on our SFTP or an S3-compatible bucket, or
            - via an incremental API endpoint (`updated_since=`) we can pull from

            Column names should stay stable between releases, with changes announced in advance.
        """),
        "tags": ["reporting", "integrations", "api"],
        "author": "customer4",
        "visibility": "public",
        "status": "under_review",
        "status_note": "We are checking whether the incremental API covers this before building file exports.",
        "age_days": 102,
        "supporters": ["customer6", "employee", "pm"],
        "ratings": {"customer6": 5, "customer": 2, "employee": 4, "pm": 3, "pm2": 4},
        "comments": [
            {"author": "employee",
             "body": "Henrik, the jobs and invoices endpoints already accept `updated_since`. Would pulling "
                     "from those every night work for you, or do you need files specifically?",
             "replies": [
                 {"author": "customer4",
                  "body": "The API would work for jobs, but payments are missing from it. If those were added "
                          "we could drop the CSV routine."},
             ]},
        ],
    },
    {
        "title": "Recurring maintenance contracts that create jobs automatically",
        "body": _md("""
            A third of our revenue is yearly boiler and water-heater servicing. Today we keep a
            spreadsheet of who is due when and create each job by hand, which means some customers
            are forgotten until they call us with a cold shower.

            **Proposal:** a contract on the client record with a frequency (every 6 or 12 months),
            a job template and a price. Brightfield creates the job a few weeks ahead, offers the
            client a slot, and invoices it at the contract price when the job is closed.
        """),
        "tags": ["scheduling", "invoicing"],
        "author": "customer",
        "visibility": "public",
        "status": "planned",
        "status_note": "Planned: contracts with recurring jobs first, automatic slot offers to clients later.",
        "age_days": 150,
        "supporters": ["customer2", "customer3", "customer5", "pm", "pm2", "sales", "support"],
        "ratings": {"customer2": 4, "customer3": 5, "customer5": 5, "customer4": 4, "pm": 5, "pm2": 4, "sales": 5,
                    "support": 4},
        "comments": [
            {"author": "pm2",
             "body": "We plan to invoice contracts either per visit or as a yearly fee split in monthly "
                     "instalments. Which do you use most, @Carla Mendes?",
             "replies": [
                 {"author": "customer",
                  "body": "Per visit for homeowners, yearly for the two hotels we work for. We would need both."},
             ]},
            {"author": "customer5",
             "body": "Please let the client pick the slot from a link. Half my office time goes to phoning "
                     "people to agree a date for their service.",
             "replies": []},
        ],
    },
    {
        "title": "Audit log of who changed a client record and when",
        "body": _md("""
            Last month a client's address was changed and three technicians went to the wrong building.
            Nobody could tell us who made the change, and we had no way to find out from the app.

            We need an **audit log** on clients, jobs and invoices: who changed which field, from what
            to what, and when. Admins should be able to filter it by user and export it for our
            internal auditors.
        """),
        "tags": ["security", "reporting"],
        "author": "customer6",
        "visibility": "public",
        "status": "under_review",
        "status_note": "Engineering is estimating the storage cost of keeping field-level history for every record.",
        "age_days": 73,
        "supporters": ["customer4", "customer3", "admin", "support"],
        "ratings": {"customer4": 5, "customer3": 4, "admin": 4, "support": 5, "employee": 3},
        "comments": [
            {"author": "support",
             "body": "We see about two tickets a week that start with \"someone changed this and we don't know "
                     "who\". An audit log would close those in seconds instead of a log search on our side.",
             "replies": []},
        ],
    },
    {
        "title": "Accept deposits and partial payments on an invoice",
        "body": _md("""
            For bigger jobs, like rewiring a house, we ask for a 30% deposit before ordering materials.
            Brightfield only knows "paid" and "unpaid", so I track deposits in a separate spreadsheet
            and the balance shown to the client is wrong.

            Please allow **several payments per invoice**, show the remaining balance on the invoice
            and in reminders, and let us send a deposit request from a quote.
        """),
        "tags": ["payments", "invoicing"],
        "author": "customer3",
        "visibility": "public",
        "status": "new",
        "status_note": "",
        "age_days": 12,
        "supporters": ["customer", "customer5", "pm2"],
        "ratings": {"customer": 4, "customer5": 4, "pm2": 4},
        "comments": [],
    },
    {
        "title": "Checklist templates per job type, such as gas safety checks",
        "body": _md("""
            Every gas safety inspection has the same 14 checks, and new technicians forget some of
            them. Today they carry a paper form, and the office retypes it afterwards.

            Proposal: let the office define a **checklist per job type** (yes/no, number, photo, free
            text). The technician fills it in on the phone, cannot close the job with required items
            missing, and the completed checklist is attached to the job as a PDF.

            It would also make training new hires much easier.
        """),
        "tags": ["mobile", "onboarding"],
        "author": "customer5",
        "visibility": "public",
        "status": "new",
        "status_note": "",
        "age_days": 21,
        "supporters": ["customer", "customer2", "customer4", "design"],
        "ratings": {"customer": 5, "customer4": 5, "design": 4, "support": 3},
        "comments": [
            {"author": "customer4",
             "body": "We would use this for fire-door inspections too. It would be great if a checklist "
                     "answer could trigger a follow-up job, e.g. \"door closer broken\".",
             "replies": []},
        ],
    },
    {
        "title": "Text the end client an \"on my way\" message with a live ETA",
        "body": _md("""
            Our clients sit at home waiting for a four-hour window, then phone the office to ask when
            the technician will arrive. That is easily 30 calls a day for our two dispatchers.

            **Proposal:** when the technician taps "on my way", send the client an SMS with the
            technician's first name and a link to a page showing a live ETA. Send a second message if
            the ETA slips by more than 15 minutes.
        """),
        "tags": ["notifications", "dispatch", "customer-portal"],
        "author": "customer2",
        "visibility": "public",
        "status": "under_review",
        "status_note": "Under review: we need to settle how SMS costs are passed on before we can plan it.",
        "age_days": 59,
        "supporters": ["customer", "customer3", "customer5", "customer6", "sales"],
        "ratings": {"customer": 5, "customer3": 5, "customer5": 5, "customer6": 4, "customer4": 4, "pm2": 2,
                    "employee": 2, "support": 3},
        "comments": [
            {"author": "pm2",
             "body": "We like the idea, but SMS costs us real money per message in some countries. Would you "
                     "accept SMS as a paid add-on, with e-mail and push included for free?",
             "replies": [
                 {"author": "customer2",
                  "body": "E-mail is useless for this: nobody checks e-mail while waiting for a plumber. We would "
                          "pay something, but it has to be predictable, not per message."},
                 {"author": "customer",
                  "body": "Agree with Dave. A flat monthly bundle would be fine for us."},
             ]},
            {"author": "employee",
             "body": "Technically the live ETA page is the hard part: it needs location from the phone every "
                     "minute, which drains batteries. A one-off ETA at departure would be much cheaper.",
             "replies": []},
        ],
    },
    {
        "title": "Unlimited SMS notifications included in the Starter plan",
        "body": _md("""
            Appointment reminders by SMS are the one thing that reduced our no-shows, but on the Starter
            plan we get 100 messages a month and then pay per message. In a busy month that is more
            than the subscription itself.

            Small firms are the ones who most need to avoid wasted trips. Please include **unlimited
            SMS** in Starter, or at least raise the allowance to something realistic like 1,000.
        """),
        "tags": ["pricing", "notifications"],
        "author": "customer",
        "visibility": "public",
        "status": "declined",
        "status_note": "Declined: SMS is billed to us per message, so unlimited SMS would mean raising Starter prices.",
        "age_days": 117,
        "supporters": ["customer2", "customer3", "customer5", "customer6"],
        "ratings": {"customer2": 5, "customer3": 5, "customer5": 5, "customer6": 4, "pm2": 1, "sales": 2,
                    "support": 3},
        "comments": [
            {"author": "pm2",
             "body": "We looked at the numbers openly: at current carrier prices, unlimited SMS would add "
                     "roughly 18 EUR per month to every Starter account. We are raising the allowance to 300 "
                     "and adding cheaper bundles instead. Details: https://example.com/pricing/sms",
             "replies": [
                 {"author": "customer",
                  "body": "Disappointed, but thank you for showing the actual cost. 300 covers most of our "
                          "months, so it helps."},
             ]},
            {"author": "customer3",
             "body": "Could reminders go out as push notifications for clients who use the portal, and SMS "
                     "only for the rest? That would stretch the allowance a lot.",
             "replies": [
                 {"author": "pm",
                  "body": "Good thought, Aisha. That fits with the portal work; I will link the two ideas."},
             ]},
        ],
    },
    {
        "title": "Two-way sync with Xero and QuickBooks",
        "body": _md("""
            We push invoices to Xero with the current export, but payments recorded in Xero never come
            back to Brightfield. So the office sees invoices as unpaid that were paid weeks ago, and the
            automatic reminders annoy clients who already paid.

            Please make the accounting integrations **two-way**: invoices and credit notes go out,
            payments and their dates come back. Matching could use the invoice number.
        """),
        "tags": ["integrations", "invoicing"],
        "author": "customer4",
        "visibility": "public",
        "status": "under_review",
        "status_note": "Under review with our accounting partners; Xero first because most affected customers use it.",
        "age_days": 95,
        "supporters": ["customer", "customer3", "pm2", "support", "sales"],
        "ratings": {"customer": 5, "customer3": 5, "customer2": 3, "pm2": 4, "support": 5, "sales": 4,
                    "employee": 3},
        "comments": [
            {"author": "customer3",
             "body": "This is our biggest source of embarrassment: reminders going to clients who paid. Even "
                     "a daily payment import would solve 90% of it.",
             "replies": [
                 {"author": "pm2",
                  "body": "A daily import is what we are sketching first, with a full two-way sync later. "
                          "Aisha, could you share (anonymised) examples of mismatches with support?"},
             ]},
        ],
    },
    {
        "title": "Let us choose to keep our data in an EU data centre",
        "body": _md("""
            Our legal department asked where Brightfield stores our data, and the answer (a US region
            with EU backups) is making the renewal harder than it should be. Several municipalities we
            talk to have the same question.

            Please offer an **EU data region** per account, including backups and support access, and
            publish the list of sub-processors on a page we can point our lawyers to.
        """),
        "tags": ["security"],
        "author": "customer6",
        "visibility": "public",
        "status": "new",
        "status_note": "",
        "age_days": 9,
        "supporters": ["customer4", "customer"],
        "ratings": {"customer4": 5, "customer": 3, "sales": 4},
        "comments": [
            {"author": "sales",
             "body": "Two public-sector deals I am working on right now stall on exactly this question. "
                     "+1 from the sales side.",
             "replies": []},
        ],
    },
    {
        "title": "Voice notes on a job that are transcribed into text",
        "body": _md("""
            Typing a job report on a phone with cold or dirty hands is slow, so technicians write
            "fixed" and nothing else. The next technician then has no idea what was done.

            Let technicians **record a voice note** on the job. The app transcribes it into the notes
            field, keeps the audio for 30 days, and lets them correct the text before closing the job.
            It should work in Spanish and Portuguese as well as English.
        """),
        "tags": ["mobile", "accessibility"],
        "author": "customer5",
        "visibility": "public",
        "status": "new",
        "status_note": "",
        "age_days": 33,
        "supporters": ["customer", "customer2", "design"],
        "ratings": {"customer": 4, "customer2": 4, "design": 4, "employee": 2},
        "comments": [
            {"author": "employee",
             "body": "Transcription would have to run in the cloud, so it would not work offline. Would a "
                     "recording that is transcribed once the phone is back online still help?",
             "replies": [
                 {"author": "customer5",
                  "body": "Yes, absolutely. The technician mostly needs to capture it on the spot; the text can "
                          "arrive later."},
             ]},
        ],
    },
    {
        "title": "A client portal with all invoices, past jobs and upcoming visits",
        "body": _md("""
            Property managers and landlords call us to ask for copies of old invoices or to check when
            the next service is booked. Each call takes a few minutes of looking things up and
            e-mailing PDFs.

            **Proposal:** a portal for our clients, branded with our logo, where they can:

            - download any invoice and job report
            - see upcoming visits and request a different slot
            - pay open invoices online

            Access by a magic link in e-mail would be enough; nobody wants another password.
        """),
        "tags": ["customer-portal", "invoicing"],
        "author": "customer3",
        "visibility": "public",
        "status": "planned",
        "status_note": "Planned: a first version with invoices, reports and online payment, behind magic-link login.",
        "age_days": 126,
        "supporters": ["customer", "customer2", "customer4", "customer5", "pm2", "sales", "design", "support"],
        "ratings": {"customer": 5, "customer2": 4, "customer4": 5, "customer5": 4, "pm2": 5, "sales": 5,
                    "design": 4, "support": 5},
        "comments": [
            {"author": "design",
             "body": "We are sketching the portal now. If you have examples of portals your clients like "
                     "(from any industry), please post links here.",
             "replies": [
                 {"author": "customer4",
                  "body": "Our building managers like the energy supplier's portal: one list of sites, "
                          "documents per site. Multi-site support would matter a lot for us."},
             ]},
            {"author": "support",
             "body": "For what it is worth: \"please resend invoice X\" is about 12% of all our tickets. The "
                     "portal would help us as much as it helps you.",
             "replies": []},
        ],
    },
    {
        "title": "Keyboard shortcuts on the dispatch board",
        "body": _md("""
            I spend eight hours a day on the dispatch board and do almost everything with the mouse.
            Every other tool I use has shortcuts.

            A few that would save me time:

            - `N` new job, `/` search, `T` jump to today
            - arrow keys to move between job cards, `Enter` to open
            - `A` to assign the selected job to a technician by typing their name

            Show them with `?` like many web apps do.
        """),
        "tags": ["dispatch", "accessibility", "performance"],
        "author": "customer2",
        "visibility": "public",
        "status": "new",
        "status_note": "",
        "age_days": 18,
        "supporters": ["customer4", "design"],
        "ratings": {"customer4": 4, "design": 5, "customer6": 4},
        "comments": [
            {"author": "customer6",
             "body": "Keyboard access is also an accessibility requirement for us, so this would count twice. "
                     "Please make sure focus stays visible when moving between cards.",
             "replies": []},
        ],
    },
    {
        "title": "Dark mode for the technician app",
        "body": _md("""
            Technicians use the app early in the morning, in dark plant rooms and in vans at night.
            The bright white screen is blinding and drains the battery on older phones.

            Please add a **dark theme** that follows the phone's system setting, with a manual switch
            in the app settings for those who want it always on.
        """),
        "tags": ["mobile", "accessibility"],
        "author": "customer",
        "visibility": "public",
        "status": "new",
        "status_note": "",
        "age_days": 41,
        "supporters": ["customer2", "customer5", "customer6"],
        "ratings": {"customer2": 5, "customer5": 5, "customer6": 4, "design": 3, "employee": 2, "pm": 2},
        "comments": [
            {"author": "design",
             "body": "We would love to do this properly, but every screen needs a contrast check in both themes. "
                     "It will probably come after the accessibility audit rather than before.",
             "replies": [
                 {"author": "customer",
                  "body": "Understood. Even just the job list and job details in dark mode would cover most "
                          "of the use."},
             ]},
        ],
    },
    {
        "title": "Dispatch board is too slow with 300 technicians loaded",
        "body": _md("""
            With all four regions loaded (about 300 technicians), the dispatch board takes 12–15 seconds
            to open and scrolling stutters. Our planners work around it by opening one region at a time,
            which means they cannot see who is free in the next region over.

            We would like the full board to open in **under three seconds** and scroll smoothly. If that
            needs a paging or lazy-loading approach, that is fine with us.
        """),
        "tags": ["performance", "dispatch"],
        "author": "customer4",
        "visibility": "public",
        "status": "in_progress",
        "status_note": "In progress: the board now renders only visible rows; the data loading change is next.",
        "age_days": 77,
        "supporters": ["customer2", "customer6", "employee", "pm"],
        "ratings": {"customer2": 4, "customer6": 4, "employee": 5, "pm": 5, "support": 4},
        "comments": [
            {"author": "employee",
             "body": "Profiling showed most of the time goes into rendering all rows at once. Virtualised "
                     "rendering brought a 300-technician test board from 14 s to 2.1 s in staging.",
             "replies": [
                 {"author": "customer4",
                  "body": "That is excellent. Let us know when it reaches production and our planners will "
                          "report back."},
             ]},
        ],
    },
    {
        "title": "Let company admins require two-factor login for office staff",
        "body": _md("""
            Brightfield has optional two-factor authentication, but we cannot make it mandatory. Our
            security policy requires it for every account with access to personal data, so today we
            check it by hand each quarter.

            Please add a company-level setting: **"Require 2FA for all office users"**, with a grace
            period for existing users and a report of who has not enabled it yet.
        """),
        "tags": ["security"],
        "author": "customer6",
        "visibility": "public",
        "status": "under_review",
        "status_note": "Under review together with the SSO work, since both change how office users sign in.",
        "age_days": 53,
        "supporters": ["customer4", "admin", "employee"],
        "ratings": {"customer4": 5, "admin": 5, "employee": 4, "customer3": 2},
        "comments": [
            {"author": "customer3",
             "body": "Please keep it optional for small companies. Our office is three people and a phone "
                     "code every morning would be more annoying than useful.",
             "replies": [
                 {"author": "admin",
                  "body": "It would be a setting each company chooses, off by default. Nothing changes for you "
                          "unless your admin switches it on."},
             ]},
        ],
    },
    {
        "title": "Record parts used on a job and deduct them from van stock",
        "body": _md("""
            Every van carries a few hundred euros of fittings, valves and fuses. We have no idea what
            is in which van until a technician arrives at a job without the part he needs.

            Proposal:

            - keep a simple stock list per van
            - when closing a job, the technician picks the parts used, which are added to the invoice
            - a low-stock list per van for the weekly restock

            No full warehouse system needed, just the vans.
        """),
        "tags": ["mobile", "invoicing"],
        "author": "customer5",
        "visibility": "public",
        "status": "new",
        "status_note": "",
        "age_days": 26,
        "supporters": ["customer", "customer3", "sales"],
        "ratings": {"customer": 5, "customer3": 4, "sales": 4, "pm": 3},
        "comments": [],
    },
    {
        "title": "Send all of this week's invoices in one click",
        "body": _md("""
            On Friday afternoon I send the week's invoices: I open each closed job, check it, click
            "send invoice", and go back to the list. With 60 jobs that is most of my afternoon.

            Please add a **bulk send** to the invoice list: filter by status "ready", tick the ones to
            send (or all), review a summary, and send them in one go.
        """),
        "tags": ["invoicing"],
        "author": "customer3",
        "visibility": "public",
        "status": "new",
        "status_note": "",
        "age_days": 7,
        "supporters": ["customer", "pm2"],
        "ratings": {"customer": 4, "pm2": 4, "support": 4},
        "comments": [
            {"author": "support",
             "body": "Tip until this exists: the invoice list can already be filtered by \"ready to send\", "
                     "which at least saves the clicking around. Agree the bulk action is overdue.",
             "replies": []},
        ],
    },
    {
        "title": "Show technicians' skills and certifications when assigning a job",
        "body": _md("""
            Not every technician may work on gas appliances or on heat pumps with certain refrigerants.
            I keep that in my head, which works until I am on holiday and a colleague dispatches.

            Let us record **skills and certificate expiry dates** per technician, mark which skills a
            job type requires, and show a warning when assigning a job to someone without the skill
            or with an expired certificate.
        """),
        "tags": ["dispatch", "scheduling"],
        "author": "customer2",
        "visibility": "public",
        "status": "new",
        "status_note": "",
        "age_days": 31,
        "supporters": ["customer4", "customer5", "pm"],
        "ratings": {"customer4": 5, "customer5": 4, "pm": 4},
        "comments": [
            {"author": "pm",
             "body": "This would feed nicely into the \"suggest the best technician\" idea. Dave, do you need "
                     "reminders before a certificate expires too?",
             "replies": [
                 {"author": "customer2",
                  "body": "Yes, 60 days before, to the technician and to me. Renewals take a while."},
             ]},
        ],
    },
    {
        "title": "Built-in payroll for technicians' hours",
        "body": _md("""
            We already record when each technician starts and finishes every job. At the end of the
            month I copy those hours into our payroll tool by hand, adding overtime and call-out bonuses.

            It would be great if Brightfield could **calculate payroll** directly: hours, overtime,
            call-out allowances and mileage, with payslips sent to each technician.
        """),
        "tags": ["reporting", "integrations"],
        "author": "customer",
        "visibility": "public",
        "status": "declined",
        "status_note": "Declined: payroll rules differ per country; we will export approved hours to payroll tools.",
        "age_days": 160,
        "supporters": ["customer5", "customer3"],
        "ratings": {"customer5": 4, "customer3": 4, "customer2": 3, "pm": 1, "pm2": 2, "employee": 1},
        "comments": [
            {"author": "pm",
             "body": "Thank you, Carla. Payroll rules differ per country and change every year, and getting "
                     "them wrong hurts people's pay. We would rather do a clean timesheet export that payroll "
                     "tools can import.",
             "replies": [
                 {"author": "customer",
                  "body": "Fair enough. A timesheet export with overtime already separated would get us most "
                          "of the way."},
             ]},
        ],
    },
    {
        "title": "Monthly SLA report per site for facilities contracts",
        "body": _md("""
            Our facilities contracts promise response times, e.g. **4 hours** for urgent faults and
            **3 working days** for routine ones. Every month we prove this to each client with a
            spreadsheet built from raw job exports.

            Proposal: SLA targets per contract and priority, tracked automatically from job creation to
            arrival and completion, with a monthly PDF report per site listing met and missed targets.
        """),
        "tags": ["reporting"],
        "author": "customer4",
        "visibility": "public",
        "status": "new",
        "status_note": "",
        "age_days": 15,
        "supporters": ["customer6", "sales"],
        "ratings": {"customer6": 4, "sales": 5, "customer": 2},
        "comments": [],
    },
    {
        "title": "Public API rate limits are too low for a nightly sync",
        "body": _md("""
            The API allows 60 requests per minute per account. Our nightly sync of jobs, clients and
            invoices takes almost three hours because of it, and it regularly runs into office hours.

            Could you either raise the limit for larger accounts, allow **bulk endpoints** (100 records
            per request), or both? We are happy to run the sync at a fixed night-time window.
        """),
        "tags": ["api", "performance"],
        "author": "customer6",
        "visibility": "public",
        "status": "under_review",
        "status_note": "Engineering is evaluating bulk endpoints and per-plan limits.",
        "age_days": 48,
        "supporters": ["customer4", "employee"],
        "ratings": {"customer4": 5, "employee": 4, "pm": 3},
        "comments": [
            {"author": "employee",
             "body": "Bulk reads are the better fix: one request for 100 jobs costs us less than 100 small "
                     "ones. Would `GET /v2/jobs?ids=...` with up to 100 ids work for your sync?",
             "replies": [
                 {"author": "customer6",
                  "body": "Yes, combined with `updated_since` that would reduce our sync to a few minutes."},
             ]},
        ],
    },
    {
        "title": "Support macros that link straight to the right help-centre article",
        "body": _md("""
            Our reply macros in the ticket tool still paste long step-by-step instructions. When the
            product changes, the macros go stale and customers follow outdated steps.

            Proposal: rewrite the top 30 macros to a two-line answer plus a **link to the help-centre
            article**, and keep the articles as the single source of truth. Each article gets an
            owner, and release notes list the articles that need updating.
        """),
        "tags": ["onboarding"],
        "author": "support",
        "visibility": "internal",
        "status": "new",
        "status_note": "",
        "age_days": 11,
        "supporters": ["admin", "design"],
        "ratings": {"admin": 4, "design": 3, "pm": 4},
        "comments": [
            {"author": "admin",
             "body": "Good idea. Could we also track which articles are linked most often? That would tell "
                     "product where the UI is most confusing.",
             "replies": [
                 {"author": "support",
                  "body": "Yes, the ticket tool can count link clicks. I will add that to the proposal."},
             ]},
        ],
    },
    {
        "title": "In-app guided setup for a company's first week",
        "body": _md("""
            New customers sign up, look at an empty calendar and do not know where to begin. Our
            onboarding calls cover the same five steps every time, and customers who skip the call
            often churn within the first month.

            **Proposal:** a setup checklist in the app for admins:

            1. add your technicians and their working hours
            2. import clients from a CSV or your accounting tool
            3. create your first job and send the first invoice
            4. install the technician app on one phone

            Each step links to a two-minute video.
        """),
        "tags": ["onboarding"],
        "author": "support",
        "visibility": "public",
        "status": "under_review",
        "status_note": "Reviewing alongside the trial experiment results, which touch the same first-week flow.",
        "age_days": 69,
        "supporters": ["sales", "admin", "design", "customer5", "customer3"],
        "ratings": {"sales": 5, "admin": 5, "design": 4, "customer5": 4, "customer3": 3, "customer": 3},
        "comments": [
            {"author": "customer5",
             "body": "As someone who onboarded our company last year: step 4 should come earlier. The moment "
                     "the technicians see jobs on their phones, everybody takes the tool seriously.",
             "replies": [
                 {"author": "support",
                  "body": "Great point, Lucía, we will move it up. That matches what we see on onboarding calls."},
             ]},
        ],
    },
    {
        "title": "Experiment: trial accounts pre-loaded with demo jobs",
        "body": _md("""
            Trial accounts start empty, and in sales calls prospects struggle to picture their own
            week. Prospects who book a demo convert about three times better than those who do not,
            mostly because they see a realistic board.

            Proposal for a 6-week A/B test on new trials:

            - **A:** empty account (today)
            - **B:** account pre-loaded with 3 technicians and a week of sample jobs, removable in one click

            Measure: trial-to-paid conversion and "first real job created" within 7 days.
        """),
        "tags": ["pricing", "onboarding"],
        "author": "sales",
        "visibility": "internal",
        "status": "under_review",
        "status_note": "Under review: analytics is checking we have enough trial volume for a 6-week test.",
        "age_days": 45,
        "supporters": ["support", "admin", "pm"],
        "ratings": {"support": 4, "admin": 4, "pm": 3, "employee": 3},
        "comments": [
            {"author": "pm",
             "body": "Worth testing. One risk: people may never delete the sample jobs and get confused by them "
                     "in reports. Can B mark them clearly and exclude them from reporting?",
             "replies": [
                 {"author": "sales",
                  "body": "Yes, a visible \"sample\" tag and excluded from all reports and invoices."},
             ]},
        ],
    },
    {
        "title": "Add a price calculator to the public pricing page",
        "body": _md("""
            The pricing page lists per-seat prices, SMS bundles and add-ons separately. Prospects with
            10 technicians and 3 office staff regularly work out the wrong monthly total and then
            hesitate when they see the first invoice.

            Proposal: a small calculator where you enter office users, technicians and expected SMS per
            month and get the **monthly and yearly total**, including VAT, with a link to start a trial
            on that plan.
        """),
        "tags": ["pricing"],
        "author": "sales",
        "visibility": "public",
        "status": "new",
        "status_note": "",
        "age_days": 23,
        "supporters": ["customer", "pm2"],
        "ratings": {"customer": 4, "customer3": 4, "pm2": 4, "support": 3},
        "comments": [
            {"author": "customer3",
             "body": "Please also show what happens when we add one more technician mid-month. That surprised "
                     "us on our second invoice.",
             "replies": [
                 {"author": "pm2",
                  "body": "Good point: proration is confusing. We will explain it on the page and in the "
                          "calculator."},
             ]},
        ],
    },
    {
        "title": "Link on-call runbooks directly from sync-engine alerts",
        "body": _md("""
            When the sync engine pages at night, the alert only says `sync_lag_seconds > 900`. The
            on-call engineer then searches the wiki for the right runbook while customers' technicians
            wait for their jobs.

            Proposal: every alert rule gets a `runbook_url` annotation, and the pager message includes
            the link plus the affected region and the number of devices behind. Runbooks without an
            owner get flagged in the weekly ops review.
        """),
        "tags": ["performance"],
        "author": "employee",
        "visibility": "internal",
        "status": "in_progress",
        "status_note": "Runbook links are on the ten busiest alerts; the rest follow this sprint.",
        "age_days": 38,
        "supporters": ["support", "pm", "admin"],
        "ratings": {"support": 5, "pm": 4, "admin": 4, "design": 3},
        "comments": [
            {"author": "support",
             "body": "Could the alert also post in the support channel? When sync lags, we get the calls "
                     "before engineering has an update for us.",
             "replies": [
                 {"author": "employee",
                  "body": "Yes, a copy will go to #support-incidents with a plain-language summary."},
             ]},
        ],
    },
    {
        "title": "Webhooks when a job changes status",
        "body": _md("""
            Several customers poll our API every minute to find out whether a job has been started or
            completed. That costs them rate limit and costs us server load, and they still learn
            about changes late.

            **Proposal:** outgoing webhooks for `job.created`, `job.status_changed`,
            `invoice.sent` and `invoice.paid`, signed with a shared secret, retried with backoff, and a
            log of deliveries in the admin settings. Docs draft: https://example.com/docs/webhooks
        """),
        "tags": ["api", "integrations", "notifications"],
        "author": "employee",
        "visibility": "public",
        "status": "planned",
        "status_note": "Planned for the API v2 release, starting with job and invoice events.",
        "age_days": 110,
        "supporters": ["customer4", "customer6", "pm", "support"],
        "ratings": {"customer4": 5, "customer6": 5, "pm": 4, "support": 4, "pm2": 4, "customer": 2},
        "comments": [
            {"author": "customer6",
             "body": "Please include the previous and the new status in the payload, so we do not need a "
                     "second call to find out what changed.",
             "replies": [
                 {"author": "employee",
                  "body": "Agreed, both will be in the payload, plus the user or device that made the change."},
             ]},
            {"author": "customer",
             "body": "What does this mean for a small company without developers? Will it plug into "
                     "anything we can use?",
             "replies": [
                 {"author": "pm",
                  "body": "Automation tools like Zapier and Make can receive webhooks, so you could, for "
                          "example, post to a team chat when an urgent job is completed, without code."},
             ]},
        ],
    },
    {
        "title": "Retire API v1 and publish a migration guide to v2",
        "body": _md("""
            API v1 still serves about 15% of API traffic and has different authentication, error
            formats and pagination from v2. Every new feature has to be built twice or explicitly
            left out of v1, which slows down the whole integrations team.

            Proposal:

            - announce a **12-month deprecation** period
            - publish a migration guide with side-by-side examples (draft outline at
              https://example.com/docs/api/v1-to-v2)
            - contact every account with v1 traffic directly, and offer help to the top 20
        """),
        "tags": ["api"],
        "author": "employee",
        "visibility": "public",
        "status": "under_review",
        "status_note": "Under review: we are contacting the largest v1 users before fixing a timeline.",
        "age_days": 84,
        "supporters": ["pm", "pm2", "support", "admin"],
        "ratings": {"pm": 5, "pm2": 4, "support": 4, "admin": 4, "design": 4, "customer4": 2, "customer6": 2},
        "comments": [
            {"author": "customer4",
             "body": "Our warehouse sync still uses v1 and was built by a contractor who is long gone. Twelve "
                     "months sounds fine on paper, but please make the guide very concrete.",
             "replies": [
                 {"author": "employee",
                  "body": "Understood. We will include a mapping of every v1 endpoint to its v2 equivalent, "
                          "and we can review your sync with you."},
             ]},
            {"author": "customer6",
             "body": "Public-sector change windows are slow. Could the deprecation be 18 months for accounts "
                     "that ask for it?",
             "replies": []},
        ],
    },
    {
        "title": "Bigger tap targets and a high-contrast mode in the technician app",
        "body": _md("""
            Field testing showed technicians mis-tap small buttons constantly: gloves, wet hands,
            phones in rugged cases. Several buttons in the job screen are 32 px high, below the
            44 px recommended minimum, and the grey-on-white labels fail contrast checks in sunlight.

            We are redesigning the job screen with **minimum 48 px targets**, a high-contrast theme,
            and text that follows the phone's font-size setting.
        """),
        "tags": ["accessibility", "mobile"],
        "author": "design",
        "visibility": "public",
        "status": "in_progress",
        "status_note": "In progress: the redesigned job screen is in beta; the rest of the app follows.",
        "age_days": 91,
        "supporters": ["customer5", "customer6", "customer2", "pm"],
        "ratings": {"customer5": 5, "customer6": 5, "customer2": 4, "pm": 4, "employee": 4, "support": 4},
        "comments": [
            {"author": "customer5",
             "body": "Please test it with winter gloves. The \"close job\" button is where my technicians "
                     "have the most trouble.",
             "replies": [
                 {"author": "design",
                  "body": "Done: we ran a glove test with three technicians last week and moved \"close job\" "
                          "to a full-width bar at the bottom."},
             ]},
        ],
    },
    {
        "title": "Accessibility audit of the shared UI component library",
        "body": _md("""
            Accessibility bugs keep coming back because each team fixes them in its own screens, while
            the underlying components (date picker, select, modal) stay broken.

            Proposal: a two-week audit of the 25 shared components against WCAG 2.1 AA, fix them at
            the source, and add automated checks (axe) to the component test suite so regressions fail
            the build.
        """),
        "tags": ["accessibility"],
        "author": "design",
        "visibility": "internal",
        "status": "new",
        "status_note": "",
        "age_days": 14,
        "supporters": ["employee", "admin", "pm"],
        "ratings": {"employee": 4, "admin": 5, "pm": 4, "support": 4},
        "comments": [
            {"author": "employee",
             "body": "+1. The date picker alone has caused four separate bug reports this year. Happy to pair "
                     "on the automated checks.",
             "replies": []},
        ],
    },
    {
        "title": "Suggest the best technician for a new job",
        "body": _md("""
            Dispatchers decide dozens of times a day who should take a new job. They weigh who is
            nearby, who has the right skills, who has a gap in the afternoon and who knows this client.
            Experienced dispatchers do this well; new ones struggle, and everyone struggles at 8 am.

            **Proposal:** when a job is created, show the top three suggested technicians with the
            reason ("12 min away, gas certified, free from 14:00"). The dispatcher still decides; the
            suggestion is just a head start.
        """),
        "tags": ["dispatch", "scheduling"],
        "author": "pm",
        "visibility": "public",
        "status": "under_review",
        "status_note": "Under review: it depends on the skills and travel-time ideas, which we are sizing together.",
        "age_days": 56,
        "supporters": ["customer2", "customer4", "customer", "support", "employee", "sales"],
        "ratings": {"customer2": 5, "customer4": 5, "customer": 4, "support": 5, "employee": 4, "sales": 5,
                    "design": 4},
        "comments": [
            {"author": "customer2",
             "body": "As long as I can see *why* it suggests someone. A black box that says \"Tom\" without "
                     "reasons will be ignored within a week.",
             "replies": [
                 {"author": "pm",
                  "body": "Completely agree, Dave. The reasons are the feature; the ranking is secondary."},
             ]},
            {"author": "customer4",
             "body": "We would want to weight it: for contract clients, prefer the technician who knows the "
                     "site even if someone else is closer.",
             "replies": []},
        ],
    },
    {
        "title": "Weekly digest e-mail for office managers",
        "body": _md("""
            Office managers tell us they only discover problems when a client calls: an invoice that
            has been overdue for 40 days, a job nobody was assigned to, a technician whose certificate
            expired.

            Proposal: a **Monday-morning digest** with the handful of things that need attention:
            overdue invoices, unassigned jobs for the week, quotes waiting for approval. Each line links
            straight to the item. It can be switched off per user.
        """),
        "tags": ["notifications", "reporting"],
        "author": "pm",
        "visibility": "public",
        "status": "new",
        "status_note": "",
        "age_days": 10,
        "supporters": ["support", "sales", "pm2", "admin"],
        "ratings": {"support": 5, "sales": 4, "pm2": 5, "admin": 4, "customer3": 2, "customer": 3},
        "comments": [
            {"author": "customer3",
             "body": "I already get too many e-mails from every tool we use. I would rather see this as a "
                     "panel on the dashboard when I log in.",
             "replies": [
                 {"author": "pm",
                  "body": "That is useful to hear, @Aisha Bello. Maybe the dashboard panel first, and the "
                          "e-mail only for people who rarely log in?"},
             ]},
        ],
    },
    {
        "title": "Turn an accepted quote into a job and an invoice in one step",
        "body": _md("""
            Today a quote, the job that follows it and the final invoice are three separate records.
            The office copies line items from one to the next, and prices drift: what the client
            accepted is not always what they are invoiced.

            Proposal: when a client accepts a quote, Brightfield creates the job with the quoted tasks
            and materials, and **closing the job drafts the invoice from the quote**, highlighting any
            differences for the office to confirm.
        """),
        "tags": ["invoicing", "pricing"],
        "author": "pm2",
        "visibility": "public",
        "status": "planned",
        "status_note": "Planned for the invoicing release after next, together with deposits on quotes.",
        "age_days": 99,
        "supporters": ["customer", "customer3", "customer5", "sales", "support"],
        "ratings": {"customer": 5, "customer3": 5, "customer5": 4, "sales": 4, "support": 4, "pm": 4},
        "comments": [
            {"author": "customer",
             "body": "This is our biggest source of small billing mistakes. Please let the technician add "
                     "extra work on site, flagged as \"not in quote\", so the office sees it.",
             "replies": [
                 {"author": "pm2",
                  "body": "Yes: extra items added on site will be marked and need office approval before the "
                          "invoice goes out."},
             ]},
        ],
    },
    {
        "title": "Let companies add a surcharge for card payments",
        "body": _md("""
            Since online card payments launched, several customers asked to pass the processing fee
            on to their clients, as many tradespeople do with card terminals.

            Proposal: a per-company setting for a percentage or fixed **card surcharge**, shown clearly
            on the payment page before the client pays, and listed as a separate line on the receipt.
        """),
        "tags": ["payments", "pricing"],
        "author": "pm2",
        "visibility": "public",
        "status": "declined",
        "status_note": "Declined: surcharging consumer cards is banned in the EU and UK, where most customers are.",
        "age_days": 134,
        "supporters": ["customer3", "customer"],
        "ratings": {"customer3": 4, "customer": 4, "customer2": 3, "sales": 2, "support": 2},
        "comments": [
            {"author": "pm2",
             "body": "Update after legal review: surcharges on consumer cards are not allowed in the EU and UK, "
                     "so we cannot offer this responsibly. We are negotiating lower processing fees instead.",
             "replies": [
                 {"author": "customer3",
                  "body": "Makes sense, I did not know that. Lower fees would be just as good for us."},
             ]},
        ],
    },
    {
        "title": "Read-only support access to a customer account, with their consent",
        "body": _md("""
            To debug a customer's problem, support often asks for screenshots, then more screenshots.
            A few agents have asked customers for their password, which is exactly what we tell
            customers never to share.

            Proposal: a **"grant support access"** button for company admins, giving support read-only
            access for 72 hours. Every access is logged and visible to the customer, and support cannot
            see payment details.
        """),
        "tags": ["security"],
        "author": "admin",
        "visibility": "internal",
        "status": "under_review",
        "status_note": "Security is reviewing the access model and audit trail before we commit.",
        "age_days": 62,
        "supporters": ["support", "employee", "pm"],
        "ratings": {"support": 5, "employee": 4, "pm": 4, "pm2": 3},
        "comments": [
            {"author": "employee",
             "body": "Read-only is important, but so is making sure support cannot trigger sync or send "
                     "e-mails by accident. I suggest a separate session type with its own permission set.",
             "replies": [
                 {"author": "admin",
                  "body": "Agreed, @Grace Okafor. Could you sketch that permission set so security can review "
                          "it with the rest?"},
             ]},
        ],
    },
    {
        "title": "Release notes inside the app, linked to the ideas that shipped",
        "body": _md("""
            When we ship something customers asked for, the people who asked rarely find out. Our
            release notes live on a blog that few customers read.

            Proposal: a small "What's new" panel in the app, with each entry linking back to the idea
            on this site, so supporters see that their input made it into the product. Everyone who
            supported or commented on the idea also gets a notification.
        """),
        "tags": ["notifications", "onboarding"],
        "author": "admin",
        "visibility": "public",
        "status": "shipped",
        "status_note": "Shipped: the What's new panel is live and links to the ideas behind each change.",
        "age_days": 155,
        "supporters": ["pm", "pm2", "support", "design", "customer3"],
        "ratings": {"pm": 5, "pm2": 5, "support": 4, "design": 4, "customer3": 4, "customer2": 3, "customer": 3},
        "comments": [
            {"author": "customer3",
             "body": "I found out about payment reminders from this panel before the e-mail arrived. Nice "
                     "touch that it says who suggested it.",
             "replies": []},
        ],
    },
    {
        "title": "Show whether an invoice e-mail bounced and let the office resend it",
        "body": _md("""
            A common ticket: "my client says they never received the invoice". We then search mail
            logs to find out whether it bounced, was marked as spam, or was delivered, and tell the
            customer what we found.

            Proposal: show the **delivery status** next to each sent invoice (delivered, bounced,
            opened if available) and add a "resend" action that lets the office correct the address
            first.
        """),
        "tags": ["invoicing", "notifications"],
        "author": "support",
        "visibility": "public",
        "status": "shipped",
        "status_note": "Shipped: delivery status and a resend button are on every sent invoice.",
        "age_days": 144,
        "supporters": ["customer3", "customer", "pm2"],
        "ratings": {"customer3": 5, "customer": 4, "pm2": 4, "customer5": 4, "employee": 3},
        "comments": [
            {"author": "customer3",
             "body": "This saved me from two awkward phone calls already. One client had a typo in their "
                     "e-mail address for a whole year.",
             "replies": []},
        ],
    },
    {
        "title": "Multi-currency invoices for firms working across borders",
        "body": _md("""
            Several of our prospects near borders, such as Swedish firms with Norwegian clients or
            Irish firms working in Northern Ireland, need to invoice in two currencies. Today they
            run two Brightfield accounts, which doubles their cost and splits their reporting.

            Proposal: a currency per client, invoices and payments in that currency, and reports that
            convert to the company's base currency at the invoice-date rate.
        """),
        "tags": ["invoicing", "payments", "pricing"],
        "author": "sales",
        "visibility": "public",
        "status": "new",
        "status_note": "",
        "age_days": 19,
        "supporters": ["customer4", "pm2"],
        "ratings": {"customer4": 4, "pm2": 3},
        "comments": [
            {"author": "customer4",
             "body": "Our Danish subsidiary has exactly this problem with Swedish clients. Please make sure "
                     "VAT handling is per country too.",
             "replies": []},
        ],
    },
    {
        "title": "Open the technician app on today's jobs first, load the rest later",
        "body": _md("""
            On older Android phones the technician app took up to 20 seconds to start, because it
            loaded the full job history before showing anything. Technicians opened it in the van and
            waited.

            We changed startup to load **today's jobs first** and fetch history in the background.
            Median start time went from 9.8 s to 2.4 s on our reference phone.
        """),
        "tags": ["performance", "mobile", "offline"],
        "author": "employee",
        "visibility": "public",
        "status": "shipped",
        "status_note": "Shipped in app version 5.3 for Android and iOS.",
        "age_days": 172,
        "supporters": ["customer5", "customer2", "design", "support"],
        "ratings": {"customer5": 5, "customer2": 4, "design": 4, "support": 5, "customer": 4},
        "comments": [
            {"author": "customer5",
             "body": "Noticeably faster on our old Samsung phones. Thank you @Grace Okafor and team!",
             "replies": []},
        ],
    },
    {
        "title": "Let the client sign off the job on the technician's phone",
        "body": _md("""
            Many customers print a paper job sheet for the client to sign, then scan it back in. Some
            use a separate signing app. The signature is the proof that the work was accepted, so it
            matters in disputes.

            Proposal: a sign-off screen at the end of the job showing a summary of work done and parts
            used, a **finger signature** field, the client's printed name, and an option to e-mail the
            signed report straight away.
        """),
        "tags": ["mobile", "customer-portal"],
        "author": "design",
        "visibility": "public",
        "status": "under_review",
        "status_note": "Under review: we are checking the legal weight of on-screen signatures in our main markets.",
        "age_days": 66,
        "supporters": ["customer", "customer5", "customer2", "customer3", "support"],
        "ratings": {"customer": 5, "customer5": 5, "customer2": 4, "support": 4, "pm": 3},
        "comments": [
            {"author": "customer",
             "body": "Please allow \"client not present\" with a reason. Half our jobs are in empty holiday "
                     "flats where the key is left with a neighbour.",
             "replies": [
                 {"author": "design",
                  "body": "Good point, Carla. We will add that path with a required reason and an optional "
                          "photo."},
             ]},
        ],
    },
    {
        "title": "Track scheduling feature adoption per account for QBRs",
        "body": _md("""
            In quarterly business reviews with large accounts we cannot say which scheduling features
            they actually use. Account managers guess, and we miss chances to help customers who
            struggle with, for example, recurring jobs.

            Proposal: an internal dashboard showing, per account, weekly usage of the dispatch board,
            recurring jobs, travel-time warnings and the technician app, using the product events we
            already collect. No new tracking; only aggregates per account.
        """),
        "tags": ["reporting", "scheduling"],
        "author": "pm",
        "visibility": "internal",
        "status": "under_review",
        "status_note": "Under review with the data team to confirm the existing events are enough.",
        "age_days": 29,
        "supporters": ["sales", "support", "admin"],
        "ratings": {"sales": 5, "support": 4, "admin": 3, "employee": 3},
        "comments": [
            {"author": "admin",
             "body": "Please check with legal that the dashboard matches what our privacy notice says about "
                     "product analytics. Aggregates per account should be fine.",
             "replies": []},
        ],
    },
    {
        "title": "Optimise every technician's route for the day with one button",
        "body": _md("""
            Dispatchers build each technician's day job by job, and the resulting routes zig-zag across
            town. Customers keep asking for a button that rearranges the day to minimise driving,
            within the time windows promised to clients.

            Proposal: an **"optimise day"** action on the dispatch board that proposes a new order
            (and optionally new assignments) with the driving time saved, and lets the dispatcher
            accept or discard it. Needs the travel-time data first.
        """),
        "tags": ["dispatch", "scheduling"],
        "author": "pm",
        "visibility": "public",
        "status": "new",
        "status_note": "",
        "age_days": 5,
        "supporters": ["customer", "customer2", "customer4", "customer5", "customer6"],
        "ratings": {"customer": 5, "customer2": 5, "customer4": 5, "customer5": 4, "employee": 2, "pm2": 2,
                    "design": 3},
        "comments": [
            {"author": "employee",
             "body": "Honest engineering view: full route optimisation with time windows is a hard problem "
                     "and a big project. A simpler \"reorder this technician's day\" would get most of the "
                     "value for a fraction of the effort.",
             "replies": [
                 {"author": "customer2",
                  "body": "Reordering one technician's day would already be great. Reassigning across "
                          "technicians can come later."},
             ]},
        ],
    },
    {
        "title": "Pricing experiment: charge per active technician, not per seat",
        "body": _md("""
            Seasonal businesses (HVAC especially) pay for seats all year but have half the technicians
            active in spring and autumn. Several churned accounts named this as the reason, and sales
            hears it in most HVAC negotiations.

            Proposal: test **billing per technician active in the month** (logged in and closed at
            least one job) for new HVAC sign-ups over one quarter. Compare revenue per account, churn
            and support load against the current per-seat model.
        """),
        "tags": ["pricing"],
        "author": "pm2",
        "visibility": "internal",
        "status": "new",
        "status_note": "",
        "age_days": 17,
        "supporters": ["sales", "support"],
        "ratings": {"sales": 5, "support": 3, "admin": 3, "pm": 4},
        "comments": [
            {"author": "sales",
             "body": "I can name five HVAC prospects who would sign tomorrow with this model. I can help pick "
                     "the test cohort.",
             "replies": [
                 {"author": "pm2",
                  "body": "Thanks, @Samuel Adeyemi. Let us keep the cohort to new sign-ups so nobody's existing "
                          "invoice changes."},
             ]},
        ],
    },
    {
        "title": "Status page and in-app banner during outages",
        "body": _md("""
            When sync or the dispatch board has a problem, customers find out by trial and error and
            then call support, which is busy dealing with the incident. During the March incident we
            received over 200 calls in an hour.

            Proposal: a public status page per component (web app, technician app sync, payments, API)
            and an **in-app banner** that appears automatically when a component is degraded, with a
            link to updates.
        """),
        "tags": ["notifications", "performance"],
        "author": "support",
        "visibility": "public",
        "status": "under_review",
        "status_note": "Under review: evaluating hosted status page services against building our own.",
        "age_days": 51,
        "supporters": ["employee", "admin", "customer4", "customer6", "customer2"],
        "ratings": {"employee": 4, "admin": 5, "customer4": 5, "customer6": 4, "customer2": 4, "pm": 4},
        "comments": [
            {"author": "customer2",
             "body": "The banner would have saved me a lot of stress in March. I restarted my browser five "
                     "times thinking it was my computer.",
             "replies": [
                 {"author": "support",
                  "body": "Sorry about that, Dave. That morning is exactly why I wrote this up."},
             ]},
        ],
    },
    {
        "title": "Sandbox accounts for developers building on the API",
        "body": _md("""
            Partners and customers' developers test their integrations against real accounts, because
            there is nowhere else to do it. We have seen test invoices e-mailed to real clients more
            than once.

            Proposal: free **sandbox accounts** with sample data, where e-mails and SMS are captured
            instead of sent and payments use test cards. API keys for sandboxes start with `sbx_` so
            they are easy to tell apart.
        """),
        "tags": ["api", "integrations", "onboarding"],
        "author": "employee",
        "visibility": "public",
        "status": "new",
        "status_note": "",
        "age_days": 27,
        "supporters": ["customer6", "support", "pm"],
        "ratings": {"customer6": 4, "support": 5, "pm": 4, "admin": 4, "customer": 2},
        "comments": [],
    },
    {
        "title": "Brand the client portal with the company's logo and colours",
        "body": _md("""
            The client portal and payment pages will be seen by our customers' clients, not by our
            customers. Those clients do not know Brightfield; they know "Mendes Plumbing" or "Bello
            Electric". A Brightfield-branded page looks like phishing to them.

            Proposal: let company admins upload a logo, choose an accent colour (we check contrast
            automatically) and set a sender name, used on the portal, payment pages and e-mails.
        """),
        "tags": ["customer-portal"],
        "author": "design",
        "visibility": "public",
        "status": "new",
        "status_note": "",
        "age_days": 8,
        "supporters": ["customer", "customer3", "sales"],
        "ratings": {"customer": 5, "customer3": 5, "sales": 4, "pm2": 4},
        "comments": [
            {"author": "customer3",
             "body": "Yes! Two clients already called us asking whether the payment e-mail was a scam.",
             "replies": []},
        ],
    },
    {
        "title": "Referral credit when a customer brings another field-service business",
        "body": _md("""
            Many of our best customers came from word of mouth: plumbers talk to electricians on the
            same building sites. We do nothing to thank the people who recommend us.

            Proposal: give both the referring and the new company **one month free** when the new
            company becomes a paying customer, with a personal referral link in the account settings.
        """),
        "tags": ["pricing"],
        "author": "sales",
        "visibility": "public",
        "status": "new",
        "status_note": "",
        "age_days": 36,
        "supporters": ["customer"],
        "ratings": {"customer": 4, "customer2": 3, "pm2": 3, "support": 2},
        "comments": [],
    },
    {
        "title": "Role-based permissions: dispatcher, technician, bookkeeper",
        "body": _md("""
            Every office user today can do everything, including deleting invoices and changing prices.
            Customers ask us to remove a bookkeeper's access to scheduling, or to stop dispatchers
            editing invoices, and we have to say no.

            Proposal: a few **built-in roles** (owner, dispatcher, bookkeeper, technician, read-only)
            with clear permissions, plus the option for owners to adjust them. Changes to a user's role
            appear in the audit log.
        """),
        "tags": ["security", "onboarding"],
        "author": "admin",
        "visibility": "public",
        "status": "under_review",
        "status_note": "Under review: we are mapping today's permission checks before designing the roles.",
        "age_days": 81,
        "supporters": ["support", "employee", "pm", "customer4"],
        "ratings": {"support": 5, "employee": 5, "pm": 4, "customer4": 4, "customer": 2, "customer5": 2},
        "comments": [
            {"author": "customer",
             "body": "For us everyone does a bit of everything. Please make sure small companies are not "
                     "forced to set up roles before they can start.",
             "replies": [
                 {"author": "admin",
                  "body": "Good to know. The default would stay \"everyone is owner\" unless you choose "
                          "otherwise."},
             ]},
        ],
    },
    {
        "title": "Show both versions when two people edit the same job offline",
        "body": _md("""
            With offline mode, the office and the technician can both change a job while disconnected.
            Today the last change per field wins silently, and sometimes the technician's notes
            overwrite the office's updated address, or the other way round.

            Proposal: when a sync finds conflicting edits, keep both, and show the office a short
            **"resolve conflict"** card on the job with the two values side by side. Notes are merged
            rather than overwritten.
        """),
        "tags": ["offline", "mobile"],
        "author": "employee",
        "visibility": "public",
        "status": "new",
        "status_note": "",
        "age_days": 22,
        "supporters": ["customer4", "customer5", "pm"],
        "ratings": {"customer4": 4, "customer5": 4, "pm": 4, "design": 3},
        "comments": [
            {"author": "customer4",
             "body": "Merging notes instead of overwriting would solve nearly all our cases. Addresses and "
                     "times rarely change on both sides at once.",
             "replies": []},
        ],
    },
    {
        "title": "Auto-tag incoming support tickets by product area",
        "body": _md("""
            Our weekly report to product counts tickets by area (scheduling, invoicing, technician
            app, API). Agents tag tickets by hand, which is inconsistent and often skipped on busy days,
            so the numbers product relies on are shaky.

            Proposal: suggest a tag automatically from the ticket text and the page the customer was on
            when they opened the help widget. Agents confirm with one click; we measure how often the
            suggestion is right.
        """),
        "tags": ["reporting"],
        "author": "support",
        "visibility": "internal",
        "status": "new",
        "status_note": "",
        "age_days": 4,
        "supporters": ["pm", "pm2"],
        "ratings": {"pm": 4, "pm2": 4, "admin": 3},
        "comments": [],
    },
    {
        "title": "Split labour and parts on the invoice the client receives",
        "body": _md("""
            Homeowners increasingly question invoices with a single line "Repair: 380 EUR". In several
            countries labour can also be partly tax-deductible for households, so clients need labour
            shown separately.

            Proposal: invoices list labour (hours × rate) and parts separately, with subtotals, and an
            optional line showing the tax-deductible labour amount. Existing invoice templates keep
            working; the split is opt-in per company.
        """),
        "tags": ["invoicing", "customer-portal"],
        "author": "pm2",
        "visibility": "public",
        "status": "new",
        "status_note": "",
        "age_days": 3,
        "supporters": ["customer3", "customer"],
        "ratings": {"customer3": 5, "customer": 4, "customer4": 3},
        "comments": [],
    },
]


def assert_consistent() -> None:
    """Check IDEAS against the rules the demo relies on; raise AssertionError naming the first problem."""
    from .seed import PEOPLE

    roles = {person[0]: person[2] for person in PEOPLE}
    employee_side = {local for local, role in roles.items() if role != "customer"}

    def check(condition: bool, where: str, message: str) -> None:
        if not condition:
            raise AssertionError(f"{where}: {message}")

    def check_person(local: object, where: str, what: str, internal: bool) -> None:
        check(local in roles, where, f"{what} {local!r} is not a local part in PEOPLE")
        if internal:
            check(local in employee_side, where, f"{what} {local!r} is a customer on an internal idea")

    check(isinstance(IDEAS, list) and len(IDEAS) == 60, "IDEAS", f"expected 60 ideas, found {len(IDEAS)}")
    required = {"title", "body", "tags", "author", "visibility", "status", "status_note", "age_days",
                "supporters", "ratings", "comments"}
    titles: set[str] = set()
    for number, idea in enumerate(IDEAS, start=1):
        where = f"idea #{number} ({idea.get('title', '?')!r})"
        missing = required - idea.keys()
        check(not missing, where, f"missing keys {sorted(missing)}")
        title, body = idea["title"], idea["body"]
        check(isinstance(title, str) and 5 <= len(title) <= 140, where, f"title length {len(title)} not in 5..140")
        check(title not in titles, where, "duplicate title")
        titles.add(title)
        check(isinstance(body, str) and 250 <= len(body) <= 1200, where, f"body length {len(body)} not in 250..1200")
        tags = idea["tags"]
        check(1 <= len(tags) <= 4, where, f"{len(tags)} tags, expected 1..4")
        check(len(set(tags)) == len(tags), where, "duplicate tags")
        unknown = set(tags) - ALLOWED_TAGS
        check(not unknown, where, f"unknown tags {sorted(unknown)}")
        check(idea["visibility"] in VISIBILITIES, where, f"visibility {idea['visibility']!r} is not public/internal")
        internal = idea["visibility"] == "internal"
        author = idea["author"]
        check_person(author, where, "author", internal)
        status = idea["status"]
        check(status in STATUSES, where, f"unknown status {status!r}")
        if status == "new":
            check(idea["status_note"] == "", where, "a new idea must not have a status note")
        else:
            check(bool(idea["status_note"].strip()), where, f"status {status!r} needs a status note")
        age = idea["age_days"]
        check(isinstance(age, int) and 1 <= age <= 200, where, f"age_days {age!r} not in 1..200")

        supporters = idea["supporters"]
        check(len(supporters) <= 12, where, f"{len(supporters)} supporters, expected at most 12")
        check(len(set(supporters)) == len(supporters), where, "duplicate supporters")
        check(author not in supporters, where, "the author cannot support their own idea")
        for local in supporters:
            check_person(local, where, "supporter", internal)

        ratings = idea["ratings"]
        check(isinstance(ratings, dict) and len(ratings) <= 10, where, "ratings must be a dict of at most 10")
        for local, stars in ratings.items():
            check_person(local, where, "rater", internal)
            check(isinstance(stars, int) and 1 <= stars <= 5, where, f"rating {stars!r} by {local} not in 1..5")

        comments = idea["comments"]
        check(len(comments) <= 5, where, f"{len(comments)} comments, expected at most 5")
        for comment in comments:
            replies = comment.get("replies", [])
            check(len(replies) <= 2, where, f"{len(replies)} replies, expected at most 2")
            for entry in [comment, *replies]:
                check_person(entry.get("author"), where, "commenter", internal)
                text = entry.get("body", "")
                check(isinstance(text, str) and 40 <= len(text) <= 400, where,
                      f"comment by {entry.get('author')} has length {len(text)}, expected 40..400")
