"""Discovery questions: is it *closed*, and does it aim at the drill's goal?

Principle: a question is closed when the customer can answer it in a word or two — yes/no (auxiliary
start, tag question, statement with a question mark), a pick between named options ("… X or Y?"), or
one specific fact: a number (how many/much/often/long), a date (when), a name from a known set
(which, whose, what + a fact noun such as "system" or "budget", who + one formal act such as "signs" or
"approves").  It is open when it invites a description, story or opinion: why, how (not how many),
what (as a pronoun), "tell me about", "describe", and *who* + a vague verb ("who makes the decisions
around here", "who is involved", "who influences") — those ask about people and dynamics, not a name.
Lead-ins ("So,", "Just to confirm,") are skipped; embedded questions ("Could you tell me who signs?")
are judged by the embedded part.  Chinese follows the same principle in :mod:`.questions_zh`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from .content import content_tokens, coverage, overlap
from .normalize import CJK_RE, fold, word_set
from .questions_zh import classify_chinese
from .results import QuestionClass, QuestionResult
from .tokens import tokenize

_AUX = word_set(
    "is are was were am do does did have has had can could will would shall should may might must"
)
_WH = word_set("who whom whose what which when where why how")
_LEAD_INS = [
    tuple(p.split())
    for p in (
        "just to confirm",
        "just to check",
        "just to clarify",
        "just so i understand",
        "to confirm",
        "to clarify",
        "quick question",
        "one more thing",
        "one last thing",
        "last question",
        "out of curiosity",
        "by the way",
        "i am curious",
        "so",
        "and",
        "but",
        "ok",
        "okay",
        "well",
        "now",
        "also",
        "then",
        "right",
        "great",
        "alright",
        "thanks",
        "thank you",
        "first",
        "next",
        "finally",
        "actually",
        "sorry",
        "oh",
        "yes",
        "no",
        "got it",
    )
]
_ASK_LEADS = [
    tuple(p.split())
    for p in (
        "do you know",
        "do you happen to know",
        "would you know",
        "can i ask",
        "may i ask",
        "could i ask",
        "can i ask you",
        "may i ask you",
        "could i ask you",
        "i would like to know",
        "i want to know",
        "i was wondering",
        "i wonder",
        "i am wondering",
        "let me know",
    )
]
_TELL = ("tell", "let")
_REQUEST_VERBS = word_set(
    "describe explain share walk talk take help give elaborate expand outline paint list summarise summarize"
)
_NUMBER_HOW = word_set("many much often long soon big large far old frequently quickly fast")
_FACT_NOUNS = word_set(
    """percentage percent proportion share fraction number date day days year month quarter week time
    deadline budget price amount size headcount version system software erp platform vendor supplier
    brand model tool name title limit threshold volume quantity figure"""
)
_WHO_VAGUE = word_set(
    "influence influences influenced involved involve care cares matter matters drive drives "
    "shape shapes champion champions benefit benefits affect affects affected interested"
)
_NOT_CHOICE = word_set("not anything something so otherwise other whatever else")
_SUBJECTS = word_set("you we i they he she it people the your our their")
_PREPOSITIONS = word_set("of in on with for about at to from by that who which you we they")
_TAG_RE = re.compile(
    r",\s*(right|correct|yes|no|true|yeah|ok|okay|agreed|is that (right|correct|so|true)|am i right|"
    r"(is|are|was|were|do|does|did|have|has|had|can|could|will|would|should|won|wo|ca|shan)(n't)?( not)?"
    r" (it|that|they|you|we|he|she|there|i))\s*\?*\s*$"
)
_CHOICE_RE = re.compile(r"[,;:\u2014\u2013-]\s*[^,;:\u2014\u2013-]*\bor\b[^,;:\u2014\u2013-]*$")
_ARTICLES = ("the", "a", "an", "your", "our", "their")
_SENTENCE_RE = re.compile(r"[^.!?]*\?|[^.!?]+[.!]?")


def classify_question(text: str) -> QuestionClass:
    """Closed (yes/no, either/or, specific fact) or open — with a plain-words reason."""
    if CJK_RE.search(text):
        return classify_chinese(text)
    sentences = [s.strip() for s in _SENTENCE_RE.findall(text.strip()) if s.strip()]
    asked = [s for s in sentences if s.endswith("?")]
    sentence = asked[-1] if asked else (sentences[-1] if sentences else "")
    return _classify_sentence(sentence, bool(asked))


def _starts(words: Sequence[str], prefix: Sequence[str]) -> bool:
    return tuple(words[: len(prefix)]) == tuple(prefix)


def _strip_leads(words: list[str], texts: list[str]) -> tuple[list[str], list[str]]:
    changed = True
    while changed and words:
        changed = False
        for lead in _LEAD_INS:
            if _starts(words, lead) and len(words) > len(lead):
                words, texts, changed = words[len(lead) :], texts[len(lead) :], True
                break
    return words, texts


def _classify_sentence(sentence: str, asked: bool) -> QuestionClass:
    tokens = tokenize(sentence)
    words, texts = _strip_leads([t.norm for t in tokens], [t.text for t in tokens])
    if not words:
        return QuestionClass(False, "not a question", "Not a question: nothing was asked.")
    folded = fold(sentence).rstrip()
    first = texts[0]
    embedded = _embedded(words, texts)
    if embedded is not None:
        return embedded
    if words[0] in _REQUEST_VERBS or words[0] in ("tell", "please"):
        return _open(first, "asks for a description")
    if _TAG_RE.search(folded):
        tag = folded.rsplit(",", 1)[-1].strip(" ?")
        return QuestionClass(
            True, "yes/no", f'Closed: the tag "{tag}?" asks the customer to confirm — yes or no.'
        )
    if words[0] == "when" and len(words) > 1 and words[1] in _SUBJECTS and "," in sentence:
        return _classify_sentence(sentence.split(",", 1)[1], asked)
    if words[0] in _WH:
        result = _wh(words, texts)
        if words[0] in ("what", "which", "who", "where") and _CHOICE_RE.search(folded.rstrip("?")):
            return _either_or(sentence)
        return result
    if words[0] in _AUX:
        if _has_choice(words):
            return _either_or(sentence)
        return QuestionClass(
            True, "yes/no", f'Closed: starts with "{first}" — the customer answers yes or no.'
        )
    if words[0] in ("any", "anyone", "anybody", "anything", "anywhere"):
        return QuestionClass(True, "yes/no", f'Closed: "{first} …?" asks whether there is — yes or no.')
    for k in (1, 2, 3):  # wh-word left in place: "You sign off up to how much?"
        if len(words) >= k and words[-k] in _WH:
            return _wh(words[-k:], texts[-k:])
    if asked:
        if _has_choice(words):
            return _either_or(sentence)
        return QuestionClass(
            True, "yes/no", "Closed: a statement asked as a question — the customer confirms yes or no."
        )
    return QuestionClass(False, "not a question", "Not a question: no question mark and no question word.")


def _embedded(words: list[str], texts: list[str]) -> QuestionClass | None:
    """Requests and embedded questions: "Could you tell me who…", "Can you walk me through…"."""
    rest = None
    if len(words) > 2 and words[0] in ("can", "could", "would", "will") and words[1] == "you":
        k = 3 if words[2] == "please" else 2
        if k < len(words) and words[k] in _TELL and k + 1 < len(words) and words[k + 1] == "me":
            rest = (words[k + 2 :], texts[k + 2 :])
            if rest[0][:1] == ["know"]:
                rest = (rest[0][1:], rest[1][1:])
        elif k < len(words) and words[k] in _REQUEST_VERBS:
            return _open(" ".join(texts[: k + 1]), "asks for a description")
    elif words[0] in _TELL and words[1:2] == ["me"]:
        rest = (words[2:], texts[2:])
    else:
        for lead in sorted(_ASK_LEADS, key=len, reverse=True):
            if _starts(words, lead):
                rest = (words[len(lead) :], texts[len(lead) :])
                break
    if rest is None or not rest[0]:
        return None
    inner, inner_texts = rest
    if inner[0] in ("if", "whether"):
        return QuestionClass(True, "yes/no", f'Closed: "{inner_texts[0]} …" asks for yes or no.')
    if inner[0] in _WH:
        return _wh(inner, inner_texts)
    if inner[0] in ("about", "more"):
        return _open("Tell me " + inner_texts[0], "asks for a description")
    return None


def _wh(words: Sequence[str], texts: Sequence[str]) -> QuestionClass:
    w0, w1 = words[0], (words[1] if len(words) > 1 else "")
    lead = " ".join(texts[:2]) if w1 else texts[0]
    if w0 == "why" or (w0 == "how" and w1 == "come"):
        return _open(texts[0], "asks for reasons")
    if w0 == "how":
        if w1 in _NUMBER_HOW:
            return _fact(lead, "a number")
        return _open(texts[0], "asks for a description")
    if w0 in ("which", "whose"):
        return _fact(texts[0], "one choice from a known set")
    if w0 == "when":
        return _fact(texts[0], "a date")
    if w0 == "where":
        if any(w in ("see", "headed", "heading", "going", "want", "like", "improve") for w in words):
            return _open(texts[0], "asks for a vision")
        return _fact(texts[0], "a place")
    if w0 in ("who", "whom"):
        return _who(words, texts)
    # what
    if w1 in ("kind", "kinds", "type", "types", "sort"):
        return _open(lead + " of", "asks for a description")
    if w1 in _FACT_NOUNS:
        return _fact(lead, "one specific fact")
    if w1 in ("is", "are", "was", "were", "will"):
        for w in words[2:]:
            if w in _FACT_NOUNS:
                return _fact(f"What … {w}", "one specific fact")
            if w in _PREPOSITIONS:
                break
    return _open(texts[0], "invites a long answer")


def _who(words: Sequence[str], texts: Sequence[str]) -> QuestionClass:
    vague = next((w for w in words if w in _WHO_VAGUE), None)
    if vague:
        return _open(f"Who … {vague}", "asks about people and dynamics, not one name")
    for k, w in enumerate(words):
        if w.startswith("decision") or w in ("decide", "decides", "decided"):
            specific = any(x in ("on", "about", "for", "over") for x in words[k + 1 : k + 3])
            final = any(x in ("final", "ultimate", "last") for x in words)
            if not (specific or final):
                return _open(f"Who … {texts[k]}", "asks about how decisions happen, not one name")
    return _fact(" ".join(texts[:2]), "one name")


def _has_choice(words: Sequence[str]) -> bool:
    return any(
        w == "or" and (k + 1 >= len(words) or words[k + 1] not in _NOT_CHOICE) for k, w in enumerate(words)
    )


def _either_or(sentence: str) -> QuestionClass:
    match = re.search(r"(\w[\w' ]{0,30}?) or ([\w' ]{1,30})", sentence)
    if match:
        second = [w for w in match.group(2).split() if w.lower() not in _ARTICLES]
        shown = f"{match.group(1).split()[-1]} or {(second or ['Y'])[0]}"
    else:
        shown = "X or Y"
    return QuestionClass(True, "either/or", f'Closed: "{shown}" gives the customer options to pick from.')


def _fact(lead: str, what: str) -> QuestionClass:
    return QuestionClass(True, "specific fact", f'Closed: "{lead}" asks for {what}.')


def _open(lead: str, why: str) -> QuestionClass:
    return QuestionClass(False, "open", f'Open: "{lead}" {why}; ask "Is it … or …?" instead.')


def score_question(
    question: str,
    *,
    goal: str,
    key_terms: Sequence[str] = (),
    examples: Sequence[str] = (),
    avoid: str | None = None,
) -> QuestionResult:
    """Closed and on target?  On target = a key term appears (fuzzy, stemmed) or it resembles an example."""
    kind = classify_question(question)
    said = content_tokens(question)[0]
    matched = tuple(
        t for t in key_terms if (want := content_tokens(t)[0]) and coverage(want, said, 1)[0] >= 80
    )
    scored = [(overlap(said, content_tokens(e)[0]), e) for e in examples]
    similarity, closest = max(scored, default=(0.0, None), key=lambda s: s[0])
    on_target = bool(matched) or similarity >= 60
    if not key_terms and not examples:
        on_target = coverage(content_tokens(goal)[0], said, 4)[0] >= 50
    too_close = False
    if avoid:
        mine, theirs = " ".join(sorted(said)), " ".join(sorted(content_tokens(avoid)[0]))
        too_close = bool(mine and theirs) and fuzz.ratio(mine, theirs) >= 85
    verdict = _verdict(kind, on_target, too_close, goal)
    return QuestionResult(
        question,
        kind.closed,
        kind.kind,
        kind.reason,
        on_target,
        matched,
        closest,
        round(similarity, 1),
        too_close,
        verdict,
        kind.closed and on_target,
    )


def _verdict(kind: QuestionClass, on_target: bool, too_close: bool, goal: str) -> str:
    """One sentence of judgement; why the question is open or closed is ``kind.reason``, shown beside it."""
    if too_close:
        return "That is the open question to avoid — turn it into a closed one."
    if kind.closed and on_target:
        return "Good: closed and on target."
    if kind.closed:
        return f"Closed, but off target — aim it at: {goal}"
    if on_target:
        return "On target, but not a closed question — make it one the customer answers in a word."
    return f"Neither closed nor on target — aim it at: {goal}"
