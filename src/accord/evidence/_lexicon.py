"""The vocabulary the rules rest on: reporting verbs, roles, honorifics, media, stop words.

Reporting verbs ("cues") follow the attribution-cue classes of the PARC corpus (Pareti 2016,
*PARC 3.0: A corpus of attribution relations*, LREC): verbs of saying and writing, plus the
verbs that report a stance on what was said ("warned", "insisted", "described ... as").
Verbs of pure cognition ("believe", "fear") are left out: they report what someone thinks,
not what they said. Each verb is listed once by its base form; the inflected forms are
generated, with the irregular ones spelled out.

Everything here is lower-case unless it names something (outlets, months).
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The set of the whitespace-separated words of ``text``."""
    return frozenset(text.split())


__all__ = [
    "ABBREVIATIONS",
    "ADDRESSING_WORDS",
    "ADJUNCT_OPENERS",
    "ADJUNCT_PHRASE_ENDS",
    "ADJUNCT_STARTS",
    "AFFILIATION_LINKS",
    "ANONYMITY_PARTICIPLES",
    "APPOSITION_LEADING_WORDS",
    "APPROXIMATE_QUALIFIERS",
    "ARTICLES",
    "AUXILIARIES",
    "BARE_CLAUSE_VERBS",
    "BEFORE_WEEKDAY",
    "CHANNEL_ADJECTIVES",
    "CLAUSE_ADVERBS",
    "CLAUSE_OPENERS",
    "CLAUSE_STARTS",
    "CLAUSE_VERBS",
    "COMPLEMENT_LINKS",
    "CUE_FORMS",
    "CURRENCY_SIGNS",
    "CURRENCY_WORDS",
    "DAY_PARTS",
    "DEMONYMS",
    "FEMALE_WORDS",
    "FORMS_OF_BE",
    "FUNCTION_WORDS",
    "HIGH_QUALIFIERS",
    "HONORIFICS",
    "INVERTIBLE_VERBS",
    "IRREGULAR_PASTS",
    "LOWER_CASE_MEDIA",
    "LOW_QUALIFIERS",
    "MALE_WORDS",
    "MEDIA_NOUNS",
    "MEDIA_WORDS",
    "MONTHS",
    "NAME_DETERMINERS",
    "NAMING_VERBS",
    "NAMING_WORDS",
    "NOMINAL_LINKS",
    "NON_PERSON_FIRST",
    "NON_PERSON_WORDS",
    "NOT_CLAUSE_STARTS",
    "NOT_SUBJECT_AFTER",
    "NUMBERED_NOUNS",
    "NUMBER_DETERMINERS",
    "NUMBER_WORDS",
    "ORGANISATION_LINKS",
    "ORGANISATION_NOUNS",
    "OUTLETS",
    "PARTICLES",
    "PAST_PARTICIPLES",
    "PERSON_NOUNS",
    "PHRASAL_CUES",
    "PLACE_LINKS",
    "PLACE_WORDS",
    "POSSESSIVE_PRONOUNS",
    "POSTMODIFIER_LINKS",
    "POSTMODIFIER_STARTS",
    "POSTMODIFYING_ADJECTIVES",
    "PROGRAMME_NOUNS",
    "PRONOUNS",
    "PUBLISHING_WORDS",
    "QUANTIFIERS",
    "QUOTING_VERBS",
    "RANKS",
    "ROLE_DETERMINERS",
    "ROLE_HEADS",
    "ROLE_LINKS",
    "ROLE_MODIFIERS",
    "SCALES",
    "SENTENCE_WORDS",
    "SKIPPABLE",
    "SPEAKER_DETERMINERS",
    "SPEAKER_NOUNS",
    "STRONG_CUES",
    "TENS",
    "TIME_PHRASE_OPENERS",
    "TIME_UNITS",
    "UNIT_STOP_WORDS",
    "VAGUE_QUANTITIES",
    "WEEKDAYS",
    "WORK_NOUNS",
    "cue_lemma",
    "words",
]

# --------------------------------------------------------------------------------------------
# Reporting verbs

_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "write": ("write", "writes", "wrote", "writing", "written"),
    "speak": ("speak", "speaks", "spoke", "speaking", "spoken"),
    "go on": ("went on", "goes on", "going on"),
}

