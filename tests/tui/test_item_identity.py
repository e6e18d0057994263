"""One item identity: two products may share an objection id, and the app keeps them apart everywhere."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from conftest import write_library
from textual.widgets import OptionList
from tui_support import wait_for_screen

from trainer.library import load_library
from trainer.library.item_ref import ItemRef
from trainer.store import NewAttempt, PracticeStore
from trainer.tui.screens.home import HomeScreen

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)

YUN_OBJECTIONS = """\
product: yun
version: 1
objections:
  - id: too-expensive
    category: price
    objection: 太贵了。
    answer: 一小时停机的损失比设备贵。
    key_points: [一小时停机的损失比设备贵]
"""


def failed_long_ago(store: PracticeStore, product: str) -> None:
    store.record(NewAttempt(
        rep="ann", kind="objection", item_id="too-expensive", product=product, score=20, tier="Keep practising",
        attempt_text="no idea", started_at=NOW - dt.timedelta(days=5),
    ))


async def test_the_same_objection_id_due_in_two_products_opens_the_home_screen(tmp_path: Path, make_app) -> None:  # type: ignore[no-untyped-def]
    root = write_library(tmp_path / "two", {"content/yun/objections.yaml": YUN_OBJECTIONS})
    store = PracticeStore(tmp_path / "p.db")
    failed_long_ago(store, "acme")
    failed_long_ago(store, "yun")
    app = make_app(load_library(root), store=store, log=None, now=lambda: NOW)
    async with app.run_test(size=(120, 40)) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        options = home.query_one("#next-up", OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert ids[:2] == ["objection:acme:too-expensive", "objection:yun:too-expensive"]
        texts = [str(options.get_option_at_index(i).prompt) for i in range(2)]
        assert "Your widgets cost twice what we pay now." in texts[0] and "Acme widgets" in texts[0]
        assert "太贵了。" in texts[1] and "云迹" in texts[1]
        options.focus()
        options.highlighted = 1
        await pilot.press("enter")  # opens the yun card, not the acme one
        await pilot.pause()
        assert "太贵了" in str(app.screen.query_one("#card-objection").render())
    store.close()


def test_item_keys_read_back_and_reject_what_is_not_a_key() -> None:
    ref = ItemRef("pitch", "flowguard", "flowguard-core", "30s")
    assert ItemRef.parse(ref.key) == ref
    assert ItemRef.parse("objection:yun:too-expensive") == ItemRef("objection", "yun", "too-expensive")
    for bad in ("pitch:flowguard-core/30s", "objection:too-expensive", "pitch:a:b", "drill:a:b:30s",
                "quiz:a:b", "objection:A:b", "objection:a:../etc"):
        try:
            ItemRef.parse(bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} was accepted")


def test_fixture_has_the_shared_id(tmp_path: Path) -> None:
    """Guard for the test above: both products really do have a ``too-expensive`` objection."""
    root = write_library(tmp_path / "two", {"content/yun/objections.yaml": textwrap.dedent(YUN_OBJECTIONS)})
    library = load_library(root)
    assert library.product("acme").objection("too-expensive") and library.product("yun").objection("too-expensive")


def test_every_attempt_records_the_version_of_the_words_practised(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = PracticeStore(tmp_path / "p.db")
    app = make_app(store=store, log=None, now=lambda: NOW)
    app.record(ItemRef("objection", "acme", "too-expensive"), score=50.0, text="cheaper over time")
    app.record(ItemRef("drill", "acme", "who-signs"), score=80.0, text="Is it you who signs?")
    assert [(a.kind, a.version) for a in store.attempts("ann")] == [("objection", 1), ("drill", 1)]
    store.close()
