"""The content model: what a manager writes in YAML, defined once.

These pydantic models are the single source of truth for validation *and* for the JSON Schema that gives
authors autocompletion in their editor (``trainer schema``). They describe one file each; facts that span
files (duplicate ids, references from scenarios, version history) are checked in :mod:`.checks`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    model_validator,
)

from .ids import ID_PATTERN, LANGUAGE_PATTERN

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN), Field(description="Stable id: a-z, 0-9 and dashes.")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]

Status = Literal["draft", "published", "retired"]
CutName = Literal["30s", "5min", "demo"]
CUT_NAMES: tuple[CutName, ...] = ("30s", "5min", "demo")
ObjectionCategory = Literal[
    "price", "competitor", "timing", "authority", "need", "trust", "product", "contract", "other"
]
OBJECTION_CATEGORIES: tuple[str, ...] = ObjectionCategory.__args__  # type: ignore[attr-defined]
DrillTopic = Literal[
    "decision-process", "key-person", "goals-pressure", "company-news", "past-purchases", "current-solution"
]
DRILL_TOPICS: tuple[str, ...] = DrillTopic.__args__  # type: ignore[attr-defined]
FunnelStage = Literal[
    "prospecting", "first-contact", "discovery", "demo", "proposal", "negotiation", "closing", "renewal"
]
FUNNEL_STAGES: tuple[str, ...] = FunnelStage.__args__  # type: ignore[attr-defined]


class _Strict(BaseModel):
    """Unknown keys are errors: a misspelt key must never be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class KeyPhrase(_Strict):
    """A key phrase written as a mapping, so that it can be marked critical."""

    phrase: ShortText = Field(description="The phrase, quoted from the section's `text`.")
    critical: bool = Field(
        default=False,
        description="A recitation that leaves this phrase out (or says it differently) is never Gold.",
    )


#: Tags of "text or mapping" items; pydantic puts them in error locations, where they are no key of the file.
AS_TEXT, AS_MAPPING = "as-text", "as-mapping"
UNION_TAGS = frozenset({AS_TEXT, AS_MAPPING})


def _text_or_mapping(value: object) -> str:
    """A mapping is checked only as a mapping (so a misspelt key is one clear error), anything else as text."""
    return AS_MAPPING if isinstance(value, dict | BaseModel) else AS_TEXT


KeyPhraseItem = Annotated[
    Annotated[ShortText, Tag(AS_TEXT)] | Annotated[KeyPhrase, Tag(AS_MAPPING)],
    Discriminator(_text_or_mapping),
]


class Section(_Strict):
    """One named part of a cut: what to say, what must be said, and (demo) what to do.

    ``key_phrases`` items are a plain string or a mapping ``{phrase: ..., critical: true}``; the field is
    stored as ``key_phrase_items`` so that ``key_phrases`` can stay what every caller reads: the phrases as text.
    """

    name: ShortText = Field(description="Heading shown to the rep, e.g. 'Hook' or 'Proof'.")
    text: Text = Field(description="The words to say, exactly as the rep should learn them.")
    key_phrase_items: list[KeyPhraseItem] = Field(
        default_factory=list,
        alias="key_phrases",
        description=(
            "Phrases from `text` that must be said; each must appear in `text`. Write a phrase as a string, or as "
            "`{phrase: ..., critical: true}` when leaving it out must keep a recitation below Gold (the headline "
            "figure, the ask)."
        ),
    )
    cue: ShortText | None = Field(
        default=None, description="Stage direction (mostly for demos): shown to the rep, never recited."
    )

    @property
    def key_phrases(self) -> list[str]:
        """Every key phrase as text, critical or not, in the order written."""
        return [item if isinstance(item, str) else item.phrase for item in self.key_phrase_items]

    @property
    def critical_phrases(self) -> list[str]:
        """The key phrases marked ``critical: true``."""
        return [item.phrase for item in self.key_phrase_items if isinstance(item, KeyPhrase) and item.critical]


class Cut(_Strict):
    """One length of the pitch: a 30-second, a 5-minute or a demo version."""

    target_seconds: int = Field(ge=5, le=7200, description="How long saying this cut should take.")
    sections: list[Section] = Field(min_length=1, description="The cut's sections, in speaking order.")

    @property
    def text(self) -> str:
        """The whole cut as one text, sections separated by blank lines."""
        return "\n\n".join(section.text for section in self.sections)

    @property
    def key_phrases(self) -> list[str]:
        return [phrase for section in self.sections for phrase in section.key_phrases]

    @property
    def critical_phrases(self) -> list[str]:
        return [phrase for section in self.sections for phrase in section.critical_phrases]


class Cuts(_Strict):
    """The cuts of a pitch, by name."""

    s30: Cut | None = Field(default=None, alias="30s", description="The 30-second elevator pitch.")
    min5: Cut | None = Field(default=None, alias="5min", description="The five-minute pitch.")
    demo: Cut | None = Field(default=None, description="The demo script, with stage cues.")

    @model_validator(mode="after")
    def _at_least_one(self) -> Cuts:
        if self.s30 is None and self.min5 is None and self.demo is None:
            raise ValueError("a pitch needs at least one cut: 30s, 5min or demo")
        return self

    def get(self, name: str) -> Cut | None:
        return {"30s": self.s30, "5min": self.min5, "demo": self.demo}.get(name)

    def items(self) -> list[tuple[CutName, Cut]]:
        """The cuts that exist, in the canonical order 30s, 5min, demo."""
        pairs: list[tuple[CutName, Cut | None]] = [("30s", self.s30), ("5min", self.min5), ("demo", self.demo)]
        return [(name, cut) for name, cut in pairs if cut is not None]

    def names(self) -> list[CutName]:
        return [name for name, _ in self.items()]


