"""Text normalisation shared by matching and language detection: fold case and accents (keeping ñ),
drop punctuation, apply the knowledge base's synonym table, and tell content words from stop words."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

# Words naming Mexico itself: stop words, as they are in nearly every phrase (see also matching's abroad_only).
MEXICO_WORDS = frozenset(("mexico", "mexican", "mexicos", "mexicano", "mexicana", "mexicanos", "mexicanas"))
# Words that say nothing about *which* entry is meant. Question words (who, when, cuántos) and the verb
# "do" ("what does the guard do") are kept
# on purpose: they separate "who leads it" from "what is it"; their low weight comes from IDF.
STOP_EN = frozenset(
    """a an the is are was were be been being am does did done doing of to in on at by for from with
    about as into it its it's this that these those there here and or but if then than so too very can
    could would should will shall may might must i me my we our you your he she they them their his her
    us have has had having not no any some such just also please tell know want like get got really
    s t r ve op ed ur hi hello hey thanks thank ok okay heard read saw somewhere
    isn aren wasn weren don doesn didn hasn haven hadn won wouldn couldn shouldn
    isnt arent wasnt werent dont doesnt didnt hasnt havent hadnt wont wouldnt couldnt shouldnt cant""".split()
)
STOP_ES = frozenset(
    """el la los las lo un una unos unas de del al a en y o u e que es son ser fue fueron era eran esta
    este estos estas ese esa esos esas hay por para con sin se su sus le les me mi mis te tu tus nos
    nuestro nuestra mas muy ya si no pero como sobre entre tambien hasta desde durante favor quiero saber
    dime puedes podrias hola gracias oye buenas buenos dias dicen dijeron lei
    escuche vi oi ha han he hemos habia habian haya hayan hubo habra sido ido va van iba sea sean fuera
    fueran siendo yo oiga fijese mire oigan quisiera gustaria nel chale pa eso esto uno""".split()
)
# Everyday words that can appear in a question about anything ("what does the guard still need",
# "¿de dónde saca sus cifras?"). They stay in the text but weigh little: see matching.LIGHT_WEIGHT.
# Words that carry the point of some entry ("other", "new", "first", "now", "part", "people") are not here.
LIGHT_EN = frozenset(
    """actually basically exactly roughly approximately approx aprox whether once besides background piece
    paragraph really still yet already ever never always often even just only
    every each all both either neither own same kind sort type thing things something anything easy simple quick
    everything anyone everyone someone somebody way ways lot lots see seeing seen look looking looks find
    found finding need needs needed make makes made take takes took give gives gave given go goes going
    went gone come comes came say says said keep keeps let put use uses right yes yeah well far
    according regarding apart anyway news lately whole exact specific specifically main
    show shows showed shown mean means meant happen happened happens
    wanted wants wanting try tries tried trying officially finally ultimately eventually generally usually
    mostly mainly largely truly simply clearly especially particularly typically supposedly allegedly
    reportedly apparently initially originally facebook twitter tiktok instagram whatsapp youtube online
    someone somebody post posted coming upcoming viral tweet tweets tweeted meme script uncle aunt cousin
    friend neighbor grandma grandpa quiz homework essay class teacher student tv segment episode podcast
    rite legit radio host anchor columnist column broadcast newscast textbook draft notes chain chat
    fair truth insist insists swear swears telling seem seems editor editing video clip reddit classmate
    lawyer receive receives received receiving play plays played playing batch concrete presentation
    audience wise offer offered pinned dodge tout touts unusual dozen dozens bc school project intern boss
    prepping""".split()
)
LIGHT_ES = frozenset(
    """llego aparte mucho mucha conoce conocen cuento servido tan ademas todavia aun siempre nunca solo cada
    todo toda todos todas mismo misma tipo cosa cosas algo
    alguien nadie forma manera ver visto buscar encontrar necesita necesitan dar dio dan tener tiene
    tienen tenia decir dice dijo segun acuerdo saca sacan pone poner puso pusiera llegar bueno bien pues
    entonces asi aqui ahi claro exactamente realmente basicamente noticias principal principales
    quiso quiere quieren queria querian quisieron querer puede pueden podria pudo pudieron hacer hace hacen
    hizo hicieron haciendo anda andan andaba sigue siguen seguir dicho neta osea wey guey porfa profe
    viral tuit tuits meme tio tia primo prima amigo amiga vecino vecina abuela abuelo nieto nieta tarea
    clase maestro maestra ensayo examen locutor conductor programa noticiero libro borrador apuntes cadena
    facil facilito sencillo resumido hermano hermana cuñado cuñada compañero compañera abogado abogada
    compa compas tengo tienes tengan estoy estamos siento sentimos veo vemos soy somos preparo preparando
    prepa exposicion mañana tarde tardes noche diversos diversas varios varias confundi confundido piensan
    feo fea pura puro finta recibido recibio recibieron recibir recibe reciben pos alli alla alcanzar
    alcanza alcanzo usar usan usen ando andas andamos ande anden""".split()
)

# Question words are kept as tokens, but a query made only of them (and stop words) asks nothing.
QUESTION_WORDS = frozenset(
    "what which who whom whose when where why how do que cual cuales quien quienes cuando donde como por cuanto".split()
)
# Phrasings that ask for a claim to be checked rather than a question answered.
CHECK_CUES = ("is it true", "true that", "is it correct", "fact check", "i heard", "i read", "people say",
              "es cierto", "es verdad", "verdad que", "sera cierto", "dicen que", "escuche que", "lei que",
              "someone said", "somebody said", "said that", "saw on", "posted that", "alguien dijo",
              "me dijeron", "vi en", "publicaron que", "is that accurate", "is this accurate", "still accurate",
              "is that true", "is this true", "is that correct", "is this correct", "checking", "verify",
              "verificar", "still correct", "viral", "tweet", "tweeted", "post saying", "post claims", "claims that",
              "quote check", "can i say", "fair to say", "is it right that", "says", "is it accurate",
              "cites", "cited", "citing", "quotes", "dice que", "afirma que", "asegura que", "sostiene que",
              "puse que", "escribi que", "cita un", "cita una", "cita a", "writes", "wrote",
              "sostenia", "true or false", "fact or fiction", "can i cite", "can i quote", "is that right",
              "is this right", "is he right", "is she right", "are they right", "is it tru", "is that tru",
              "legit claim", "fair statement", "es correcto", "es real", "tuit", "tiene razon", "dice q",
              "told me", "can i report", "can i run", "should i run", "can i keep", "writing that",
              "can i write", "fair to write", "backed by", "backed up", "does it hold up", "does that hold up",
              "does this hold up", "argued", "sigue siendo asi", "es neta que", "confirm", "confirmar",
              "confirmarlo", "back that up", "back this up", "back it up", "dijo eso",
              "supuestamente", "check this", "check that", "citation", "verified", "verificado", "asi dice", "does that check out",
              "does this check out", "does it check out", "is that still the case", "is this still the case",
              "verdadero o falso", "cierto o falso", "falso o verdadero", "real o falso", "right or wrong",
              "true or not", "myth or fact", "fact or myth", "mito o realidad", "realidad o mito", "is it a myth",
              "es un mito", "es mito", "fake news", "hoax", "bulo", "es mentira", "mentira que", "article predicts",
              "report predicts", "piece predicts", "study predicts", "column predicts", "blog predicts",
              "post predicts", "verdad o mentira", "mentira o verdad", "cierto o mentira")
# A yes/no question that doubts what it asks ("did congress really approve it unanimously?", also typed
# "realy") checks a claim someone made.
_DOUBT = re.compile(r"^(?:did|does|do|is|are|was|were|has|have|had)(?: \S+){1,5} real+y\b")
# Hearsay that ends a question ("...2019, como dicen?", "...for the guard like they say"): only at the end,
# as "cómo dicen los expertos que..." (folded "como dicen") asks how, and "según dicen los datos" cites data.
_HEARSAY_END = re.compile(r"\b(?:(?:like|as) (?:they|people) say|(?:como|segun) dicen)$")
# Phrases that contain a cue but ask for something to read, not for a claim to be checked.
NOT_CHECK = ("can i read", "could i read", "should i read", "do i read")
# A tag at the end of a statement asks for it to be confirmed: "the guard is part of the army, right?"
# (or "rite?", "agree?"), "la policía federal sigue operando, ¿verdad?", "it still exists right?". It follows a
# comma, or is a single word right before the question mark: "¿es militar o no?" is no tag.
_TAG_WORDS = "right|rite|rigth|correct|true|tru|accurate|real|legit|ok|okay|agree|verdad|cierto|correcto|neta"
_TAG = re.compile(rf",\s*¿?\s*(?:{_TAG_WORDS}|no|o no|si o no|yes|am i right|is that (?:right|true|correct)"
                  r"|(?:is|was|are|were|do|does|did|has|have|had|wo|can)n'?t (?:it|he|she|they|there|we|you))\s*[?!.]*\s*$")
# "...exists right?", "... - accurate??", "...; ok?"
_BARE_TAG = re.compile(rf"\s(?:{_TAG_WORDS}|¿no|¿verdad|¿cierto|¿neta)\s*\?+\s*$")
# Requests for personal advice, a procedure, an opinion or a forecast, which a fact base does not give.
PERSONAL_CUES = ("should i", "how do i", "how can i", "do i need", "i want to join", "puedo", "debo",
                 "me conviene", "como puedo", "quiero entrar", "quiero ser", "quiero unirme", "mi casa",
                 "your opinion", "do you think", "tu opinion", "que opinas", "que piensas", "your prediction",
                 "you predict", "tu prediccion", "como presento", "como pongo", "como levanto", "como hago",
                 "donde presento", "donde pongo",
                 # a forecast: "will homicides go down next year", "who will replace the commander"
                 "next year", "el proximo año", "el proximo ano", "el año que viene", "el ano que viene",
                 "who will replace", "who will be the next", "quien sera el proximo", "quien va a reemplazar")
# A question word right after the first word makes a question too: "by how much did murders rise",
# "de quién depende la guardia", "hasta cuándo...", "so who runs it".
WH_WORDS = frozenset(
    "what which who whom whose when where why how cual cuales quien quienes cuando donde cuanto cuantos cuanta cuantas".split()
)
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")  # where a sentence ends and the next begins (context_words)
# Words a spoken question may open with before it starts ("oye wey, q es la guardia nacional").
OPENERS = frozenset(("oye", "oigan", "oiga", "hey", "hola", "mira", "ey", "pues", "entonces", "y", "osea", "wey",
                     "guey", "buenas", "bueno", "so", "ok", "okay", "hi", "hello", "and", "but", "pero"))
# Texting forms of question words, read as typed out when deciding whether words make a question.
TEXTED = {"q": "que", "k": "que", "ke": "que", "wen": "when", "wat": "what", "whats": "what", "wats": "what"}
# A question starts with a question word or an auxiliary ("is the guard military?", "¿cómo...").
QUESTION_STARTS = WH_WORDS | frozenset("is are was were do does did can could will would should has have que como por".split())

# Verbs that make a string of words a statement rather than a list of keywords (and so does an English
# past form in -ed inside it, not at its end: "federal police dissolved" are keywords). A Spanish yes/no
# question typed without ¿? reads as a statement too ("la guardia es parte del ejército"); a claim check
# answers it as well as an FAQ would (tune split: one more right, none lost).
STATEMENT_VERBS = frozenset(
    """is are was were has have had will would can could does did rose fell grew increased decreased dropped
    doubled remains remain became belongs belong reports reported killed caught cut reduced
    works worked gets got tried sits helps helped operates leads led depends handles receives received
    spends spent came comes replaced replaces absorbed took takes sent sends deployed deploys detained
    detains arrested committed commits violated violates abused protects protected started began begun
    ended founded went stopped failed fails succeeded lost shrank sit operate saw
    es son fue fueron era eran esta estan tiene tienen tenia hay sigue siguen depende pertenece forma
    bajo bajaron subio subieron crecio aumento aumentaron disminuyo redujo redujeron mato detuvo""".split()
)

# Small function words that mark a language even when everything else is shared (names, acronyms).
MARK_ES = frozenset("el la los las del que cual cuales cuantos cuantas como quien quienes donde cuando por para es son esta fue hay una tiene tienen".split())
MARK_EN = frozenset("the what which how who where when why is are was does do did has have of many much it its".split())

# Places outside Mexico (countries, their people, US states, large foreign cities), English and Spanish.
# A query naming one is about that place unless the phrase it matched names it too ("crime rate in
# canada", "georgia national guard"): see matching.FOREIGN_PLACE. Names that are also common words once
# stemmed or Mexican names ("salvador", "rico", "victoria"; Maine is "main", Nevada a snowfall) are left
# out, and so are the United States (part of many in-scope questions: border deployments, tariffs,
# migration) and names of languages ("in spanish").
FOREIGN_PLACES_TEXT = """
    canada canadian canadiense guatemala
    guatemalan guatemalteco honduras hondurean hondureño nicaragua nicaraguan nicaraguense belize belice
    panama panamanian panameño cuba cuban cubano haiti haitian haitiano dominican dominicana venezuela
    venezuelan venezolano colombia colombian colombiano ecuador ecuadorian ecuatoriano peru peruvian
    peruano bolivia bolivian boliviano brazil brasil brazilian brasileño argentina argentinian argentine
    argentino uruguay uruguayan uruguayo paraguay paraguayan paraguayo chile chilean chileno spain
    españa spanish español española espanol espanola france french francia frances francesa italy italian italia
    italiano italiana chilena colombiana venezolana peruana boliviana brasileña uruguaya paraguaya ecuatoriana
    cubana guatemalteca hondureña panameña alemana portugal
    portuguese portugues germany german alemania aleman britain british uk england inglaterra
    ireland irish netherlands dutch holanda belgium belgica switzerland suiza austria poland
    polonia greece grecia sweden suecia norway noruega russia russian rusia ruso ukraine ukrainian
    ucrania ucraniano turkey turquia israel israeli palestine gaza iran iraq irak syria siria
    afghanistan afganistan pakistan india indian china chinese chino japan japanese japon korea korean
    corea philippines filipinas indonesia australia australian nigeria egypt egipto africa europe
    europa asia
    alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii
    idaho illinois indiana iowa kansas kentucky louisiana maryland massachusetts michigan
    minnesota mississippi missouri montana nebraska ohio oklahoma oregon pennsylvania tennessee
    texas utah vermont virginia wisconsin wyoming carolina dakota
    chicago houston dallas phoenix miami atlanta seattle boston detroit denver minneapolis portland
    baltimore memphis philadelphia manhattan brooklyn york angeles francisco diego antonio vegas
    toronto montreal vancouver bogota medellin cali caracas lima quito havana habana madrid barcelona
    paris rome roma london londres berlin moscow moscu kyiv kiev beijing tokyo dc
