"""Words for the user from the pure packages, translatable by the user interface.

A :class:`Message` is the English text (it is a ``str``, so logs, JSON and tests read it as
before) that also keeps its template and parameters; the interface looks the template up in
its translations and fills in the parameters (``monitor.ui.messages``).
"""

from __future__ import annotations

from collections.abc import Callable


class Message(str):
    template: str
    params: dict[str, str]      # a parameter may be a Message (its words translated too)

    def __new__(cls, template: str, **params: object) -> Message:
        # A parameter that is itself a Message stays one (said in the user's language too).
        shown = {k: v if isinstance(v, Message) else str(v) for k, v in params.items()}
        obj = super().__new__(cls, template.format(**shown))
        obj.template = template
        obj.params = shown
        return obj

    def __reduce__(self) -> tuple[Callable[[str, dict[str, str]], Message],
                                  tuple[str, dict[str, str]]]:
        # Copies and pickles keep the template (the default would take the English text
        # for one).
        return (_rebuild, (self.template, self.params))

    def capitalized(self) -> Message:
        """The same message as a sentence (first letter up, full stop)."""
        t = self.template
        return Message(t[0].upper() + t[1:] + ("" if t.endswith(".") else "."), **self.params)


def _rebuild(template: str, params: dict[str, str]) -> Message:
    return Message(template, **params)