class PitchVersion(_Strict):
    """One version of a pitch script, one file: ``content/<product>/pitches/<pitch>/v<N>.yaml``."""

    pitch: Id = Field(description="The pitch's id; the same in every version of it.")
    product: Id | None = Field(default=None, description="Product id; defaults to the product folder.")
    version: int = Field(ge=1, le=9999, description="Version number; also the file name, v<N>.yaml.")
    status: Status = Field(description="draft (being written), published (reps practise it), retired.")
    title: ShortText
    changes: Text | None = Field(default=None, description="What changed since the previous version.")
    published_on: dt.date | None = Field(default=None, description="Set by `trainer publish`.")
    content_hash: str | None = Field(
        default=None,
        pattern=r"^sha256:[0-9a-f]{64}$",
        description="Set by `trainer publish`; `trainer check` reports a published version edited afterwards.",
    )
    cuts: Cuts


class KeyPoint(_Strict):
    """A key point with the other wordings a good rep uses for it; any one of them makes the point."""

    point: ShortText = Field(description="The idea, in the approved answer's words.")
    alternatives: list[ShortText] = Field(
        default_factory=list,
        description="Other wordings that make the same point (\"is cheaper than\" for \"costs less than\"). "
        "Word forms need no entry of their own: \"keeps working\" already covers \"keep working\".",
    )


def _phrase_to_point(value: object) -> object:
    """A key point written as a plain phrase is a point without alternatives."""
    return {"point": value} if isinstance(value, str) else value


KeyPointEntry = Annotated[KeyPoint, BeforeValidator(_phrase_to_point, json_schema_input_type=ShortText | KeyPoint)]


class Objection(_Strict):
    """A customer objection and the team's approved answer."""

    id: Id
    category: ObjectionCategory
    objection: Text = Field(description="What the customer says, in the customer's words.")
    answer: Text = Field(description="The approved answer.")
    key_points: list[KeyPointEntry] = Field(
        min_length=1,
        description="Ideas a good answer must contain: a phrase, or {point, alternatives} to list other wordings.",
    )
    follow_up: ShortText | None = Field(default=None, description="A question to ask after answering.")

    @property
    def point_names(self) -> list[str]:
        """The key points' approved wordings, as results and progress name them."""
        return [p.point for p in self.key_points]


class ObjectionFAQ(_Strict):
    """All objections for one product: ``content/<product>/objections.yaml``."""

    product: Id
    version: int = Field(ge=1, le=9999)
    changes: Text | None = None
    objections: list[Objection] = Field(min_length=1)


class Drill(_Strict):
    """A discovery goal and the closed questions that reach it."""

    id: Id
    topic: DrillTopic
    goal: Text = Field(description="What the rep must find out.")
    avoid: ShortText = Field(description="The open question not to ask.")
    examples: list[ShortText] = Field(min_length=1, description="Good closed questions.")
    key_terms: list[ShortText] = Field(min_length=1, description="Words a question on target uses.")


class DrillSet(_Strict):
    """All closed-question drills for one product: ``content/<product>/drills.yaml``."""

    product: Id
    version: int = Field(ge=1, le=9999)
    changes: Text | None = None
    drills: list[Drill] = Field(min_length=1)


class PitchRef(_Strict):
    id: Id
    cut: CutName
    version: int | None = Field(default=None, ge=1, description="Pin a version; default: newest published.")


class ScenarioStep(_Strict):
    """One turn of a role-play: optionally a customer line, then exactly one thing the rep must do."""

    customer: Text | None = Field(default=None, description="What the customer says before the rep answers.")
    pitch: PitchRef | None = None
    objection: Id | None = None
    drill: Id | None = None
    note: ShortText | None = Field(default=None, description="Coaching note shown with the step.")

    @model_validator(mode="after")
    def _exactly_one_task(self) -> ScenarioStep:
        tasks = [name for name in ("pitch", "objection", "drill") if getattr(self, name) is not None]
        if len(tasks) != 1:
            raise ValueError(
                "a step needs exactly one of pitch, objection or drill"
                + (f" (found {', '.join(tasks)})" if tasks else "")
            )
        return self

    @property
    def kind(self) -> str:
        return "pitch" if self.pitch else "objection" if self.objection else "drill"


class Scenario(_Strict):
    """A role-play conversation: ``scenarios/<id>.yaml``."""

    id: Id
    title: ShortText
    product: Id
    persona: Text = Field(description="Who the customer is and how they behave.")
    stage: FunnelStage
    steps: list[ScenarioStep] = Field(min_length=1)


class Product(_Strict):
    """What is sold: ``content/<product>/product.yaml``."""

    id: Id
    name: ShortText
    language: Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)] = Field(
        default="en", description="Language of the product's content, e.g. en or zh."
    )
    summary: Text | None = None
    audience: ShortText | None = Field(default=None, description="Who buys it, e.g. 'plant managers'.")


DOCUMENT_MODELS: dict[str, type[BaseModel]] = {
    "product": Product,
    "pitch": PitchVersion,
    "objections": ObjectionFAQ,
    "drills": DrillSet,
    "scenario": Scenario,
}
