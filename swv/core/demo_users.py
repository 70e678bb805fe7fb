"""The demo accounts, free of Django imports so `make run` can print them before Django starts."""

# (username, label shown in the welcome text) in a stable order; see DEMO_ACCOUNTS for what they get.
DEMO_USERS = [
    ("coordinator", "SWV-coördinator"),
    ("deskundige", "SWV-deskundige (orthopedagoog)"),
    ("medewerker", "SWV-medewerker"),
    ("zorgcoordinator", "Zorgcoördinator, Basisschool De Regenboog"),
    ("ib", "Intern begeleider, Basisschool De Regenboog"),
    ("directeur", "Schooldirecteur, Basisschool Het Kompas"),
    ("leerplicht", "Leerplichtambtenaar, Gemeente Lindedal"),
    ("ketenpartner", "Jeugdprofessional, Wijkteam Lindedal"),
    ("bestuurder", "Wethouder, Gemeente Lindedal"),
    ("beheerder", "Functioneel beheerder"),
]
