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
    "CLAUSE_VERBS",
    "CUE_FORMS",
    "DEMONYMS",
    "FEMALE_WORDS",
    "FUNCTION_WORDS",
    "HONORIFICS",
    "INVERTIBLE_VERBS",
    "MALE_WORDS",
    "MEDIA_NOUNS",
    "MONTHS",
    "NAMING_WORDS",
    "NON_PERSON_FIRST",
    "NON_PERSON_WORDS",
    "OUTLETS",
    "PARTICLES",
    "PHRASAL_CUES",
    "ROLE_HEADS",
    "ROLE_MODIFIERS",
    "SENTENCE_WORDS",
    "SKIPPABLE",
    "SPEAKER_NOUNS",
    "WEEKDAYS",
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
