"""The Textual app: owns the library, the practice log, the clock and the theme; screens do the rest."""

from __future__ import annotations

import datetime as dt
import gc
import time
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path, PurePath
from typing import Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.filter import LineFilter
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme

from ..library.catalog import Library
from ..library.item_ref import ItemRef
from ..practice.log import Attempt, PracticeLog, Rating, SessionLog
from ..practice.save_first import SaveThread, lower_this_thread
from ..preferences import load_preferences, update_preferences
from ..safe_text import visible
from ..store.database import default_rep
from ..store.errors import StoreError
from ..store.interface import Store
from .commands import LibraryCommands
from .library_watch import CHECK_EVERY, LibraryWatch, Reloaded, announcement
from .plain import UnsafeTextFilter
from .screens.home import HomeScreen

_HERE = Path(__file__).parent


class TrainerApp(App[None]):
    """Pitch Trainer.

    ``clock`` returns seconds (monotonic) and ``now`` the wall time for the practice log; tests pass frozen
    ones so timers and snapshots are stable.
    ``log`` is where attempts go (in memory by default). ``config_dir`` overrides where preferences live.
    ``cursor_blink=False`` keeps text cursors still: tests pass it so a snapshot never catches the cursor
    half-way through a blink, and served sessions so an idle rep costs the server next to nothing.
    """

    TITLE = "Pitch Trainer"
    # Every screen's stylesheet is read at start-up (each screen also names its own in CSS_PATH): reading one
    # later re-styles the whole app, which would make the first results screen noticeably slow to appear.
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        "app.tcss", "help.tcss", *sorted(f"screens/{p.name}" for p in (_HERE / "screens").glob("*.tcss"))
    ]
    COMMANDS = App.COMMANDS | {LibraryCommands}
    # type ignore: Textual annotates it "ClassVar[...] | None", which mypy reads as an instance variable.
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]  # type: ignore[misc]
    MODES: ClassVar[dict[str, str | Callable[[], Screen]]] = {"home": HomeScreen}
    DEFAULT_MODE = "home"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),  # types a "?" when a text box has focus
    ]

    def __init__(
        self,
        library: Library | Path,
        *,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], dt.datetime] | None = None,
        log: PracticeLog | None = None,
        store: Store | None = None,
        rep: str | None = None,
        served: bool = False,
        signed_in: str | None = None,
        config_dir: Path | None = None,
        seed: int | None = None,
        tune_gc: bool = False,
        drafts: bool = False,
        cursor_blink: bool = True,
        speech: Any = None,
        watch_library: float | None = None,
        save_thread: SaveThread | None = None,
    ) -> None:
        super().__init__()
        # Taken before loading, so a change made while the library loads is noticed at the first check.
        self._watch = LibraryWatch(library.root if isinstance(library, Library) else Path(library)) \
            if watch_library else None
        self._watch_every = watch_library
        if not isinstance(library, Library):
            from ..library.loader import load_library

            library = load_library(Path(library))
        self._full_library = library
        # Reps practise published words; drafts are for their authors (``trainer --drafts``), never served.
        self.drafts = drafts and not served
        self.library: Library = library if self.drafts else library.for_practice()
        # Pitches that exist only as a draft vanish from the tree; the home screen says why (see HomeScreen).
        self.hidden_pitches = sorted(set(library.pitches) - set(self.library.pitches))
        self.clock = clock
        self.now = now or (lambda: dt.datetime.now(dt.UTC))
        self.store = store
        # Signed in to `trainer serve` (--users or a trusted proxy): the person IS the rep, with no way to
        # practise under another name, and sees only the history their roster role allows.
        self.signed_in = " ".join(signed_in.split()) if signed_in else None
        self.rep = self.signed_in or rep or default_rep()
        # Served to a browser (`trainer serve`): each session says who is practising, and nothing in it
        # writes files on the server.
        self.served = served
        if log is None and store is not None:
            from ..practice.stored_log import StoreLog

            log = StoreLog(store, self.rep, library, now=self.now)
        self.practice_log: PracticeLog = log or SessionLog(now=self.now)
        self.config_dir = config_dir
        self.seed = seed  # shuffling seed; None means a new order every time
        self._tune_gc = tune_gc
        self.cursor_blink = cursor_blink
        self._speech = speech  # a SpeakPanel SpeechKit: the microphone and recognizer (fakes of them in tests)
        self._unsafe_text_filter = UnsafeTextFilter()
        # Served: attempts are saved on a thread that keeps the session's full CPU priority (see save_first).
        self._save_thread = save_thread

    @property
    def speech_kit(self) -> Any:
        """The microphone and recognizer for spoken practice; the real ones are made on first use."""
        if self._speech is None:
            from ..speech.whisper import WhisperTranscriber
            from .widgets.speak_panel import SpeechKit

            self._speech = SpeechKit(transcriber=WhisperTranscriber())
        return self._speech

    @property
    def recordings_db(self) -> Path:
        """The database whose folder keeps recordings: the open store's, else where the store would be."""
        if self.store is not None:
            return self.store.recordings_beside
        from ..store.database import default_db_path

        return default_db_path()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification is plain text: its message often holds a rep name, a title or a file name, and
        Textual would read those as markup (a rep named ``[/x]`` crashed the app). ``markup`` is ignored."""
        super().notify(visible(message, multiline=True), title=visible(title), severity=severity, timeout=timeout,
                       markup=False)

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then the one that keeps content's control characters away from the terminal."""
        return [*super().get_line_filters(), self._unsafe_text_filter]

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A text box gaining focus starts blinking; stop it here when the app was made without blinking."""
        if self.cursor_blink:
            return
        from textual.widgets import Input, TextArea  # not at start-up: the home screen has no text box

        if isinstance(event.widget, Input | TextArea):
            event.widget.cursor_blink = False

    def _handle_exception(self, error: Exception) -> None:
        """Remember the error for :meth:`_fatal_error` (Textual calls it next, with the error gone)."""
        self._crash = error
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """An error nobody handled: log its details, tell the rep where in one line, exit with status 1.

        Textual's default prints a long traceback with local variables, to a rep or into a served browser
        tab. Overriding this private hook is the one place Textual offers; ``run_test`` still re-raises the
        error for tests, because :meth:`_handle_exception` records it first.
        """
        from ..crash_report import crash_message, write_crash_log

        error = getattr(self, "_crash", None) or RuntimeError("unknown error")
        if isinstance(error, StoreError):  # a user error (a damaged or vanished database): its message says it all
            self.bell()
            self._exit_renderables.append(f"Error: {error}")
            self._return_code = 1
            self._close_messages_no_wait()
            return
        path = write_crash_log(error, f"screen: {type(self.screen).__name__ if self._screen_stack else '-'}")
        self.bell()
        self._exit_renderables.append(crash_message(error, path))
        self._return_code = 1
        self._close_messages_no_wait()

    @property
    def rep_label(self) -> str:
        """Who is practising, as the home screen's title says it."""
        return f"signed in as {self.rep}" if self.signed_in is not None else f"rep: {self.rep}"

    def may_see(self, rep: str) -> bool:
        """Whether this session may show ``rep``'s history: anyone's at a local terminal (the person there can
        read the database file anyway); when signed in, their own and their managed teams' (roster)."""
        if self.signed_in is None:
            return True
        if rep == self.signed_in:
            return True
        roster = self.library.roster
        return roster is not None and rep in roster.visible_to(self.signed_in)

    def visible_reps(self, known: Iterable[str]) -> list[str]:
        """The names of ``known`` this session may show, in their order; a signed-in person always sees
        themselves, practised or not."""
        shown = [name for name in known if self.may_see(name)]
        if self.signed_in is not None and self.signed_in not in shown:
            shown.insert(0, self.signed_in)
        return shown

    def action_switch_rep(self, required: bool = False) -> None:
        from .screens.rep_picker import RepPicker

        if self.signed_in is not None:
            self.notify(f"Signed in as {self.signed_in}: sign out in the browser to practise as someone else.",
                        timeout=4)
            return

        known = self.store.reps() if self.store is not None else []

        def chosen(name: str | None) -> None:
            if name:
                self.switch_rep(name)
                self.notify(f"Practising as {name}.", timeout=2)

        self.push_screen(RepPicker(known, self.rep, required=required), chosen)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if self.signed_in is None:
            yield SystemCommand("Switch rep", "Practise under another name", self.action_switch_rep)
        yield SystemCommand("Progress", "Your scores over time, streaks and weakest phrases", self.action_progress)
        yield SystemCommand("Team session", "Run a practice meeting: reps take turns", self.action_team_session)
        yield SystemCommand("Team view", "Who practised what, how well, and what is due", self.action_team_view)

    def action_progress(self) -> None:
        from .screens.progress import ProgressScreen

        self.push_screen(ProgressScreen())

    def action_team_session(self) -> None:
        from .screens.team_setup import TeamSetupScreen

        self.push_screen(TeamSetupScreen())

    def action_team_view(self) -> None:
        from .screens.manager import ManagerScreen

        self.push_screen(ManagerScreen())

    def on_mount(self) -> None:
        # A served tab is one of many people sharing the server's user account: its settings live and die with
        # the session, and it neither reads nor writes the shared preferences file.
        if not self.served:
            saved = load_preferences(self.config_dir).theme
            if saved and saved in self.available_themes:
                self.theme = saved
            self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self._tune_gc:
            self.call_after_refresh(tune_garbage_collector)
        if self.served and self.signed_in is None:
            self.call_after_refresh(self.action_switch_rep, True)
        self.call_after_refresh(self.run_worker, prewarm, thread=True, group="prewarm", exit_on_error=False)
        if self._watch is not None and self._watch_every:
            self.set_interval(self._watch_every, self._check_library)

    # -- a library changed on disk (trainer sync, trainer publish) is picked up without a restart -------------

    def _check_library(self) -> None:
        """Start a check in a thread unless one is still running (a slow disk must not pile them up)."""
        if any(w.group == "library-watch" and not w.is_finished for w in self.workers):
            return
        self.run_worker(self._check_library_in_thread, thread=True, group="library-watch", exit_on_error=False)

    def _check_library_in_thread(self) -> None:
        assert self._watch is not None
        outcome = self._watch.check(self._full_library)
        if outcome is not None:
            self.call_from_thread(self._adopt_library, outcome)

    def _adopt_library(self, outcome: Reloaded) -> None:
        """Use the reloaded library for everything opened from now on; screens already open keep their version."""
        fresh = outcome.library
        if fresh is None:
            self.notify(f"The library changed on disk, but {outcome.refused}. Still using the library as it was.",
                        title="Library not reloaded", severity="warning", timeout=15)
            return
        self._full_library = fresh
        self.library = fresh if self.drafts else fresh.for_practice()
        self.hidden_pitches = sorted(set(fresh.pitches) - set(self.library.pitches))
        from ..practice.stored_log import StoreLog

        if isinstance(self.practice_log, StoreLog):
            self.practice_log.library = fresh
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.library_changed()
        if outcome.changes:
            self.notify(announcement(outcome.changes), title="New content", timeout=10)

    def _remember_theme(self, theme: Theme) -> None:
        update_preferences(self.config_dir, theme=theme.name)

    def collect_garbage_soon(self) -> None:
        """Collect young garbage after the next frame, while the rep reads, so it does not land mid-draw."""
        if self._tune_gc:
            self.call_after_refresh(gc.collect, 1)

    def action_help(self) -> None:
        from .help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def record(
        self,
        ref: ItemRef,
        *,
        score: float | None = None,
        rating: Rating | None = None,
        version: int | None = None,
        text: str = "",
        detail: Any = None,
        seconds: float | None = None,
        medium: str = "typed",
        transcript: str | None = None,
        audio_path: str | None = None,
        mode: str = "recite",
    ) -> int | None:
        """Keep one attempt (committed before this returns) and return its id, or None if it could not be kept.

        ``detail`` is the scorer's result; its ``to_dict()`` is kept so the score explains itself later.
        A storage failure is told to the rep, never raised: practice goes on.
        """
        data = detail.to_dict() if hasattr(detail, "to_dict") else detail
        if version is None:
            version = self.library.content_version(ref)
        attempt = Attempt(ref, self.now(), score=score, rating=rating, version=version, text=text, detail=data,
                          seconds=seconds, medium=medium, transcript=transcript, audio_path=audio_path, mode=mode)
        try:
            if self._save_thread is not None:
                return self._save_thread.run(partial(self.practice_log.record, attempt))
            return self.practice_log.record(attempt)
        except Exception as exc:
            self.notify(
                f"This attempt was NOT saved: {exc}. Your text is still on the screen: copy it or try again.",
                title="Not saved",
                severity="error",
                timeout=30,
            )
            return None

    def rate(self, attempt_id: int | None, rating: Rating) -> None:
        """Attach a self-rating to a recorded attempt (objection cards are scheduled by it)."""
        if attempt_id is None:
            return
        try:
            self.practice_log.rate(attempt_id, rating)
        except Exception as exc:
            self.notify(f"The rating could not be saved: {exc}", title="Not saved", severity="error")

    def switch_rep(self, name: str) -> None:
        """Practise as another rep: history, due items and new attempts are theirs from now on.

        Never when signed in: the signed-in person is the rep (see :meth:`action_switch_rep`).
        """
        name = " ".join(name.split())
        if not name or name == self.rep or self.signed_in is not None:
            return
        self.rep = name
        if self.store is not None:
            from ..practice.stored_log import StoreLog

            try:
                self.store.add_rep(name)
            except StoreError as exc:  # their attempts will say why they are not saved; practice goes on
                self.notify(str(exc), title="Practice database", severity="error", timeout=30)
            self.practice_log = StoreLog(self.store, name, self.library, now=self.now)
        else:
            self.practice_log = SessionLog(now=self.now)


    def show_product(self, product: str) -> None:
        """Back to the home screen with the product's node under the cursor (from the command palette)."""
        from .screens.home import HomeScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        if isinstance(self.screen, HomeScreen):
            self.screen.show_product(product)

    def open_item(self, ref: ItemRef, mode: str = "study") -> None:
        """Show ``ref`` (from the home tree, "practise next" or the command palette)."""
        from .navigation import screen_for

        screen = screen_for(self, ref, mode)
        if screen is not None:
            self.push_screen(screen)


