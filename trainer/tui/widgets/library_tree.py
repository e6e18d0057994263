"""The library as a tree: products, then their pitches (with cuts), objections and drills; then scenarios."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ...library.catalog import Library
from ...library.item_ref import ItemRef
from ...library.speaking import format_duration
from ...practice.items import one_line
from ...safe_text import visible

GroupKind = Literal["product", "pitch", "objections", "drills", "scenarios"]


@dataclass(frozen=True)
class Group:
    """A tree node that holds others; opening it opens its first useful screen (e.g. all objection cards)."""

    kind: GroupKind
    product: str = ""
    id: str = ""


NodeData = ItemRef | Group

STATUS_STYLE = {"published": "green", "draft": "yellow", "retired": "dim"}


def _label(title: str, *extra: tuple[str, str]) -> Text:
    """A tree label from content (titles, names, ids): a Rich Text, so never read as markup, made visible."""
    return Text.assemble(visible(title), *((f"  {visible(text)}", style) for text, style in extra))


class LibraryTree(Tree[NodeData]):
    """Everything a rep can practise. Leaves carry an :class:`ItemRef`; inner nodes a :class:`Group`."""

    def __init__(self, library: Library, *, id: str | None = None) -> None:
        super().__init__("Library", id=id)
        self.show_root = False
        self.guide_depth = 3
        self.library = library

    def on_mount(self) -> None:
        self.populate()

    def populate(self) -> None:
        self.clear()
        library = self.library
        for pid in sorted(library.products):
            product = library.products[pid]
            extra = [(product.language, "dim")] if product.language != "en" else []
            node = self.root.add(_label(product.name, *extra), Group("product", pid), expand=True)
            self._add_pitches(node, pid)
            if product.objections:
                group = node.add(
                    _label("Objections", (str(len(product.objections.objections)), "dim")), Group("objections", pid)
                )
                for objection in product.objections.objections:
                    group.add_leaf(
                        _label(one_line(objection.objection, 60), (objection.category, "dim italic")),
                        ItemRef("objection", pid, objection.id),
                    )
            if product.drills:
                group = node.add(_label("Closed-question drills", (str(len(product.drills.drills)), "dim")),
                                 Group("drills", pid))
                for drill in product.drills.drills:
                    group.add_leaf(
                        _label(one_line(drill.goal, 60), (drill.topic, "dim italic")), ItemRef("drill", pid, drill.id)
                    )
        if library.scenarios:
            node = self.root.add(_label("Scenarios", (str(len(library.scenarios)), "dim")), Group("scenarios"),
                                 expand=True)
            for sid in sorted(library.scenarios):
                scenario = library.scenarios[sid]
                node.add_leaf(
                    _label(scenario.title, (scenario.stage, "dim italic")), ItemRef("scenario", scenario.product, sid)
                )
        self.cursor_line = 0

    def _add_pitches(self, node: TreeNode[NodeData], pid: str) -> None:
        for pitch_id in sorted(self.library.products[pid].pitches):
            pitch = self.library.products[pid].pitches[pitch_id]
            version = pitch.practice_version
            pitch_node = node.add(
                _label(version.title, (f"v{version.version}", "bold"), (version.status, STATUS_STYLE[version.status])),
                Group("pitch", pid, pitch_id),
                expand=True,
            )
            for cut_name, cut in version.cuts.items():
                sections = len(cut.sections)
                pitch_node.add_leaf(
                    _label(
                        f"{cut_name} cut",
                        (f"{format_duration(cut.target_seconds)} · {sections} section{'s' if sections != 1 else ''}",
                         "dim"),
                    ),
                    ItemRef("pitch", pid, pitch_id, cut_name),
                )

    def select_ref(self, ref: ItemRef) -> bool:
        """Move the cursor to the node for ``ref``; False if it is not in the tree."""

        def walk(node: TreeNode[NodeData]) -> TreeNode[NodeData] | None:
            if node.data == ref:
                return node
            for child in node.children:
                found = walk(child)
                if found is not None:
                    return found
            return None

        found = walk(self.root)
        if found is None:
            return False
        parent = found.parent
        while parent is not None:
            parent.expand()
            parent = parent.parent
        self.call_after_refresh(self.move_cursor, found)
        return True
