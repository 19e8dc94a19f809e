"""Capitalised words that are not names of persons, and the titles before a name.

Written by hand from general knowledge, not copied. Sources: the public bodies, schemes
and IT systems of Danish employment and social work (Beskæftigelsesministeriet and STAR's
descriptions of the mentor scheme, borger.dk), shops, firms and apps named in everyday
Danish speech, and the nationalities, languages and religions of Danmarks Statistik's
"Indvandrere i Danmark".
"""

from __future__ import annotations

# Source: Danish public bodies, schemes, unions, education, firms and apps (see above).
ORGANISATIONS: frozenset[str] = frozenset(
    """
    Jobcenter Jobcentret Jobcentre Jobcentrene Jobnet Jobindex Ofir StepStone Momentum
    Workbase Fasit Sensum KMD Netcompany Systematic Aula MitID NemID e-Boks Borger.dk
    STAR NAV KL LBR RAR UU FGU VUC AMU EUD EUX SOSU Sosu HF STX HHX HTX KVU DTU KU AU SDU
    AAU RUC CBS ITU UCN UCL VIA KEA Erhvervsakademi Professionshøjskole Sprogcenter
    Sprogcentret Lærdansk Clavis Studieskolen Produktionsskolen Ungdomsskolen Folkeskolen
    Folketinget Christiansborg Ankestyrelsen Udlændingestyrelsen Udlændingeservice
    Socialstyrelsen Arbejdstilsynet Kriminalforsorgen Familieretshuset Borgerservice
    Ydelseskontoret Udbetaling Skat SKAT Rigshospitalet Skejby Psykiatrien Regionspsykiatrien
    Sundhedsplatformen Sundhed.dk Falck Røde Kors Mødrehjælpen Kirkens Korshær Frelsens Hær
    Flygtningehjælp DRC Venligboerne Ældre Sagen Red Barnet Mino Foreningen Nydansker
    LO FH FOA HK 3F Krifa ASE Metal DI DA Dansk Arbejdsgiverforening Ingeniørforeningen
    Netto Føtex Bilka Coop Brugsen SuperBrugsen Kvickly Rema Lidl Aldi Meny Irma Salling
    Matas Normal Ikea IKEA Jysk Elgiganten Power Silvan Bauhaus Stark XL-Byg Carlsberg
    Arla Danish Crown Tulip Lego LEGO Vestas Grundfos Danfoss Novo Nordisk Mærsk Maersk
    DSB PostNord GLS DAO ISS Securitas Compass Dansk Supermarked 7-Eleven McDonald's
    Burger King Sunset Boulevard Jensens Bøfhus Kiwi Fakta Lagkagehuset Joe Juice
    Microsoft Google Facebook Messenger WhatsApp Teams Zoom Skype Outlook Excel Word
    PowerPoint LinkedIn Instagram TikTok Snapchat YouTube Netflix iPhone Android iPad
    Signal Telegram Viber Gmail Hotmail Windows Mac Apple Samsung Huawei Uber Wolt
    Rejsekort Rejsekortet Movia Midttrafik Arriva Flixbus Nordisk Danske Bank Nordea
    Jyske Sydbank Lunar MobilePay Dankort Visa Mastercard Ungdomsbolig Boligselskab
    Danmarks Statistik Beskæftigelsesministeriet Mentorordningen Mentorordning LAB
    Group Holding Company Care Service Services Solutions Partners Consult Center Centre
    Translate Online App Store Play Pay Office Drive Maps Sheets Docs Forms Chat GPT
    """.split()
)

# Source: nationalities, peoples, languages, religions and feasts (see above).
PEOPLES_AND_LANGUAGES: frozenset[str] = frozenset(
    """
    Dansk Danske Dansker Danskere Nydansk Nydansker Nydanskere Etnisk Arabisk Araber
    Arabere Somalisk Somali Somalier Somaliere Tyrkisk Tyrker Tyrkere Kurdisk Kurder
    Kurdere Kurmanji Sorani Syrisk Syrer Syrere Irakisk Iraker Irakere Iransk Iraner
    Iranere Persisk Farsi Dari Pashto Pashtu Afghansk Afghaner Afghanere Eritreansk
    Eritreer Eritreere Tigrinya Tigrinja Amharisk Etiopier Etiopiere Oromo Vietnamesisk
    Vietnameser Vietnamesere Polsk Polak Polakker Ukrainsk Ukrainer Ukrainere Russisk
    Russer Russere Rumænsk Rumæner Rumænere Litauisk Litauer Litauere Bosnisk Bosnier
    Bosniere Serbisk Kroatisk Albansk Albaner Albanere Pakistansk Pakistaner Pakistanere
    Urdu Punjabi Hindi Tamil Tamilsk Tamiler Tamilere Bengali Thai Thailandsk Filippinsk
    Tagalog Kinesisk Kineser Kinesere Palæstinensisk Palæstinenser Palæstinensere
    Libanesisk Libaneser Libanesere Marokkansk Marokkaner Marokkanere Egyptisk Sudanesisk
    Tysk Tysker Tyskere Svensk Svensker Svenskere Norsk Nordmand Nordmænd Engelsk Englænder
    Britisk Amerikansk Amerikaner Fransk Spansk Italiensk Græsk Europæisk Afrikansk
    Asiatisk Muslim Muslimer Muslimsk Islam Islamisk Kristen Kristne Kristendom Jøde Jøder
    Jødisk Hindu Buddhist Buddhistisk Sunni Shia Koranen Bibelen Allah Gud Jesus Profeten
    Ramadan Ramadanen Eid Bajram Id Jul Julen Påske Påsken Pinse Nytår Nytåret Newroz
    Nowruz Dari-talende Arabisktalende Grønlandsk Grønlænder Grønlændere Færøsk Jysk Fynsk
    Sjællandsk Bornholmsk Københavnsk Københavner Københavnere Aarhusiansk Aarhusianer
    """.split()
)

# Source: speaker labels, fillers, abbreviations and loanwords in Danish interviews.
TRANSCRIPT_WORDS: frozenset[str] = frozenset(
    """
    I IP Int Interviewer Interviewperson Respondent JK R Mm Mmm Mhm Hm Hmm Hmmm Øh Øhm
    Øhh Æh Æhm Ehm Eh Ehh Nå Nåh Nårh Ah Aha Arh Ahh Ja Jah Jaer Jamen Nej Næh Neej Nææ
    Okay Okey Ok OK Oki Haha Hahaha Hehe Puha Pyha Uha Wow Yes Nope Fx Bl.a Ift Ifm Mht
    Pga Osv Etc Inkl Ca Evt Dvs Jf Nb NB Ps PS Vs Ca. De Dem Deres Du Dig Din Sms Mms
    Cv Pc Tv Tlf Mail Email E-mail Wifi Sosu Ok-ok Corona Coronaen Covid Coronakrisen
    Headspace Mindfulness Coaching Coach Team Teamet Job Jobbet Online Offline
    Anyway Basically Whatever Nice Sorry Yeah Yep Nah Oh Oops Please Thanks Sure Well
    Like Right Exactly Totally Really Seriously Hello Hi Bye Fine Cool Nåmen Nåja Wauw
    Ikk Ik Ikke-ikke Jaja Neje Mmh Hov Ups Øv Suk Tjah Tja Nææh Jep Nix Bum Pyt Hallo
    """.split()
)

# Source: Danish (and a few foreign) titles of address before a person's name.
TITLES: frozenset[str] = frozenset(
    """
    fru frue hr herr frk frøken dr doktor professor prof pastor mr mrs ms miss sir madame
    monsieur
    """.split()
)