def prewarm() -> None:
    """Import what the first attempt will need while the rep is still reading the home screen.

    Start-up only imports the home screen; the scorer and the practice screens (about 80 ms of imports) load
    here in a background thread, so the first submitted recitation is as quick as the next.
    """
    import trainer.scoring  # noqa: F401

    from .screens import memorize, recite, results, study  # noqa: F401


def tune_garbage_collector() -> None:
    """Keep garbage collection out of the way of drawing.

    Textual creates many short-lived objects per frame, and with the default thresholds a full collection
    (walking every object of the app and the library) lands in the middle of pushing a screen, doubling the
    time to show results. Objects alive after start-up are frozen (never scanned again) and collections run
    less often; memory use stays small because the app's garbage is short-lived.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 50, 100)


def run_app(
    root: Path,
    *,
    db_path: Path | str | None = None,
    rep: str | None = None,
    served: bool = False,
    drafts: bool = False,
    signed_in: str | None = None,
) -> int:
    """Open the practice app on the library at ``root`` (called by ``trainer`` without a subcommand).

    ``served``: running inside ``trainer serve`` for one browser session — ask who is practising, unless
    ``signed_in`` names the person the server signed in.
    Returns the exit status: 0, or 1 after an unexpected error (see :meth:`TrainerApp._fatal_error`).
    """
    from ..store.location import open_store

    store = open_store(db_path)  # a StoreError reaches the CLI, which prints it: no traceback
    # Served: saving keeps this process's priority; drawing (this thread, and every thread it starts) yields to it.
    save_thread = SaveThread() if served else None
    if save_thread is not None:
        lower_this_thread()
    try:
        # A served session's cursor stays still: each blink is a redraw sent to the browser, and across a team of
        # open sessions the blinking alone took more of the server's CPU than everything else an idle rep costs.
        app = TrainerApp(root, store=store, rep=rep, served=served, tune_gc=True, drafts=drafts,
                         watch_library=CHECK_EVERY, signed_in=signed_in, cursor_blink=not served,
                         save_thread=save_thread)
        app.run()
        return app.return_code or 0
    finally:
        if save_thread is not None:
            save_thread.close()
        store.close()