#: Verbs that introduce a direct quote or report speech.
_SPEECH = """
say tell add state write post tweet note warn explain argue insist claim declare announce
stress emphasize emphasise ask reply respond answer remark continue conclude acknowledge admit
concede suggest complain urge vow pledge promise predict recall joke quip counter caution
observe reiterate repeat confirm deny describe call label term dismiss criticize criticise
praise agree hint indicate signal mention underscore underline boast lament charge allege
maintain contend assert affirm proclaim exclaim shout testify comment wonder demand threaten
assure reassure inform accuse blame question estimate speak scoff retort muse sigh plead
brief announce chant yell scream whisper mutter read recount
"""

#: Verbs that report speech as a clause ("X said that ..."): the indirect-speech cues.
_CLAUSE = """
say tell add state write note warn explain argue insist claim declare announce stress
emphasize emphasise suggest acknowledge admit concede complain predict recall confirm deny
indicate signal maintain contend assert affirm allege charge estimate reiterate assure
reassure observe counter reply respond answer testify tweet post inform caution agree
"""

#: Verbs that may follow the quote with the speaker after them: ``"...," said Peskov``.
_INVERTIBLE = """
say add write ask continue explain note reply respond warn insist argue recall declare tweet
post state conclude answer remark observe counter retort quip joke chant shout read
"""


#: Phrasal verbs of saying, by the form of the verb: the particle that must follow it and the
#: lemma ("Wendt *shot back*", "Lindqvist *pointed out*", "*went on*").
PHRASAL_CUES: dict[str, tuple[str, str]] = {
    form: (particle, f"{verb} {particle}")
    for verb, particle, verb_forms in (
        ("point", "out", "point points pointed pointing"),
        ("shoot", "back", "shoot shoots shot shooting"),
        ("fire", "back", "fire fires fired firing"),
        ("hit", "back", "hit hits hitting"),
        ("snap", "back", "snapped"),
        ("chime", "in", "chime chimes chimed chiming"),
        ("weigh", "in", "weighed"),
        ("go", "on", "went goes"),
        ("spell", "out", "spelled spelt"),
        ("sum", "up", "summed"),
        ("cut", "in", "cut"),
    )
    for form in verb_forms.split()
}


def _forms(lemma: str) -> tuple[str, ...]:
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    if lemma.endswith("e"):
        past, ing = lemma + "d", lemma[:-1] + "ing"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        past, ing = lemma[:-1] + "ied", lemma + "ing"
    elif lemma in {"admit", "quip", "plan", "stop"}:
        past, ing = lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"
    else:
        past, ing = lemma + "ed", lemma + "ing"
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    return (lemma, third, past, ing)


