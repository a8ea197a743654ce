"""Error types with messages a therapist (or a script author) can act on."""

from __future__ import annotations

from monitor.core.messages import Message


class MonitorError(Exception):
    """Root of every error the product reports to a user in words, not a traceback."""


class InputFileError(MonitorError):
    """A file that cannot be read as the format it claims to be.

    Carries the file, and where known the line (1-based, counting the header) and column.
    ``problem`` may be a :class:`Message` (then the whole message, "line" and "column"
    included, is said in the user's language); ``str(exc)`` is English.
    """

    def __init__(self, path: str, problem: str | Message, line: int | None = None,
                 column: str | None = None) -> None:
        self.path = str(path)
        self.problem = problem
        self.line = line
        self.column = column
        where: dict[str, object] = {"path": self.path, "problem": problem}
        if line is not None and column is not None:
            template = "{path}, line {line}, column {column}: {problem}"
        elif line is not None:
            template = "{path}, line {line}: {problem}"
        elif column is not None:
            template = "{path}, column {column}: {problem}"
        else:
            template = "{path}: {problem}"
        if line is not None:
            where["line"] = line
        if column is not None:
            where["column"] = repr(column)
        super().__init__(Message(template, **where))


class ConfigurationError(MonitorError):
    """A request the program cannot honour, e.g. an unknown exercise or placement."""


class SystemRefusedError(MonitorError):
    """The system refused what was asked: a full disk, no permission to write, a file held by
    another program, a failing device. Nothing the input could have changed."""
