"""From the open session to read receipts, and back from a recall to the open session (Qt-free glue
the app installs once; docs/receipts-recall.md).

:class:`ReceiptRecorder` watches a :class:`~paperless.core.model.session.SessionModel` and records
into a :class:`~.receipts.ReceiptsOutbox`: ``received`` for every document the member may read
when a session is opened, ``opened`` when a document comes on screen, ``read_to_end`` when its
read mark is set (the model sets it when the last page is shown). Recording writes a sealed file,
so it is handed to ``run`` (the app's database lane; inline by default). :func:`close_on_recall`
subscribes the model to an engine's recall events: a recalled open session is closed
(:meth:`SessionModel.recalled`, which tells ``Change.RECALLED`` for the GUI to say why).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from paperless.core.model.observers import Observers
from paperless.core.model.session import Change, SessionEvent, SessionModel
from paperless.core.sync.recall import RecallEvent
from paperless.core.sync.receipts import ReceiptsOutbox

Run = Callable[[Callable[[], None]], object]


class _HasRecalled(Protocol):
    recalled: Observers[RecallEvent]


class ReceiptRecorder:
    def __init__(self, model: SessionModel, outbox: ReceiptsOutbox, run: Run | None = None) -> None:
        self.model = model
        self.outbox = outbox
        self._run: Run = run or (lambda job: job())
        self.stop = model.observers.subscribe(self._on_event)

    def _on_event(self, event: SessionEvent) -> None:
        opened = self.model.opened
        if opened is None:
            return
        sid, version = opened.manifest.session_id, opened.manifest.version
        if event.change is Change.OPENED:
            entries = self.model.readable_entries()

            def received() -> None:
                for entry in entries:
                    self.outbox.record(sid, version, "received", entry=entry)

            self._run(received)
        elif event.change is Change.CURRENT and event.entry is not None:
            entry = event.entry
            self._run(lambda: self._record(sid, version, "opened", entry))
        elif event.change is Change.READ and event.read and event.entry is not None:
            entry = event.entry
            self._run(lambda: self._record(sid, version, "read_to_end", entry))

    def _record(self, session_id: str, version: int, event: str, entry: str) -> None:
        self.outbox.record(session_id, version, event, entry=entry)


def close_on_recall(engine: _HasRecalled, model: SessionModel) -> Callable[[], None]:
    """Close ``model``'s session when the engine carries out a recall of it; returns the unsubscribe."""

    def on_recall(event: RecallEvent) -> None:
        model.recalled(event.session_id, event.item)

    return engine.recalled.subscribe(on_recall)
