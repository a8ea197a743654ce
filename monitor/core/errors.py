"""Error types with messages a therapist (or a script author) can act on."""

from __future__ import annotations


class MonitorError(Exception):
    """Root of every error the product reports to a user in words, not a traceback."""


class InputFileError(MonitorError):
    """A file that cannot be read as the format it claims to be.

    Carries the file, and where known the line (1-based, counting the header) and column.
    """

    def __init__(self, path: str, problem: str, line: int | None = None,
                 column: str | None = None) -> None:
        self.path = str(path)
        self.problem = problem
        self.line = line
        self.column = column
        where = self.path
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column {column!r}"
        super().__init__(f"{where}: {problem}")


class ConfigurationError(MonitorError):
    """A request the program cannot honour, e.g. an unknown exercise or placement."""


class SystemRefusedError(MonitorError):
    """The system refused what was asked: a full disk, no permission to write, a file held by
    another program, a failing device. Nothing the input could have changed."""
