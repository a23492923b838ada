"""The key facts of each seed press release that samples/ must carry.

Every quotation and every entry of `facts`/`registry` is checked to be
verbatim in its seed (tests/samples/seeds/, copies of ../shared/seeds), so
this table cannot drift from the sources either. Quotations are the text
inside the quotation marks, without the comma that introduces the
attribution ("...,” he said" -> "...").
"""

SEED_FILES = {
    "000": "000_41ff621f309e1c71.txt",
    "001": "001_971e6fbed0e341be.txt",
    "002": "002_9749bce7a57a06b3.txt",
    "003": "003_0fbe1983ebb9ab0c.txt",
    "004": "004_01a46a6f5e8765ff.txt",
}

# OSCE "fields of work" (seed 003's page chrome) in kebab-case, plus the
# topic tags the seeds use themselves.
THEMES_VOCAB = {
    "arms-control", "border-management",
    "combating-trafficking-in-human-beings",
    "conflict-prevention-and-resolution", "countering-terrorism",
    "cyber-ict-security", "democratization", "economic-activities",
    "education", "elections", "environmental-activities", "gender-equality",
    "good-governance", "human-rights", "media-freedom-and-development",
    "migration", "national-minority-issues", "policing",
    "reform-and-co-operation-in-the-security-sector", "roma-and-sinti",
    "rule-of-law", "tolerance-and-non-discrimination", "youth",
    # seed topic tags
    "countering-financing-of-terrorism",
    "illicit-drugs-and-chemical-precursors", "organized-crime",
    "preventing-violent-extremism",
}

DUSHANBE_2022_RELEASE = (
    'Press release: High-Level Conference "International and Regional '
    'Border Security and Management Cooperation to Counter Terrorism and '
    'Prevent the Movement of Terrorists"')