def _table(words: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for lemma in words.split():
        for form in _forms(lemma):
            table.setdefault(form, lemma)
    return table


#: Every inflected form of a reporting verb -> its base form.
CUE_FORMS: dict[str, str] = _table(_SPEECH)
CLAUSE_VERBS: frozenset[str] = frozenset(_CLAUSE.split()) | {"point out", "go on"}
INVERTIBLE_VERBS: frozenset[str] = frozenset(_INVERTIBLE.split())


def cue_lemma(word: str) -> str | None:
    """The base form of a reporting verb, or None: ``"warned"`` -> ``"warn"``."""
    return CUE_FORMS.get(word.lower())


# --------------------------------------------------------------------------------------------
# People, roles and organisations

#: Titles before a name, with or without a full stop.
HONORIFICS = words(
    """
    mr mrs ms miss dr prof sir dame lord lady gen lt col maj capt sgt adm sen rep gov rev
    president premier chancellor minister king queen prince princess pope sheikh emir ayatollah
    general major colonel captain lieutenant sergeant admiral marshal brigadier
    """
)
#: Titles and role words that state a gender (pronouns do not: "*his* deputy" is hers).
FEMALE_WORDS = words(
    "mrs ms miss dame lady queen princess spokeswoman chairwoman congresswoman businesswoman"
)
MALE_WORDS = words("mr sir lord king prince spokesman chairman congressman businessman")

#: Words that end a role ("Foreign *Minister*", "Kremlin *spokesman*").
ROLE_HEADS = words(
    """
    president vice-president minister secretary secretary-general chancellor premier ambassador
    envoy spokesman spokeswoman spokesperson adviser advisor general commander chief director
    senator governor mayor king queen prince princess pope chairman chairwoman chair leader
    speaker representative deputy head official aide negotiator marshal admiral colonel captain
    lieutenant sergeant officer diplomat lawmaker congressman congresswoman mp analyst expert
    professor researcher economist correspondent reporter journalist editor founder ceo
    executive counsel attorney prosecutor judge sheikh emir monarch ayatollah patriarch cardinal
    bishop ombudsman commissioner delegate mediator coordinator rapporteur mogul strategist
    organiser organizer activist campaigner commentator lawyer member scholar historian
    consultant observer monitor inspector investigator chairperson counterpart predecessor
    successor justice
    adviser-general governor-general attorney-general press-secretary
    """
) | words(
    # Positions and occupations of people quoted in the news, by field. Occupational words
    # that are also common surnames (Baker, Carter, Cook, Mason, Porter, Smith) are left out,
    # and so is "dean", a first name.
    """
    councillor councilor alderman assemblyman assemblywoman assemblymember legislator
    parliamentarian mep peer whip candidate nominee incumbent challenger contender frontrunner
    consul emissary attache facilitator arbitrator regulator auditor administrator supervisor
    superintendent sheriff registrar treasurer comptroller controller superior prefect
    magistrate solicitor barrister advocate defendant plaintiff claimant juror coroner
    author co-author scientist physicist chemist biologist epidemiologist virologist
    climatologist glaciologist oceanographer meteorologist geologist sociologist psychologist
    demographer statistician lecturer rector provost academic
    anchor presenter host columnist broadcaster publisher photographer blogger
    surgeon physician paediatrician pediatrician pharmacist midwife paramedic
    imam rabbi priest pastor archbishop cleric vicar mufti
    manager partner investor shareholder banker broker accountant lobbyist entrepreneur
    chairperson boss owner operator engineer architect planner
    coach referee umpire skipper athlete sprinter runner cyclist swimmer boxer golfer skier
    striker midfielder defender goalkeeper player medallist medalist jockey trainer
    veteran corporal
    """
)

#: Words that may stand inside a role before its head ("*Deputy Foreign* Minister").
ROLE_MODIFIERS = words(
    """
    foreign defence defense interior finance prime deputy vice first chief senior former acting
    interim special national security state general press presidential military top lead
    principal assistant executive permanent high affairs of for the to and justice economy
    economic trade energy health education agriculture culture transport environment home
    intelligence staff army naval navy air force forces armed joint parliamentary opposition
    majority minority party house senate regional local federal central supreme united nations
    european commission council union government's country's ministry's kremlin's white house's
    department's
    government ministry department agency bank company club team league federation association
    police court party campaign study research medical scientific legal technical policy
    communications media human rights humanitarian aid relief development climate water
    finance-ministry co managing operating
    """
)

#: Heads of noun phrases that can speak: "a Kremlin *spokesman*", "*officials*".
SPEAKER_NOUNS = words(
    """
    official officials spokesman spokeswoman spokesperson minister ministry government president
    diplomat diplomats source sources analyst analysts expert experts lawmaker lawmakers senator
    senators aide aides adviser advisers advisor advisors commander commanders military army
    police embassy office agency committee council commission administration department envoy
    negotiator negotiators delegation leader leaders residents resident witnesses witness
    observers critics officer officers statement kremlin presidency cabinet parliament
    prosecutor prosecutors spokespeople representative representatives chief chiefs general
    generals secretary mediators mediator team staff organisation organization organisations
    organizations group groups force forces union unions alliance bloc coalition party parties
    movement authorities authority service company firm spokespersons ministries governments
    delegations delegates campaigners activists protesters negotiating officer monitors
    inspectors investigators navy readout communique document memo
    militia militias rebels insurgents militants fighters fighter troops soldier soldiers
    villager villagers farmer farmers worker workers doctor doctors medic medics nurse nurses
    teacher teachers student students parents voter voters refugee refugees survivor survivors
    families relatives locals people citizens civilians volunteer volunteers demonstrators
    miners driver drivers pilot pilots trader traders owner owners employee employees member
    members supporter supporters opponent opponents man men woman women mother father
    neighbour neighbours neighbor neighbors eyewitness eyewitnesses insider insiders person
    ally allies colleague colleagues friend friends mission missions side sides countries
    """
) | frozenset(head + "s" for head in ROLE_HEADS if not head.endswith(("s", "man", "person")))

#: Words that make a capitalised run an organisation or place, not a person.
NON_PERSON_WORDS = words(
    """
    arabia states kingdom union nations republic federation ministry office house department
    council committee agency army forces guard staff bank fund party news times post journal
    street square sea ocean river region oblast province city county island islands peninsula
    mountains hills east west north south europe america africa asia university institute center
    centre foundation association organization organisation court parliament assembly congress
    senate duma rada cabinet government administration command corps brigade battalion division
    fleet airport plant station church channel week day war treaty accord accords agreement plan
    initiative summit conference forum games cup league club company corp inc ltd group media tv
    radio network service prize award act bill law strategy doctrine operation telegram twitter
    facebook youtube instagram kremlin pentagon
    """
)

#: First words of capitalised runs that are places or organisations.
NON_PERSON_FIRST = words(
    """
    new saint san los las santa st mount lake port fort north south east west upper lower great
    united middle central northern southern eastern western gulf european the
    """
)

#: Nationality adjectives -> the country (used to link roles and nominal speakers to actors).
DEMONYMS: dict[str, str] = {
    "american": "United States",
    "afghan": "Afghanistan",
    "armenian": "Armenia",
    "australian": "Australia",
    "azerbaijani": "Azerbaijan",
    "belarusian": "Belarus",
    "brazilian": "Brazil",
    "british": "United Kingdom",
    "canadian": "Canada",
    "chinese": "China",
    "danish": "Denmark",
    "dutch": "Netherlands",
    "egyptian": "Egypt",
    "emirati": "United Arab Emirates",
    "estonian": "Estonia",
    "european": "European Union",
    "finnish": "Finland",
    "french": "France",
    "georgian": "Georgia",
    "german": "Germany",
    "greek": "Greece",
    "hungarian": "Hungary",
    "indian": "India",
    "iranian": "Iran",
    "iraqi": "Iraq",
    "irish": "Ireland",
    "israeli": "Israel",
    "italian": "Italy",
    "japanese": "Japan",
    "kazakh": "Kazakhstan",
    "korean": "Korea",
    "latvian": "Latvia",
    "lebanese": "Lebanon",
    "lithuanian": "Lithuania",
    "mexican": "Mexico",
    "moldovan": "Moldova",
    "norwegian": "Norway",
    "pakistani": "Pakistan",
    "palestinian": "Palestine",
    "polish": "Poland",
    "qatari": "Qatar",
    "romanian": "Romania",
    "russian": "Russia",
    "saudi": "Saudi Arabia",
    "slovak": "Slovakia",
    "spanish": "Spain",
    "swedish": "Sweden",
    "swiss": "Switzerland",
    "syrian": "Syria",
    "turkish": "Turkey",
    "ukrainian": "Ukraine",
    "venezuelan": "Venezuela",
    "yemeni": "Yemen",
}

#: Name particles that may stand lower-case inside a name ("Ursula von der Leyen").
PARTICLES = words("de del della der di da dos du van von bin ibn al el la le ter ten")

# --------------------------------------------------------------------------------------------
# Media

#: Outlets and platforms, recognised after "told" and "on" even when not capitalised oddly.
OUTLETS = words(
    """
    CNN BBC ABC NBC CBS MSNBC CNBC NPR PBS ITV LBC AFP AP Reuters Bloomberg Axios Politico TASS
    RT Interfax Ukrinform Telegram X Twitter Facebook Instagram YouTube TikTok VKontakte
    Euronews DW Fox
    """
)
#: Generic channels: "in a *statement*", "at a *press conference*".
MEDIA_NOUNS = words(
    """
    statement interview post video address speech op-ed letter message broadcast briefing
    remarks conference press-conference news-conference podcast tweet posting column appearance
    telecast readout
    """
)

# --------------------------------------------------------------------------------------------
# Words and dates

MONTHS: dict[str, int] = {
    name: k + 1
    for k, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
WEEKDAYS: dict[str, int] = {
    name: k
    for k, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}

#: Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = words(
    """
    mr mrs ms dr prof gen lt col maj capt sgt adm sen rep gov rev st jr sr mt no jan feb mar apr
    jun jul aug sep sept oct nov dec inc ltd corp co vs etc approx pres amb gov fig
    """
)

#: Words between a subject and its verb that do not change who speaks: "Peskov *also* said".
SKIPPABLE = words(
    """
    has have had was is were are also later then previously earlier reportedly repeatedly again
    further once already recently publicly privately separately explicitly simply just even
    still would will could did does do not never has't hasn't had't always often initially first
    finally subsequently himself herself themselves itself yet now too however though meanwhile
    shortly may might must should can
    long ever seldom twice soon since
    """
)

#: Function words: never names, never the last word of a line that is a heading.
FUNCTION_WORDS = words(
    """
    a an the of to in on at by for from with without about as into onto over under after before
    during since until between among against through and or but nor so yet that which who whom
    whose this these those his her its their our your my there here is are was were be been
    being has have had will would shall should can could may might must do does did not no than
    then if whether while when where because although though near toward towards across along
    around behind beyond within upon via per amid despite
    """
)

#: Capitalised words that open sentences and are not names.
SENTENCE_WORDS = FUNCTION_WORDS | words(
    """
    he she it they we i you him them us me however meanwhile despite after before when while
    although but and also yet still asked speaking according in on at for with this that these
    those there here some many most several all both each every no none one two three four five
    six seven eight nine ten other another such what why how who if as once since instead indeed
    moreover furthermore nonetheless nevertheless later earlier then now today yesterday
    tomorrow last next critics officials observers analysts experts residents witnesses sources
    watch more related sources read click subscribe follow sign share afterwards afterward
    overnight elsewhere separately similarly likewise ultimately initially finally previously
    currently recently therefore thus hence otherwise besides tonight notably crucially
    importantly specifically privately publicly again already even only just so thereafter
    """
)

#: Words right before a quote that make it a name, not speech: 'a plan *called* "X"'.
NAMING_WORDS = words(
    """
    so-called called dubbed named titled entitled nicknamed known headlined codenamed
    """
)

# --------------------------------------------------------------------------------------------
# Cues and their speakers (accord.evidence._cues)

#: Reporting verbs that are cues in every form (others only in the past or next to a quotation).
STRONG_CUES = words(
    """
    say tell write tweet warn explain argue insist declare announce stress emphasize emphasise
    acknowledge admit concede suggest complain urge vow pledge predict recall reiterate confirm
    deny describe assert affirm exclaim testify remark reply respond ask quip caution contend
    allege retort
    """
)
#: Irregular past forms of reporting verbs.
IRREGULAR_PASTS = words("said told wrote spoke went")
#: Words that open a time or channel phrase between commas: "Zelensky, *in* a video, said".
ADJUNCT_OPENERS = words(
    """
    in on at during after before while speaking asked in an interview amid despite
    """
)
#: Words that open a sentence before its subject, skipped when looking for the subject.
CLAUSE_OPENERS = words(
    """
    in on at after before despite while when although as speaking asked earlier later meanwhile
    however but and yet still also separately previously instead
    """
)
#: Irregular participles that open a participle clause: "a letter *seen* by Reuters".
PAST_PARTICIPLES = words("seen written given shown known drawn taken sent made held")
#: Words that open what follows an inverted nominal speaker: "said one official *involved*".
POSTMODIFIER_STARTS = words("familiar close involved who with from at in of")
#: The articles.
ARTICLES = words("a an the")
#: Prepositions of a nominal subject's complement: "The office *of* ...".
COMPLEMENT_LINKS = words("of for at in with from")
#: Participles after an unnamed speaker that say why the name is withheld, not who speaks.
ANONYMITY_PARTICIPLES = words("speaking talking requesting asking declining")
#: The forms of *be* (a passive verb of saying: "was described by").
FORMS_OF_BE = words("is are was were been being be")
#: Determiners dropped from the front of a role.
ROLE_DETERMINERS = words("a an the his her its their")
#: Prepositions after a nominal subject before an apposed name: "The head *of* the agency, X,".
NOMINAL_LINKS = words("of for to at in")
#: Auxiliaries: a verb of saying after one of these is no post-modifier of a speaker.
AUXILIARIES = words("has had have was were is are will would could can may might")
#: Prepositions after which a phrase is an object, never the subject.
NOT_SUBJECT_AFTER = words("from with to of for by about on in at into than")

# --------------------------------------------------------------------------------------------
# Reported speech (accord.evidence._indirect)

#: Words that open a reported clause without "that": "X said *the* talks ...".
CLAUSE_STARTS = words("the a an his her its their this these those there it he she they we i")
#: Verbs that report a clause without "that": "X said the talks had failed".
BARE_CLAUSE_VERBS = words(
    """
    say tell add warn insist claim argue predict confirm admit estimate believe
    """
)
#: Words that do not open a reported clause after a verb of saying.
NOT_CLAUSE_STARTS = FUNCTION_WORDS - CLAUSE_STARTS | words(
    """
    nothing goodbye so yes no hello something anything
    """
)
#: Words that end a time or channel phrase: function words other than determiners, pronouns.
ADJUNCT_PHRASE_ENDS = FUNCTION_WORDS - words("a an the his her their its on") | words(
    "it he she they we i you"
)
#: Parts of a day after a weekday: "on Monday *evening*".
DAY_PARTS = words("morning afternoon evening night")
#: Adverbs between a verb of saying and its clause.
CLAUSE_ADVERBS = words(
    "yesterday today tonight again also repeatedly however though nevertheless instead too"
)
#: Words after a comma that open a writer's comment, cut from a reported clause.
ADJUNCT_STARTS = words("amid despite while whereas which who as after before following citing")

# --------------------------------------------------------------------------------------------
# Media (accord.evidence._media)

#: Words that make a capitalised name an outlet: "Anadolu *Agency*", "Kyiv *Post*".
MEDIA_WORDS = words(
    """
    news tv television radio times post journal channel network broadcasting press gazette
    herald telegraph tribune daily weekly magazine agency
    """
)
#: Words before "on OUTLET" that make it the medium anywhere in the clause: "posted a video
#: on Telegram", "in a message posted on Telegram".
PUBLISHING_WORDS = MEDIA_NOUNS | words("posted published released broadcast shared aired uploaded")
#: Nouns before a quoted programme title: 'the *programme* "Meet the Press"'.
PROGRAMME_NOUNS = words("programme program show podcast newspaper magazine broadcast")
#: Words before "to"/"with" an outlet: "*speaking* to state television".
ADDRESSING_WORDS = words("speaking talking spoke talked remarks comments interview")
#: Channels written in lower case.
LOWER_CASE_MEDIA = (
    "state television",
    "state TV",
    "state media",
    "state radio",
    "national television",
    "national TV",
    "public television",
    "public radio",
    "local television",
    "local media",
    "social media",
    "television",
    "radio",
)
#: Adjectives inside a generic channel: "in a *televised* address".
CHANNEL_ADJECTIVES = words(
    """
    video televised nightly evening daily written joint brief short lengthy exclusive recorded
    radio tv television press news weekly social media phone telephone
    """
)

# --------------------------------------------------------------------------------------------
# Speaker phrases (accord.evidence._names)

#: Pronoun -> what it can refer to: a man, a woman, a group, an organisation.
PRONOUNS = {"he": "m", "she": "f", "they": "pl", "it": "n"}
#: Determiners that open a nominal speaker.
SPEAKER_DETERMINERS = words("a an the some two three several many his her its their one")
#: Prepositions inside a role: "special envoy *to* the president".
ROLE_LINKS = words("to of for at")
#: Quantifiers of a partitive speaker: "*one* of the officials".
QUANTIFIERS = words("one two three four some several many most another each either neither")
#: Links inside an organisation's name: "Ministry *of* Foreign Affairs".
ORGANISATION_LINKS = words("of for and on the to")
#: Prepositions between a speaker noun and its complement: "Residents *in* Kherson".
PLACE_LINKS = words("in of for to with from at near outside inside across around")
#: Organisation words that also end the names of places ("Red Sea"), not of organisations.
PLACE_WORDS = words(
    """
    arabia states kingdom republic federation street square sea ocean river region oblast
    province city county island islands peninsula mountains hills east west north south
    europe america africa asia
    """
)
#: Adjectives that open a post-modifier of a speaker: "two people *familiar* with the talks".
POSTMODIFYING_ADJECTIVES = words("familiar close loyal opposed privy")
#: Military ranks: part of the form of address, not the role.
RANKS = words("general colonel admiral captain lieutenant major sergeant marshal commander")

# --------------------------------------------------------------------------------------------
# Unnamed speakers (accord.evidence._nominals)

#: Heads of unnamed speakers that are one person (besides the role words).
PERSON_NOUNS = words(
    """
    source person man woman resident witness doctor nurse teacher student farmer worker
    driver pilot villager refugee survivor volunteer mother father neighbour neighbor
    eyewitness insider ally colleague friend employee owner supporter opponent
    """
)
ORGANISATION_NOUNS = words(
    """
    organisation organization group agency ministry company committee alliance bloc body union
    council commission office government administration movement party embassy
    firm carmaker automaker chipmaker drugmaker lender bank insurer retailer airline carrier
    broadcaster regulator watchdog manufacturer conglomerate operator federation association
    statement readout communique communiqué
    """
)
#: Words that end the head of a nominal speaker: "a person *familiar* with".
POSTMODIFIER_LINKS = words("of for in with at from to on near who familiar close")

# --------------------------------------------------------------------------------------------
# Numbers (accord.evidence._numbers)

#: Number words below twenty.
NUMBER_WORDS = {
    w: k
    for k, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
#: Tens as words.
TENS = {
    w: 10 * (k + 2)
    for k, w in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    )
}
#: Scale words and abbreviations: "1.2 *million*", "$3*bn*".
SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "bn": 1_000_000_000,
    "mn": 1_000_000,
    "m": 1_000_000,
    "k": 1_000,
    "tn": 1_000_000_000_000,
}
#: Vague quantities -> the smallest number they can mean: "*thousands* of".
VAGUE_QUANTITIES = {
    "dozens": 24,
    "hundreds": 200,
    "thousands": 2_000,
    "millions": 2_000_000,
    "billions": 2_000_000_000,
}
#: Qualifiers that give a low bound.
LOW_QUALIFIERS = (
    "more than",
    "at least",
    "upwards of",
    "in excess of",
    "no fewer than",
    "no less than",
    "just over",
    "well over",
    "over",
    "above",
)
#: Qualifiers that give a high bound.
HIGH_QUALIFIERS = (
    "less than",
    "fewer than",
    "up to",
    "at most",
    "no more than",
    "as many as",
    "as much as",
    "just under",
    "nearly",
    "almost",
    "under",
    "below",
)
#: Qualifiers of an approximate number (no bound).
APPROXIMATE_QUALIFIERS = (
    "an estimated",
    "approximately",
    "roughly",
    "around",
    "about",
    "some",
    "close to",
    "estimated",
)
#: Currency signs -> ISO codes.
CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "₴": "UAH"}
#: Currency words -> ISO codes.
CURRENCY_WORDS = {
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "rubles": "RUB",
    "roubles": "RUB",
    "hryvnias": "UAH",
    "yuan": "CNY",
}
#: Units of time (given in the plural).
TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade"}
#: Nouns whose number is part of a name: "Article 5".
NUMBERED_NOUNS = words(
    """
    article resolution chapter section flight phase round protocol no number item point
    paragraph annex
    """
)
#: Determiners before a number word that make it no claim: "the two sides".
NUMBER_DETERMINERS = words("the these those its their his her our all both my your")
#: Words that end the unit after a number.
UNIT_STOP_WORDS = FUNCTION_WORDS | words("said says were are was is have has had")

