"""The CSV import page: upload, a progress bar while campaigns are made, problems by row.

The upload handler only keeps the file (server side) and starts a background
event; that event runs the import in a worker thread, in one transaction, and
moves the progress bar from what the service reports through its callback.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

import reflex as rx

from konduct.db import session_scope
from konduct.domain.bulk_import import MAX_IMPORT_BYTES, CsvRejected, template_csv
from konduct.domain.errors import DomainError
from konduct.domain.plans import Feature, limits_for
from konduct.schemas.campaign_tools import ImportResult
from konduct.schemas.errors import problem_text
from konduct.services import auth, bulk_import
from konduct.services.plans import plan_of
from konduct.settings import get_settings
from konduct.state.session import SessionState

UPLOAD_ID = "campaign-csv"


@dataclass
class ProblemRow:
    row: int
    column: str
    reason: str


@dataclass
class ImportedRow:
    row: int
    campaign_id: str
    name: str


class BulkImportState(SessionState):
    allowed: bool = True
    running: bool = False
    done: int = 0
    total: int = 0
    file_name: str = ""
    problems: list[ProblemRow] = []
    imported: list[ImportedRow] = []
    failure: str = ""
    allow_duplicates: bool = False
    _pending: bytes = b""

    @rx.var
    def percent(self) -> int:
        return int(self.done * 100 / self.total) if self.total else 0

    @rx.event
    async def open_import(self):
        redirect = await self._guard()
        if redirect is not None:
            return redirect
        allowed = await self.with_user(
            lambda s, ctx: limits_for(plan_of(s, ctx.team_id)).has(Feature.BULK_OPERATIONS)
        )
        self.allowed = bool(allowed)
        return None

    @rx.event
    def set_allow_duplicates(self, value: bool):
        self.allow_duplicates = bool(value)

    @rx.event
    def download_template(self):
        return rx.download(
            data=template_csv(),
            filename="konduct-import-template.csv",
            mime_type="text/csv",
        )

    @rx.event
    async def receive(self, files: list[rx.UploadFile]):
        if self.running:
            return rx.toast.warning("An import is already running.")
        if not files:
            return rx.toast.error("Choose a CSV file first.")
        upload = files[0]
        self._pending = await upload.read(MAX_IMPORT_BYTES + 1)
        self.file_name = upload.filename or "campaigns.csv"
        self.problems, self.imported, self.failure = [], [], ""
        self.done, self.total, self.running = 0, 0, True
        return BulkImportState.run_import

    @rx.event(background=True)
    async def run_import(self):
        async with self:
            content, self._pending = self._pending, b""
            token, client = self._session_cookie(), self._client()
            allow_duplicates = self.allow_duplicates
        reported = {"done": 0, "total": 0}

        def progress(done: int, total: int) -> None:
            reported.update(done=done, total=total)

        def work() -> ImportResult:
            with session_scope() as session:
                ctx = auth.authenticate_access_token(
                    session, token=token, settings=get_settings(), via="cookie"
                )
                return bulk_import.import_csv(
                    session,
                    ctx=ctx,
                    content=content,
                    client=client,
                    allow_duplicates=allow_duplicates,
                    progress=progress,
                )

        job = asyncio.ensure_future(asyncio.to_thread(work))
        while not job.done():
            await asyncio.sleep(0.25)
            async with self:
                self.done, self.total = reported["done"], reported["total"]
        try:
            result = job.result()
        except CsvRejected as rejected:
            async with self:
                self.running = False
                self.problems = [ProblemRow(p.row, p.column, p.reason) for p in rejected.rows]
                self.failure = "Nothing was imported: fix these and upload the file again."
            yield rx.toast.error(f"{len(rejected.rows)} problem(s): nothing was imported.")
            return
        except DomainError as failure:
            async with self:
                self.running, self.failure = False, problem_text(failure)
            yield rx.toast.error(problem_text(failure))
            return
        except Exception:  # the import rolled back; the page must not spin forever
            logging.getLogger("konduct.import").exception("CSV import failed")
            async with self:
                self.running = False
                self.failure = "The import failed and nothing was imported. Try again."
            yield rx.toast.error("The import failed: nothing was imported.")
            return
        async with self:
            self.running = False
            self.done = self.total = result.imported
            self.imported = [ImportedRow(c.row, c.campaign_id, c.name) for c in result.campaigns]
        yield rx.toast.success(f"Imported {result.imported} campaigns.")
