"""Memorize a section in steps: full text, then more and more words hidden, first letters only, then blank.

Guarantees a screen (and a rep) may rely on:

- **Deterministic.** Which words a step hides depends only on the section text and the step, so the same
  step always looks the same, today and tomorrow.
- **Monotonic.** Each step hides a superset of the previous step's words: a word once hidden stays hidden.
- **Key phrases last.** Words inside a key phrase are hidden only after every other word is.
- **Chinese per character.** CJK text has no spaces, so each character is its own unit; Latin words inside
  Chinese text stay whole words.
"""

from __future__ import annotations

import hashlib
import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

_CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK_CHARS}]|[^\s{_CJK_CHARS}]+")
_CJK = re.compile(rf"[{_CJK_CHARS}]")
_WORD_CHAR = re.compile(r"\w")
_LEADING_PUNCT = re.compile(r"^\W*")
_TRAILING_PUNCT = re.compile(r"\W*$")

HIDDEN = "_"
HIDDEN_CJK = "＿"  # full width, so a hidden character keeps its two cells and the line does not reflow

StepKind = Literal["full", "partial", "initials", "blank"]


@dataclass(frozen=True)
class Step:
    """One rung of the ladder; ``fraction`` is the share of words hidden in a partial step."""

    kind: StepKind
    label: str
    fraction: float = 0.0


STEPS: tuple[Step, ...] = (
    Step("full", "Read it", 0.0),
    Step("partial", "25% hidden", 0.25),
    Step("partial", "50% hidden", 0.50),
    Step("partial", "75% hidden", 0.75),
    Step("initials", "First letters", 1.0),
    Step("blank", "Blank", 1.0),
)


@dataclass(frozen=True)
class Token:
    """A unit that can be hidden: a word (with any punctuation stuck to it) or one CJK character."""

    text: str
    start: int
    end: int
    cjk: bool
    key: bool  # inside a key phrase: hidden last
    clause_start: bool  # first unit of a sentence or clause (what "first letters" shows for Chinese)

    @property
    def hideable(self) -> bool:
        """Pure punctuation (a dash, a full stop on its own) is never hidden: there is nothing to recall."""
        return self.cjk or bool(_WORD_CHAR.search(self.text))


TokenState = Literal["shown", "hidden", "initial", "revealed", "blank"]


