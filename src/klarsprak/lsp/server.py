"""The language server: pygls over stdio; diagnostics, hover and quick fixes for .md and .txt.

Diagnostics are published on open and save (the whole text) and after each change, once the
user has stopped typing for ``debounce`` seconds (only the changed paragraphs). The lint runs in
a worker thread so the server keeps answering hovers meanwhile. A ``window/logMessage`` after
each run says how many paragraphs were linted (counts only, never text)."""

from __future__ import annotations

import asyncio
from pathlib import PurePath
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.workspace.position_codec import ServerTextPosition, ServerTextRange

from klarsprak import __version__
from klarsprak.checks import registry
from klarsprak.config import Config
from klarsprak.lsp.paragraphs import BufferState, Issue, ParagraphLinter

SEVERITIES = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
              "info": types.DiagnosticSeverity.Information}
MARKDOWN_IDS = {"markdown"}
TEXT_IDS = {"plaintext", "text"}
SUFFIXES = {".md": "md", ".markdown": "md", ".txt": "txt", ".text": "txt"}


class KlarsprakServer(LanguageServer):
    def __init__(self, linter: ParagraphLinter, debounce: float):
        super().__init__("klarsprak", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.linter = linter
        self.debounce = debounce
        self.states: dict[str, BufferState] = {}
        self.formats: dict[str, str] = {}
        self.issues: dict[str, list[Issue]] = {}
        self.pending: dict[str, asyncio.Task] = {}

    def schedule(self, uri: str, whole: bool, delay: float) -> None:
        if uri not in self.formats:
            return
        previous = self.pending.pop(uri, None)
        if previous is not None and not previous.done():
            previous.cancel()
            whole = whole or getattr(previous, "whole", False)  # a pending save still wants its whole run
        task = asyncio.ensure_future(self._run(uri, whole, delay))
        task.whole = whole  # type: ignore[attr-defined]
        self.pending[uri] = task

    async def _run(self, uri: str, whole: bool, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        document = self.workspace.get_text_document(uri)
        text, version = document.source, document.version
        state = self.states.setdefault(uri, BufferState())
        loop = asyncio.get_running_loop()
        diagnosis = await loop.run_in_executor(
            None, self.linter.diagnose, text, self.formats[uri], _path_of(uri), state, whole)
        if self.pending.get(uri) is not asyncio.current_task() or uri not in self.formats:
            return  # a newer change or a close came in while this ran
        self.pending.pop(uri, None)
        lines = text.splitlines(True) or [""]
        self.issues[uri] = diagnosis.issues
        diagnostics = [_diagnostic(issue, lines, document) for issue in diagnosis.issues]
        if diagnosis.error:
            diagnostics.insert(0, types.Diagnostic(
                range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
                message=diagnosis.error, severity=types.DiagnosticSeverity.Error, source="klarsprak"))
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))
        self.window_log_message(types.LogMessageParams(
            type=types.MessageType.Log,
            message=f"klarsprak: {diagnosis.analysed} av {diagnosis.total} stycken granskades "
                    f"({'hela texten' if whole else 'ändrade stycken'}), {len(diagnostics)} fynd"))


def _path_of(uri: str) -> str | None:
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else None


def _format_of(uri: str, language_id: str | None) -> str | None:
    suffix = PurePath(urlparse(uri).path).suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if language_id in MARKDOWN_IDS:
        return "md"
    if language_id in TEXT_IDS:
        return "txt"
    return None


def _range(issue: Issue, lines, document) -> types.Range:
    codec = document.position_codec
    server_range = ServerTextRange(ServerTextPosition(issue.line, issue.column),
                                   ServerTextPosition(issue.end_line, issue.end_column))
    return codec.range_to_client_units(lines, server_range)


def _diagnostic(issue: Issue, lines, document) -> types.Diagnostic:
    f = issue.finding
    message = f.message + (f" Förslag: {', '.join(f.suggestions)}" if f.suggestions else "")
    return types.Diagnostic(
        range=_range(issue, lines, document), message=message, severity=SEVERITIES[f.severity.value],
        code=f.rule, source="klarsprak", data={"suggestions": list(f.suggestions), "name": f.name},
    )


def _hover_text(issues: list[Issue]) -> str:
    rules = registry()
    parts = []
    for issue in issues:
        f = issue.finding
        rule = rules.get(f.rule)
        text = [f"**{f.rule} {f.name}** ({f.category.label})", "", f.message]
        if f.suggestions:
            text += ["", "Förslag: " + ", ".join(f"”{s}”" for s in f.suggestions)]
        if rule is not None:
            text += ["", f"*{rule.title}.* {rule.explanation}"]
            if rule.source:
                text += ["", f"Källa: {rule.source}"]
        parts.append("\n".join(text))
    return "\n\n---\n\n".join(parts)


def _at(issue: Issue, line: int, column: int) -> bool:
    return (issue.line, issue.column) <= (line, column) <= (issue.end_line, issue.end_column) and issue.end_line >= issue.line


def build_server(explicit: Config | None = None, profile: str | None = None, debounce: float = 0.3) -> KlarsprakServer:
    server = KlarsprakServer(ParagraphLinter(explicit, profile), debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: KlarsprakServer, params: types.DidOpenTextDocumentParams):
        fmt = _format_of(params.text_document.uri, params.text_document.language_id)
        if fmt is None:
            return
        ls.formats[params.text_document.uri] = fmt
        ls.schedule(params.text_document.uri, whole=True, delay=0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: KlarsprakServer, params: types.DidChangeTextDocumentParams):
        ls.schedule(params.text_document.uri, whole=False, delay=ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: KlarsprakServer, params: types.DidSaveTextDocumentParams):
        ls.schedule(params.text_document.uri, whole=True, delay=0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: KlarsprakServer, params: types.DidCloseTextDocumentParams):
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        for table in (ls.formats, ls.states, ls.issues):
            table.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: KlarsprakServer, params: types.HoverParams):
        document = ls.workspace.get_text_document(params.text_document.uri)
        lines = document.lines or [""]
        where = document.position_codec.position_from_client_units(lines, params.position)
        hits = [i for i in ls.issues.get(params.text_document.uri, [])
                if i.end_column > i.column or i.end_line > i.line if _at(i, where.line, where.character)]
        if not hits:
            return None
        first = hits[0]
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=_hover_text(hits)),
                           range=_range(first, lines, document))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: KlarsprakServer, params: types.CodeActionParams):
        uri = params.text_document.uri
        document = ls.workspace.get_text_document(uri)
        lines = document.lines or [""]
        wanted = document.position_codec.range_from_client_units(lines, params.range)
        actions = []
        for issue in ls.issues.get(uri, []):
            f = issue.finding
            if not f.suggestions or (issue.end_line, issue.end_column) <= (issue.line, issue.column):
                continue
            if (issue.end_line, issue.end_column) < (wanted.start.line, wanted.start.character) or \
                    (wanted.end.line, wanted.end.character) < (issue.line, issue.column):
                continue
            diagnostic = _diagnostic(issue, lines, document)
            for n, suggestion in enumerate(f.suggestions):
                edit = types.TextEdit(range=diagnostic.range, new_text=suggestion)
                actions.append(types.CodeAction(
                    title=f"Ersätt ”{f.text}” med ”{suggestion}” ({f.rule})", kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic], is_preferred=(n == 0 and f.fix is not None and f.fix.safe),
                    edit=types.WorkspaceEdit(changes={uri: [edit]})))
        return actions

    return server