"""
# Mexican states and large cities, one distinctive word each. A query naming one is not answered by a
# phrase about another ("¿pacificó Guerrero?" is not "¿pacificó Guanajuato?"): see matching.PLACE_MISMATCH.
MEXICAN_PLACES_TEXT = """
    aguascalientes campeche chiapas chihuahua coahuila colima durango guanajuato
    guerrero hidalgo jalisco michoacan morelos nayarit leon oaxaca puebla queretaro quintana roo potosi
    slp sinaloa sonora tabasco tamaulipas tlaxcala veracruz yucatan zacatecas cdmx tijuana mexicali
    ensenada juarez culiacan monterrey guadalajara acapulco cancun merida reynosa matamoros nogales
    celaya irapuato salamanca uruapan apatzingan chilpancingo iguala fresnillo
"""

_THOUSANDS = re.compile(r"(?<=\d)[,.](?=\d{3}\b)")
_MIL = re.compile(r"\b(\d{1,3}) mil\b")  # "140 mil" is 140000, as "140,000" reads
_WORD = re.compile(r"[0-9a-zñ]+")
# Combining marks to drop after NFD: all of them except a tilde that follows n (ñ stays ñ).
_ACCENTS = re.compile("(?<!n)\u0303|[\u0300-\u0302\u0304-\u036f]")


def fold(text: str) -> str:
    """Casefold, strip accents except the tilde of ñ, turn punctuation (¿¡ too) into spaces."""
    return " ".join(_folded_words(text))


def _folded_words(text: str) -> list[str]:
    """The words of `fold(text)` (building the index folds every phrase: this is its hot path)."""
    text = text.casefold()
    if "," in text or "." in text:  # most phrases have no separator to drop
        text = _THOUSANDS.sub("", text)
    if " mil" in text:
        text = _MIL.sub(r"\g<1>000", text)
    return _WORD.findall(_fold_accents(text))


def _fold_accents(text: str) -> str:
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", _ACCENTS.sub("", unicodedata.normalize("NFD", text)))


# Plurals whose singular means something else: "cuántos" is how many, "cuánto" how much.
UNSTEMMED = frozenset(("cuantos", "cuantas"))


def stem(token: str) -> str:
    """A deliberately light stemmer, the same for both languages: drop a plural -s, then an -e after
    l, r, n or d, so civiles/civil, militares/militar and homicides/homicide each meet. The result
    need not be a word; it only has to be the same for a word's forms. Typos are fuzzy matching's job."""
    if token in UNSTEMMED:
        return token
    if len(token) > 4 and token.endswith("s") and not token.endswith("ss"):
        token = token[:-1]
    if len(token) > 4 and token.endswith("e") and token[-2] in "lrnd":
        token = token[:-1]
    return token


class Synonyms:
    """Multi-word variants mapped to one canonical token, longest match first (GN = Guardia Nacional)."""

    def __init__(self, groups: Iterable[Sequence[str]]) -> None:
        table: dict[tuple[str, ...], str] = {}
        for group in groups:
            canonical = "_".join(fold(group[0]).split())
            for variant in group:
                words = tuple(stem(w) for w in fold(variant).split())
                if words:
                    table.setdefault(words, canonical)
        # the variant lengths that start with each word, longest first: one lookup per length
        sizes: dict[str, set[int]] = {}
        for key in table:
            sizes.setdefault(key[0], set()).add(len(key))
        self.table = table
        self.sizes = {first: tuple(sorted(lengths, reverse=True)) for first, lengths in sizes.items()}

    def compiled(self) -> tuple[dict[tuple[str, ...], str], dict[str, tuple[int, ...]]]:
        """The folded, stemmed table as plain data (for the cache): `from_compiled` takes it back."""
        return self.table, self.sizes

    @classmethod
    def from_compiled(cls, compiled: tuple[dict[tuple[str, ...], str], dict[str, tuple[int, ...]]]) -> Synonyms:
        synonyms = cls.__new__(cls)
        synonyms.table, synonyms.sizes = compiled
        return synonyms

    def tokens(self, words: list[str]) -> list[str]:
        """The words with variants replaced by their canonical token (`spans` without the positions)."""
        return [token for token, _, _ in self.spans(words)]

    def spans(self, words: list[str]) -> list[tuple[str, int, int]]:
        """(token, start, end) for each output token: which input words it stands for."""
        out: list[tuple[str, int, int]] = []
        i, n = 0, len(words)
        table = self.table
        while i < n:
            for size in self.sizes.get(words[i], ()):
                if i + size > n:  # too few words left: a shorter variant is tried next
                    continue
                canonical = table.get(tuple(words[i:i + size]))
                if canonical is not None:
                    out.append((canonical, i, i + size))
                    i += size
                    break
            else:
                out.append((words[i], i, i + 1))
                i += 1
        return out

    def words(self) -> set[str]:
        """Every word that appears in some variant (so typos inside "national guard" can be fixed)."""
        return {w for variant in self.table for w in variant}


# Stop words are compared after stemming, so list both forms (estos -> esto).
STOP_WORDS = frozenset(STOP_EN | STOP_ES | MEXICO_WORDS | {stem(w) for w in STOP_EN | STOP_ES | MEXICO_WORDS})
# A stop word of four letters or more typed with one letter left out ("wer", "tha", "frm"): that stop word.
STOP_WORD_SLIPS = {slip: word for word in sorted(STOP_WORDS) if len(word) >= 4
                   for slip in (word[:i] + word[i + 1:] for i in range(len(word))) if slip not in STOP_WORDS}


_STEMS: dict[str, str] = {}  # the same few thousand words recur across a knowledge base


def words(text: str) -> list[str]:
    """Folded, lightly stemmed words, stop words included."""
    stems = _STEMS
    out = []
    for word in _folded_words(text):
        stemmed = stems.get(word)
        if stemmed is None:
            if len(stems) > 50_000:  # a long chat session of odd input cannot grow it without bound
                stems.clear()
            stemmed = stems[word] = stem(word)
        out.append(stemmed)
    return out


def content(tokens: Iterable[str]) -> list[str]:
    return [t for t in tokens if t not in STOP_WORDS]


def intent(text: str, folded: str, fixed: Sequence[tuple[str, str]]) -> str:
    """'check' when the text asks to verify a claim, 'question' when it is phrased as a question,
    'statement' for an assertion ("the guard has 100,000 members"), 'keywords' otherwise. Claims are
    assertions and FAQs are questions, so this decides which kind is preferred when both match.
    `folded` is `fold(text)`; `fixed`, the typos in it with their fixes: they are read as fixed too
    ("droped" is the verb dropped, "..., is that rigth" asks for a check)."""
    if _asks_to_check(text, folded):
        return "check"
    if fixed:
        mended = _fold_accents(text.casefold())
        for typed, fix in fixed:
            mended = re.sub(rf"\b{re.escape(typed)}\b", fix, mended)
        if _asks_to_check(mended, fold(mended)):
            return "check"
    words = folded.split()
    start = _after_openers(words)
    if "?" in text or "¿" in text or (start and start[0] in QUESTION_STARTS) or (len(start) > 1 and start[1] in WH_WORDS) \
            or _ends_in_question(words):
        return "question"
    if any(w in STATEMENT_VERBS for w in words[1:]) or any(fix in STATEMENT_VERBS for _, fix in fixed) \
            or any(len(w) > 4 and w.endswith("ed") for w in words[1:-1]):  # "congress voted unanimously to..."
        return "statement"
    return "keywords"


def context_words(text: str) -> frozenset[str]:
    """The words (as `words` gives them) of the sentences after a question that ask nothing themselves:
    what the asker says about why they ask ("¿Qué fecha se toma como el arranque oficial? Encontré tres
    fechas distintas"). Such words weigh as everyday words do and name nothing the answer must hold (no
    place, year, concept or body: see matching). Nothing when the text does not open with a question, or
    asks to check a claim (a claim is a statement, often followed by "is that right?")."""
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    if len(sentences) < 2 or "?" not in sentences[0] or intent(text, fold(text), ()) == "check":
        return frozenset()
    asked = [s for s in sentences if "?" in s or intent(s, fold(s), ()) in ("question", "check")]
    said = [s for s in sentences if s not in asked]
    return frozenset(words(" ".join(said))) - frozenset(words(" ".join(asked)))


# What a question sets aside ("aparte de lo de Chihuahua, ¿qué otros abusos...?", "besides Tijuana, where else..."):
# the words after such a phrase, up to the next punctuation mark or the fifth word, name what it does not ask about.
_SET_ASIDE = re.compile(r"\b(?:aparte del?|ademas del?|fuera del?|apart from|aside from|besides|other than|except(?: for)?)"
                        r"\s+((?:[^\s,.;:?!¿¡]+ ?){1,5})")


def set_aside_words(text: str) -> frozenset[str]:
    """The words (as `words` gives them, and as folded) of what the text sets aside: a place or a year there is
    not one the answer must name (see matching)."""
    spans = " ".join(match.group(1) for match in _SET_ASIDE.finditer(_fold_accents(text.casefold())))
    return frozenset(words(spans)) | frozenset(_folded_words(spans))


def _after_openers(words: list[str]) -> list[str]:
    """The words after a spoken opener ("oye wey, q es la guardia", "so, is the guard...", "hey"), with the
    texting forms read as typed out ("q es", "wen did", "whats": TEXTED)."""
    i = 0
    while i < len(words) - 1 and words[i] in OPENERS:
        i += 1
    return [TEXTED.get(w, w) for w in words[i:i + 2]]


def _ends_in_question(words: Sequence[str]) -> bool:
    """Do keywords or a statement end in a question about them ("elena martinez psychologist who is she",
    "tijuana bajó la violencia con la gn o no", "... o nel", "... or nah")?"""
    return len(words) > 3 and (words[-3] in WH_WORDS or words[-2] in WH_WORDS
                               or words[-2:] in (["o", "no"], ["o", "nel"], ["or", "not"], ["or", "nah"]))


def _asks_to_check(text: str, folded: str) -> bool:
    """A cue (CHECK_CUES), a confirming tag, a doubting yes/no question or hearsay at the end: see `intent`."""
    return (_has_phrase(folded, CHECK_CUES) and not _has_phrase(folded, NOT_CHECK)) or _is_tagged(text) \
        or bool(_DOUBT.search(folded) or _HEARSAY_END.search(folded))


def _is_tagged(text: str) -> bool:
    """Does a statement end in a tag that asks for it to be confirmed?"""
    text = _fold_accents(text.casefold().replace("’", "'"))
    return bool(_TAG.search(text) or _BARE_TAG.search(text))


def is_personal(folded: str) -> bool:
    """Does the folded text ask for personal advice, a procedure, an opinion or a prediction ("should i
    join", "¿cómo puedo...", "what's your opinion")?"""
    return _has_phrase(folded, PERSONAL_CUES)


# "Where was X born", "¿dónde nació X?", "¿dónde vive X?" ask a person's birthplace or home, a detail the answers
# never give (the BIRTHPLACE concept, see DETAIL_CONCEPTS), while "when was the guard born" asks when it was
# created: the concept is added whatever words come between.
_ASKS_BIRTHPLACE = re.compile(r"\b(?:where|donde)\b(?:\s+\S+){0,6}?\s+(?:born|nacio|lives?|vive)\b")
# "Who is the commander", "who heads the guard", "¿quién es el comandante?" ask who holds the post today, as
# "now" would: the question implies "now" (unless it names a time), so the present commander comes before the
# list of all of them, whose phrase ("who have been the commanders") has the same words once stop words go.
_ASKS_WHO_NOW = re.compile(r"(?:who|quien)\s+(?:(?:is|es)\s+(?:the\s+|el\s+|la\s+)?(?:commander|comandante|head|chief|leader|jefe|"
                           r"jefa|titular|lider)|commands?|heads?|leads?|comanda|dirige|encabeza)\b")


def asks_birthplace(folded: str) -> bool:
    """Does the folded text ask where someone was born or lives ("where was X born", "¿dónde vive X?")?"""
    return bool(_ASKS_BIRTHPLACE.search(folded))


def asks_who_now(words: Sequence[str]) -> bool:
    """Do the (stemmed, typo-fixed) words ask who holds a post today ("who is the commander", "who heads...")?"""
    return bool(_ASKS_WHO_NOW.match(" ".join(words)))


# A question about what will happen ("will homicides go down in 2027", "¿cuánto será el presupuesto en 2027?"):
# the year after the newest data is then a year to come, not "now" (see matching.latest_data_year).
_ASKS_FORECAST = re.compile(r"\b(?:will|gonna|going to|va a|van a|vamos a|sera|seran|habra|tendra|tendran)\b")


def asks_forecast(folded: str) -> bool:
    """Does the folded text ask what will happen ("will...", "going to", "¿va a...?", "¿será...?")?"""
    return bool(_ASKS_FORECAST.search(folded))


def _has_phrase(folded: str, phrases: Sequence[str]) -> bool:
    """Does the folded text contain one of the phrases as whole words?"""
    padded = f" {folded} "
    return any(f" {phrase} " in padded for phrase in phrases)


def is_light(token: str) -> bool:
    """An everyday word: listed in LIGHT_EN or LIGHT_ES, or a Spanish adverb in -mente ("oficialmente")."""
    return token in LIGHT_WORDS or (len(token) >= 9 and token.endswith("mente"))  # not "clemente"


# Endings of Spanish verb forms ("pactaron", "movieron", "juzgarlo"): a word the knowledge base lacks that ends so
# is a way of saying something, not a subject the question is about (see matching). Participles (-ado, -ido) and
# gerunds are left out: many nouns and names end so ("estallido", "Fernando").
_VERB_FORM = re.compile(r"(?:aron|ieron|aban|ieran|arian|[aei]r(?:lo|la|le|se)s?)$")


def is_verb_form(token: str) -> bool:
    """Does the (folded, stemmed) word end like a Spanish verb form? Only words of six letters or more."""
    return len(token) >= 6 and bool(_VERB_FORM.search(token))


def detect_language(text: str) -> str | None:
    """'es' or 'en' from function words and Spanish punctuation; None when it cannot tell."""
    if "¿" in text or "¡" in text:
        return "es"
    folded = _folded_words(text)  # the words of fold(text)
    es = sum(w in MARK_ES for w in folded)
    if not text.isascii():
        es += sum(ch in "ñáéíóú" for ch in text.lower())
    en = sum(w in MARK_EN for w in folded)
    if es > en:
        return "es"
    if en > es:
        return "en"
    return None


# A place is known as stemmed and as written: a synonym group may name it in full ("chile", whose stem
# "chil" is what the words of a phrase would otherwise hold).
FOREIGN_PLACES = frozenset(words(FOREIGN_PLACES_TEXT)) | frozenset(fold(FOREIGN_PLACES_TEXT).split())
MEXICAN_PLACES = frozenset(words(MEXICAN_PLACES_TEXT)) | frozenset(fold(MEXICAN_PLACES_TEXT).split())
PLACES = FOREIGN_PLACES | MEXICAN_PLACES
LIGHT_WORDS = frozenset(stem(w) for w in LIGHT_EN | LIGHT_ES)
# The Guard's canonical token, and other bodies a question can be about instead ("who commands the navy",
# "how many soldiers does the army have"), with the presidents the knowledge base names ("how old is
# Claudia Sheinbaum" is not "how old is the Guard"): canonical tokens of the shipped synonym table
# (faq.yaml); on a knowledge base without them the rule that uses them does nothing.
SUBJECT = "gn"
OTHER_BODIES = frozenset(("army", "navy", "sedena", "police", "pf", "cartel", "cndh", "sesnsp", "inegi", "scjn", "sspc",
                          "sheinbaum", "amlo", "calderon"))
# Canonical tokens of the shipped synonym table that frame a question (what, when, how many, compared
# with, the latest...) rather than name what it is about: every other synonym group is a concept
# (budget, salary, navy, death...), see matching.MISSING_CONCEPT.
FRAME_TOKENS = frozenset("""what about que people how how_many how_much who which when why where please true now
    latest first until ever year change compare difference similar figure trend percent happened""".split()) | {SUBJECT}
# Concepts of the shipped synonym table that ask for details the knowledge base's answers almost never
# give, though people ask for them about its subjects: a person's age, family (spouse, children,
# birthplace) or schooling, the Guard's equipment (vehicles, weapons, aircraft), pay, women in its ranks,
# the length of basic training and deaths on duty: see matching.MISSING_DETAIL.
DETAIL_CONCEPTS = frozenset(("person_age", "person_family", "person_education", "gn_equipment", "salary",
                             "gn_women", "gn_training_length", "gn_casualties"))
BIRTHPLACE = "person_family"  # the detail a birthplace or a home belongs to (asks_birthplace)