@dataclass(frozen=True)
class TokenView:
    """How one token looks at one step: the text to draw and why."""

    token: Token
    state: TokenState
    display: str


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into hideable units, marking clause starts for the "first letters" step."""
    tokens: list[Token] = []
    after_break = True
    for match in _TOKEN.finditer(text):
        word = match.group()
        cjk = bool(_CJK.fullmatch(word))
        tokens.append(Token(word, match.start(), match.end(), cjk, False, after_break))
        after_break = (not cjk and not _WORD_CHAR.search(word)) or bool(re.search(r"[.!?;:,。！？；：，、]$", word))
    return tokens


def phrase_spans(text: str, phrases: Sequence[str]) -> list[tuple[int, int]]:
    """Where each key phrase occurs in ``text`` (case-insensitive, any run of spaces matches one)."""
    spans: list[tuple[int, int]] = []
    for phrase in phrases:
        parts = phrase.split()
        if not parts:
            continue
        pattern = r"\s*".join(re.escape(part) for part in parts) if _CJK.search(phrase) else r"\s+".join(
            re.escape(part) for part in parts
        )
        spans.extend((m.start(), m.end()) for m in re.finditer(pattern, text, flags=re.IGNORECASE))
    return spans


def mark_key_tokens(text: str, key_phrases: Sequence[str]) -> list[Token]:
    """Tokens of ``text`` with ``key`` set on those overlapping a key phrase."""
    spans = phrase_spans(text, key_phrases)
    return [
        Token(t.text, t.start, t.end, t.cjk, any(t.start < end and start < t.end for start, end in spans),
              t.clause_start)
        for t in tokenize(text)
    ]


def _seed(text: str, step: int) -> int:
    digest = hashlib.sha256(f"{step}\x00{text}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def hidden_sets(text: str, tokens: Sequence[Token], steps: Sequence[Step] = STEPS) -> list[frozenset[int]]:
    """For each step, the indices of the tokens it hides.

    Step ``k`` keeps everything step ``k-1`` hid and adds words drawn with a generator seeded by the section
    text and ``k``: first from the words outside key phrases, then, only when those run out, key-phrase words.
    """
    hideable = [i for i, token in enumerate(tokens) if token.hideable]
    hidden: set[int] = set()
    result: list[frozenset[int]] = []
    for number, step in enumerate(steps):
        wanted = len(hideable) if step.kind in ("initials", "blank") else math.ceil(step.fraction * len(hideable))
        if wanted > len(hidden):
            rng = random.Random(_seed(text, number))
            plain = [i for i in hideable if i not in hidden and not tokens[i].key]
            key = [i for i in hideable if i not in hidden and tokens[i].key]
            rng.shuffle(plain)
            rng.shuffle(key)
            hidden.update((plain + key)[: wanted - len(hidden)])
        result.append(frozenset(hidden))
    return result


def mask(token: Token, keep_first: bool = False) -> str:
    """The token with its letters blanked out; punctuation around it stays, so sentences keep their shape."""
    if token.cjk:
        return token.text if keep_first else HIDDEN_CJK
    lead = _LEADING_PUNCT.match(token.text).group()  # type: ignore[union-attr]
    core_end = len(token.text) - len(_TRAILING_PUNCT.search(token.text[len(lead):]).group())  # type: ignore[union-attr]
    core = token.text[len(lead) : core_end]
    if not core:
        return token.text
    shown = core[0] + HIDDEN * (len(core) - 1) if keep_first else HIDDEN * len(core)
    return lead + shown + token.text[core_end:]


@dataclass
class SectionMemory:
    """One section's ladder of steps, plus the words the rep has asked to see at the current step."""

    name: str
    text: str
    key_phrases: tuple[str, ...] = ()
    steps: tuple[Step, ...] = STEPS
    tokens: list[Token] = field(init=False)
    hidden_by_step: list[frozenset[int]] = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = mark_key_tokens(self.text, self.key_phrases)
        self.hidden_by_step = hidden_sets(self.text, self.tokens, self.steps)

    def hidden(self, step: int) -> frozenset[int]:
        return self.hidden_by_step[step]

    def view(self, step: int, revealed: frozenset[int] = frozenset()) -> list[TokenView]:
        """How every token looks at ``step`` once the ``revealed`` tokens have been uncovered."""
        kind = self.steps[step].kind
        hidden = self.hidden_by_step[step]
        first_gap = self.next_hidden(step, revealed)
        views: list[TokenView] = []
        for index, token in enumerate(self.tokens):
            if kind == "blank" and index not in hidden and first_gap is not None and index > first_gap:
                views.append(TokenView(token, "blank", ""))  # stray punctuation would give the text away
            elif index not in hidden:
                views.append(TokenView(token, "shown", token.text))
            elif index in revealed:
                views.append(TokenView(token, "revealed", token.text))
            elif kind == "initials":
                keep = token.clause_start if token.cjk else True
                views.append(TokenView(token, "initial", mask(token, keep_first=keep)))
            elif kind == "blank":
                views.append(TokenView(token, "blank", ""))
            else:
                views.append(TokenView(token, "hidden", mask(token)))
        return views

    def next_hidden(self, step: int, revealed: frozenset[int]) -> int | None:
        """The first still-hidden token in reading order: where the rep is most likely stuck."""
        for index in sorted(self.hidden_by_step[step]):
            if index not in revealed:
                return index
        return None


@dataclass
class MemorizeSession:
    """Where the rep is: which section, which step, what they revealed. Changing step or section re-hides."""

    sections: list[SectionMemory]
    section: int = 0
    step: int = 0
    revealed: frozenset[int] = frozenset()

    @classmethod
    def for_sections(cls, sections: Sequence[tuple[str, str, Sequence[str]]]) -> MemorizeSession:
        """Build from ``(name, text, key_phrases)`` triples, e.g. a cut's sections."""
        return cls([SectionMemory(name, text, tuple(phrases)) for name, text, phrases in sections])

    @property
    def current(self) -> SectionMemory:
        return self.sections[self.section]

    @property
    def current_step(self) -> Step:
        return self.current.steps[self.step]

    @property
    def step_count(self) -> int:
        return len(self.current.steps)

    def view(self) -> list[TokenView]:
        return self.current.view(self.step, self.revealed)

    def hidden_count(self) -> int:
        """How many words are still hidden from the rep right now."""
        return len(self.current.hidden(self.step) - self.revealed)

    def next_step(self) -> bool:
        """Hide more; False at the last step (nothing changes)."""
        if self.step + 1 >= self.step_count:
            return False
        self.step += 1
        self.revealed = frozenset()
        return True

    def previous_step(self) -> bool:
        if self.step == 0:
            return False
        self.step -= 1
        self.revealed = frozenset()
        return True

    def next_section(self) -> bool:
        """Move on to the next section, back at its first step; False after the last section."""
        if self.section + 1 >= len(self.sections):
            return False
        self.section += 1
        self.step = 0
        self.revealed = frozenset()
        return True

    def previous_section(self) -> bool:
        if self.section == 0:
            return False
        self.section -= 1
        self.step = 0
        self.revealed = frozenset()
        return True

    def reveal_word(self) -> int | None:
        """Uncover the next hidden word (in reading order); None when nothing is hidden."""
        index = self.current.next_hidden(self.step, self.revealed)
        if index is not None:
            self.revealed = self.revealed | {index}
        return index

    def reveal_all(self) -> None:
        self.revealed = self.current.hidden(self.step)
