"""The demo accounts, free of Django imports so `make run` can print them before Django starts."""

# (username, label shown in the welcome text) in a stable order; see DEMO_ACCOUNTS for what they get.
DEMO_USERS = [
    ("coordinator", "SWV-coördinator"),
    ("deskundige", "SWV-deskundige (orthopedagoog)"),
    ("medewerker", "SWV-medewerker"),
    ("zorgcoordinator", "Zorgcoördinator, Basisschool De Regenboog"),
    ("ib", "Intern begeleider, Basisschool De Regenboog én Het Kompas (kiest per sessie)"),
    ("directeur", "Schooldirecteur, Basisschool Het Kompas"),
    ("leerplicht", "Leerplichtambtenaar, Gemeente Lindedal"),
    ("ketenpartner", "Jeugdprofessional, Wijkteam Lindedal"),
    ("bestuurder", "Wethouder, Gemeente Lindedal"),
    ("beheerder", "Functioneel beheerder"),
]

# Demo accounts are enrolled for two-factor login with this one public key, so a newcomer can log in
# with any authenticator app (type in DEMO_TOTP_SECRET) or with `manage.py demo_totp <username>`.
# It is public on purpose and only ever used for the demo accounts.
DEMO_TOTP_KEY_HEX = "b23e350dcca956473fd97414d5a32c89397ba0dd"
DEMO_TOTP_SECRET = "WI7DKDOMVFLEOP6ZOQKNLIZMRE4XXIG5"