# --------------------------------------------------------------------------------------------
# Quoted names and titles (accord.evidence._quotes)

#: Nouns before a capitalised quotation that make it a title: 'the programme "Meet the Press"'.
WORK_NOUNS = words(
    """
    programme program show series book film movie documentary song album newspaper magazine
    podcast column report article headline slogan motto hashtag operation plan campaign
    initiative doctrine exercise channel station memoir novel essay biography play poem
    """
)
#: Possessive pronouns -> the pronoun that stands for the possessor.
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it"}
#: Verbs that give something a name: with a quotation as their complement, it is a name.
NAMING_VERBS = words("call calls calling dub dubs dubbing nickname nicknames brand brands")
#: Determiners between a verb of naming and the quoted name.
NAME_DETERMINERS = words("the a an its their his her itself themselves himself herself")

# --------------------------------------------------------------------------------------------
# Roles and appositions (accord.evidence._titles)

#: Words at the start of an apposition that are not part of the role.
APPOSITION_LEADING_WORDS = words("and but however meanwhile also")

# --------------------------------------------------------------------------------------------
# Shared by several rules

#: Words that open a time phrase after a verb or speaker: "said *on* Sunday", "*late* Monday".
TIME_PHRASE_OPENERS = words("on in at during late early earlier last")
#: Words right before a weekday that belong to its time phrase: "*late* Monday".
BEFORE_WEEKDAY = words("on late early earlier last")
#: Verbs that introduce the one quoted: "TASS *quoted* Lavrov as saying".
QUOTING_VERBS = words("quoted quotes quoting cited cites citing")
#: Links from a person's name to an affiliation: "Maren Solheim *of* the Socialist Left".
AFFILIATION_LINKS = words("of from at")