EVENTS = {
    "2011-06-vienna-drug-trafficking": {
        "seed": "003",
        "title": "OSCE conference on international and regional co-operation "
                 "to prevent drug trafficking",
        "kind": "conference", "series": None,
        "start": "2011-06-16", "end": "2011-06-17",
        "location": {"city": "Vienna", "country": "AT"},
        "organizers": [("osce-chairmanship", "organizer"),
                       ("osce-secretariat", "supporter"),
                       ("unodc", "partner")],
        # People the release places at the event, on their participation.
        "named": {("AF", "delegation"): ["osmani"],
                  ("TJ", "delegation"): ["umarov"],
                  ("lt-mfa", "speaker"): ["bajarunas"],
                  ("osce-secretariat", "speaker"): ["dreyer"]},
        "participants": [("AF", "delegation"), ("AF", "speaker"),
                         ("TJ", "delegation"), ("lt-mfa", "speaker"),
                         ("osce-secretariat", "speaker")],
        "statements": [
            ("Zarar Ahmad Moqbel Osmani", None,
             "There is a need for joint effort in order to overcome these "
             "challenges. By dismantling trafficking networks we can "
             "substantively reduce cultivation, trafficking and the illegal "
             "consumption of drugs and precursors"),
            ("Zarar Ahmad Moqbel Osmani", None,
             "Our intent is to use all opportunities to bring down the level "
             "of cultivation and expand the level of regional co-operation in "
             "order to tackle the flow of psycho-tropics, chemical precursors "
             "and trafficking of drugs"),
            ("Eitvydas Bajarūnas", None,
             "Illicit drugs have a devastating impact on the health of "
             "communities and on economic and social development"),
            ("Eitvydas Bajarūnas", None,
             "Only through transparency, information sharing and true "
             "collaboration and co operation can the international community "
             "address this common threat."),
            ("Eitvydas Bajarūnas", None,
             "Working closely with the EU, UN and others, the OSCE could "
             "provide assistance in developing an effective and comprehensive "
             "international approach to illicit trafficking in narcotic drugs "
             "throughout the OSCE area."),
            ("Knut Dreyer", None,
             "Globalization has brought transnational criminal networks more "
             "opportunities for illegal trafficking. Criminal justice systems "
             "need to work co-operatively in their response to illicit drug "
             "trafficking, harmonizing their efforts internationally across "
             "borders and regions"),
        ],
        "figures": [("193000", "hectares", "2007"),
                    ("123000", "hectares", "2010"),
                    ("40", "per cent", "2007–2010"),
                    ("91", "per cent", None)],
        "sources": [("OSCE Chairpersonship, OSCE Secretariat", "2011-06-16",
                     None)],
        "facts": ["Cross-border co-operation to prevent drug trafficking "
                  "focus of OSCE-organized conference",
                  "OSCE Chairpersonship, OSCE Secretariat",
                  "Lithuania",
                  "Zarar Ahmad Moqbel Osmani", "Mansurjon Umarov",
                  "Eitvydas Bajarūnas", "Knut Dreyer",
                  "four most insecure provinces"],
        "registry": ["Zarar Ahmad Moqbel Osmani", "Mansurjon Umarov",
                     "Deputy Head of Tajikistan’s State Committee on "
                     "National Security", "Eitvydas Bajarūnas",
                     "Political Director at the Lithuanian Foreign Ministry",
                     "Knut Dreyer", "OSCE Senior Police Adviser",
                     "Lithuanian Foreign Ministry", "OSCE Secretariat"],
    },
    "2017-07-vienna-drugs-nexus": {
        "seed": "002",
        "title": "Nexus between Illicit Drugs, Organized Crime and Terrorism",
        "kind": "conference",
        "series": "OSCE-wide Conference on Combating the Threat of Illicit "
                  "Drugs and the Diversion of Chemical Precursors",
        # Dates from outside the seed (OSCE press release of 10 July 2017).
        "start": "2017-07-10", "end": "2017-07-11",
        "location": {"venue": "Hofburg", "city": "Vienna", "country": "AT"},
        "organizers": [("osce-spmu", "organizer"),
                       ("osce-chairmanship", "organizer")],
        "participants": [],
        "audience": ["law-enforcement-officers", "experts", "delegations",
                     "international-organizations"],
        "statements": [],
        "sources": [("osce-spmu", "2017-06-12",
                     "https://polis.osce.org/events/oscedc2017"),
                    ("osce-chairmanship", "2017-07-10",
                     "https://osce.org/chairmanship/328526")],
        "facts": ["2017 OSCE-wide Conference on Combating the Threat of "
                  "Illicit Drugs and the Diversion of Chemical Precursors "
                  "entitled “Nexus between Illicit Drugs, Organized Crime and "
                  "Terrorism”, Vienna, Austria",
                  "OSCE / Transnational Threats Department / Strategic Police "
                  "Matters Unit", "Hofburg"],
        "registry": ["Transnational Threats Department",
                     "Strategic Police Matters Unit", "OSCE Chairmanship"],
    },
    "2018-05-dushanbe-ct-pve": {
        "seed": "004",
        "title": "Countering Terrorism and Preventing Violent Extremism",
        "kind": "high-level-conference", "series": "Dushanbe Process",
        "start": "2018-05-03", "end": "2018-05-04",
        "location": {"city": "Dushanbe", "country": "TJ"},
        "organizers": [("TJ", "host"), ("eu", "partner"), ("osce", "partner"),
                       ("un", "partner")],
        # Aslov was met "during the visit", not at the conference: not named.
        "named": {("unoct", "speaker"): ["voronkov"],
                  ("sco", "participant"): ["alimov"],
                  ("osce", "participant"): ["greminger"],
                  ("IN", "delegation"): ["akbar"],
                  ("QA", "delegation"): ["al-qahtoni"]},
        "participants": [("unoct", "speaker"), ("sco", "participant"),
                         ("osce", "participant"), ("KG", "delegation"),
                         ("HU", "delegation"), ("UZ", "delegation"),
                         ("IN", "delegation"), ("QA", "delegation"),
                         ("RU", "delegation"), ("AF", "delegation"),
                         ("cis", "participant")],
        "attendance": {"countries": "40", "qualifier": "more-than"},
        "statements": [
            ("Vladimir Voronkov", None,
             "Today's High-Level Conference is therefore a great opportunity "
             "for us to take stock and ensure that our policies are fit for "
             "purpose for the evolving challenges that we face. We also need "
             "to take practical steps to ensure that we are working closely "
             "to address the menace of terrorism"),
            ("Vladimir Voronkov", None,
             "We all must remain vigilant to prevent ISIL taking root in other "
             "countries and regions around the world, including Central Asia. "
             "We know that ISIL is actively seeking to recruit and radicalize "
             "citizens of this region, especially young people"),
            ("Vladimir Voronkov", None,
             "So there is an urgent need to strengthen international "
             "counter-terrorism cooperation at the global, regional and "
             "national levels, while respecting human rights and complying "
             "with international law"),
        ],
        "outcomes": [("declaration", "Dushanbe Declaration", "2018-05-04")],
        "contacts": [("Ms. Gerard", "unoct", "gerardl@un.org", "New York")],
        "sources": [("unoct", "2018-05-05", None),
                    ("UNOCT and OSCE", "2022-10-18", None)],
        "related": ["2019-05-dushanbe-terrorism-financing",
                    "2022-10-dushanbe-border-security"],
        "facts": ["Head of the UN Office of Counter-Terrorism participates in "
                  "the High-Level Conference on Countering Terrorism and "
                  "Preventing Violent Extremism in Tajikistan",
                  "the Republic of Tajikistan to submit a Declaration as the "
                  "UN General Assembly document and distribute it to all UN "
                  "Member States",
                  "Rashid Alimov", "Thomas Greminger", "Mubashar Javid Akbar",
                  "Moutlaq bin Mojid Al-Qahtoni", "gerardl@un.org",
                  "New York", "Ms. Gerard"],
        "registry": ["Vladimir Voronkov", "Emomali Rahmon",
                     "Sirodjidin Aslov",
                     "Minister of Foreign Affairs of Tajikistan",
                     "Rashid Alimov", "Thomas Greminger",
                     "Secretary-General of OSCE", "Mubashar Javid Akbar",
                     "Minister of State for External Affairs of the Republic "
                     "of India", "Moutlaq bin Mojid Al-Qahtoni",
                     "Special Envoy of the State of Qatar", "gerardl@un.org",
                     "Shanghai Cooperation Organization",
                     "Commonwealth of Independent States",
                     "United Nations Office of Counter-Terrorism"],
    },
    "2019-05-dushanbe-terrorism-financing": {
        "seed": "000",
        "title": "International and Regional Cooperation on Countering "
                 "Terrorism and its Financing Through Illicit Drug Trafficking "
                 "and Organized Crime",
        "kind": "high-level-conference", "series": "Dushanbe Process",
        "start": "2019-05-16", "end": "2019-05-17",
        "location": {"city": "Dushanbe", "country": "TJ"},
        "organizers": [("TJ", "host"), ("osce", "partner"), ("un", "partner"),
                       ("eu", "partner"), ("unoct", "partner"),
                       ("osce-po-dushanbe", "supporter")],
        "participants": [("KZ", "delegation"), ("KG", "delegation"),
                         ("TM", "delegation"), ("UZ", "delegation"),
                         ("AF", "delegation")],
        "statements": [],
        "outcomes": [("declaration", "Declaration of the conference",
                      "2019-05-17")],
        "sources": [("osce", None,
                     "https://polis.osce.org/index.php/highlevel-conference-"
                     "international-and-regional-cooperation-countering-"
                     "terrorism-and-its-financing"),
                    ("UNOCT and OSCE", "2022-10-18", None)],
        "related": ["2018-05-dushanbe-ct-pve",
                    "2022-10-dushanbe-border-security"],
        "facts": ["illicit drug trafficking continue to pose one of the major "
                  "threats to international peace and security and undermine "
                  "sustainable development, human rights and the rule of law",
                  "all States to promote and strengthen international "
                  "co-operation in accordance with all their obligations "
                  "under international law",
                  "illicit trade in natural resources, cultural artefacts, "
                  "weapons and trafficking in human beings",
                  "High-Level Conference on “International and Regional "
                  "Cooperation on Countering Terrorism and its Financing "
                  "Through Illicit Drug Trafficking and Organized Crime\""],
        "registry": ["OSCE Programme Office in Dushanbe"],
    },
    "2022-10-dushanbe-border-security": {
        "seed": "001",
        "title": "International and Regional Border Security and Management "
                 "Cooperation to Counter Terrorism and Prevent the Movement of "
                 "Terrorists",
        "kind": "high-level-conference", "series": "Dushanbe Process",
        "start": "2022-10-18", "end": "2022-10-19",
        "location": {"city": "Dushanbe", "country": "TJ"},
        "organizers": [("TJ", "host"), ("TJ", "co-organizer"),
                       ("unoct", "co-organizer"), ("unrcca", "co-organizer"),
                       ("osce", "co-organizer"), ("eu", "co-organizer"),
                       ("QA", "supporter"), ("SA", "supporter")],
        "named": {("TJ", "speaker"): ["rahmon"],
                  ("un", "speaker"): ["guterres"],
                  ("osce", "speaker"): ["schmid"],
                  ("eu", "speaker"): ["borrell"],
                  ("unoct", "speaker"): ["voronkov"]},
        "participants": [("TJ", "speaker"), ("un", "speaker"),
                         ("osce", "speaker"), ("eu", "speaker"),
                         ("unoct", "speaker")],
        "attendance": {"participants": "700", "qualifier": "over"},
        "statements": [
            ("Emomali Rahmon", None,
             "taking into account the complex situation in the region, the "
             "Government of Tajikistan pays special attention to the "
             "continuous strengthening of the state border protection and "
             "takes necessary measures to prevent the movement of terrorist "
             "fighters, drug and arms trafficking and other transnational "
             "organized crimes"),
            ("António Guterres", "video message",
             "And they require us to collectively look deeper to fully "
             "recognize and tackle the root causes and grievances that "
             "provide fertile ground for radicalisation. The United Nations "
             "is committed to working hand in hand with you on this vital "
             "undertaking"),
            ("Helga Maria Schmid", "video message",
             "In recent years, cross-border and other security threats have "
             "become increasingly more complex, and challenges multiply at a "
             "dizzying pace. No state can tackle threats like transnational "
             "organized crime, trafficking in human beings, terrorism or "
             "drug-trafficking alone. Greater co-operation both at regional "
             "and international levels is imperative"),
            ("Josep Borrell Fontelles", None,
             "Comprehensive and integrated border management is important to "
             "prevent and counter the threat of terrorism. To fight "
             "terrorism, a strong multilateral framework – with the United "
             "Nations at its core – remains essential. As a co-chair of the "
             "Global Counter Terrorism Forum, the EU will share its "
             "experience and approach, fully compliant with human rights "
             "law, humanitarian law, and refugee law"),
            ("Vladimir Voronkov", None,
             "Countering and preventing terrorism is a complex task, but we "
             "can succeed if we work together. This Conference will help us "
             "to reflect on existing challenges, identify solutions, and "
             "chart a way forward to strengthen our cooperation to counter "
             "terrorism and prevent the cross-border movement of terrorists"),
        ],
        "sources": [("UNOCT and OSCE", "2022-10-18", None),
                    (None, None, "http://www.dushanbectprocess.org")],
        "related": ["2018-05-dushanbe-ct-pve",
                    "2019-05-dushanbe-terrorism-financing"],
        "facts": ["by their very nature", "www.dushanbectprocess.org",
                  "http://www.dushanbectprocess.org",
                  "Government of the Republic of Tajikistan",
                  "the State of Qatar", "the Kingdom of Saudi Arabia"],
        "registry": ["Emomali Rahmon", "President of the Republic of "
                     "Tajikistan", "António Guterres",
                     "Secretary-General of the United Nations",
                     "Helga Maria Schmid", "OSCE Secretary General",
                     "Josep Borrell Fontelles", "Voronkov",
                     "United Nations Office of Counter-Terrorism",
                     "United Nations Regional Centre for Preventive Diplomacy "
                     "for Central Asia", "Global Counter Terrorism Forum",
                     "European Union",
                     "Organization for Security and Co-operation in Europe"],
    },
}
